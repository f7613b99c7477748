"""cdk8s interop, loaded only when a blueprint sets cdk8s_charts or a user imports hagen.cdk8s.

cdk8s runs through jsii, which starts Node.js on first import (most of a second): nothing on hagen's
default path imports cdk8s, and this package imports it only inside its functions.
"""

from ._export import add_objects, api_object, chart_of, with_labels
from ._import import import_objects
from ._runtime import INSTALL_HINT, Cdk8sUnavailable, node_binary, require

__all__ = [
    "INSTALL_HINT",
    "Cdk8sUnavailable",
    "add_objects",
    "api_object",
    "chart_of",
    "import_objects",
    "node_binary",
    "require",
    "with_labels",
]

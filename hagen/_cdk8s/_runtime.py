"""Making sure cdk8s can run before anything touches it: the Python package, and Node.js for jsii.

cdk8s is TypeScript reached through jsii, which starts a Node.js process when the first cdk8s module is
imported. hagen checks both up front, so that a missing piece is one clear line instead of a jsii
traceback (jsii reports a missing `node` as a bare FileNotFoundError, and again at interpreter exit).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys

from .._errors import HagenError

INSTALL_HINT = "pip install 'hagen[cdk8s]'"
NODE_HINT = "install Node.js 20 or later (https://nodejs.org), or point JSII_NODE at a node binary"


class Cdk8sUnavailable(HagenError):
    """cdk8s is needed (a blueprint sets cdk8s_charts, or hagen.cdk8s was imported) but cannot run here."""


def node_binary() -> str | None:
    """The Node.js executable jsii would start (JSII_NODE, else `node` on PATH), or None when absent."""
    return shutil.which(os.environ.get("JSII_NODE", "node"))


def require(why: str = "cdk8s_charts") -> None:
    """Raise Cdk8sUnavailable naming what is missing; otherwise import cdk8s (which starts Node.js)."""
    for module in ("cdk8s", "constructs"):
        if sys.modules.get(module) is None and importlib.util.find_spec(module) is None:
            raise Cdk8sUnavailable(
                f"{why} needs the Python package {module!r}, which is not installed: {INSTALL_HINT}"
            )
    if sys.modules.get("cdk8s") is None and node_binary() is None:
        wanted = os.environ.get("JSII_NODE", "node")
        raise Cdk8sUnavailable(
            f"{why} needs Node.js to run cdk8s (jsii), and {wanted!r} was not found: {NODE_HINT}"
        )
    import cdk8s  # noqa: F401  (starts the jsii kernel once for the process)


def missing_module(exc: ModuleNotFoundError) -> Cdk8sUnavailable | None:
    """A clear error for a cdk8s-family module missing while user code builds a chart, else None."""
    top = (exc.name or "").split(".")[0]
    if top.startswith("cdk8s_plus"):
        hint = f"pip install {top.replace('_', '-')}"
    elif top in ("cdk8s", "constructs", "jsii"):
        hint = INSTALL_HINT
    else:
        return None
    return Cdk8sUnavailable(f"a cdk8s chart needs the Python package {top!r}, which is not installed: {hint}")

"""Package namespaces whose names load on first use (PEP 562), so that importing one submodule does not
import its siblings: a synth run needs `ClusterProfile`, not the scheduler simulation behind `hagen place`."""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def lazy_names(package: str, provides: Mapping[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: `provides` maps a relative submodule (``"._cluster"``) to
    the space-separated names it defines; each is imported on first access and then kept in the package.
    Unknown names raise AttributeError as a plain module would."""
    table = {name: module for module, names in provides.items() for name in names.split()}

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

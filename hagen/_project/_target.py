"""The target a blueprint is synthesized for: what a blueprint method with a `target` parameter receives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


def _frozen(values: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True)
class Target:
    """One environment (dev, staging, prod) a blueprint is synthesized for, optionally on a named cluster.

    A blueprint method that declares a ``target`` parameter receives it::

        def tiers(self, target):
            replicas = 1 if target is not None and target.name == "dev" else 2

    `vars` holds the free values of the target's ``vars`` table in the project configuration.
    """

    name: str
    cluster: str | None = None
    vars: Mapping[str, Any] = field(default_factory=dict, hash=False)
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "vars", _frozen(self.vars))

    def __reduce__(self) -> tuple[Any, ...]:  # the mapping proxy does not pickle; the pool sends targets
        return (Target, (self.name, self.cluster, dict(self.vars), self.description))

    def var(self, key: str, default: Any = None) -> Any:
        """The target variable `key`, or `default` when the configuration does not set it."""
        return self.vars.get(key, default)

"""A PyYAML safe loader that types plain scalars as the Kubernetes API server does (go-yaml v2).

Everything hagen reads (manifests to validate, trees to diff, Helm values) goes through it, so ``value: y``
is the boolean true and ``cpu: 1e3`` a number here exactly as on the cluster.
"""

from __future__ import annotations

from typing import Any

import yaml

from ._goresolve import BOOL, FLOAT, INT, MERGE, NULL, go_plain

try:  # libyaml's parser is ~10x faster; resolution happens in Python either way
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class GoLoader(_SafeLoader):
    """PyYAML's safe loader with go-yaml v2's typing of plain scalars (see `go_plain`)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return go_plain(value)[0]
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


def _construct(loader: GoLoader, node: yaml.ScalarNode) -> Any:
    tag, value = go_plain(node.value)
    if tag != node.tag:  # an explicit tag on a value Go would type differently: PyYAML's reading
        return yaml.SafeLoader.yaml_constructors[node.tag](loader, node)
    return value


for _tag in (BOOL, INT, FLOAT, NULL):
    GoLoader.add_constructor(_tag, _construct)
# A plain ``<<`` outside a mapping key (where PyYAML merges) is the string it reads as.
GoLoader.add_constructor(MERGE, lambda loader, node: node.value)

"""Cross-blueprint conflicts: two blueprints that emit one cluster-scoped object (a StorageClass, a shared
Namespace) with different content. The cluster holds one such object, so the last `kubectl apply` wins and
the other blueprint's settings (or labels, which `kubectl apply --prune` and tools read) are lost."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._finding import Finding
from .._objects import is_cluster_scoped, object_id

CONFLICT_ID = "objects.cluster-scoped-conflict"


def _differences(a: Mapping[str, Any], b: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths (down to the second level) where `a` and `b` differ, sorted."""
    out: list[str] = []
    for key in sorted(set(a) | set(b), key=str):
        path = f"{prefix}{key}"
        left, right = a.get(key), b.get(key)
        if left == right:
            continue
        if not prefix and isinstance(left, Mapping) and isinstance(right, Mapping):
            out += _differences(left, right, f"{path}.")
        else:
            out.append(path)
    return out


def conflict_findings(syntheses: Iterable[Any]) -> list[Finding]:
    """A finding per cluster-scoped object that two or more blueprints emit with different content.

    `syntheses`: Synthesis-like items (`blueprint.name`, `objects`). An error when the objects differ
    beyond metadata (the cluster gets one spec, whichever was applied last); a warning when only labels
    or annotations differ (hagen's own instance label differs by blueprint: apply --prune of one
    blueprint may then delete the object the other needs).
    """
    emitted: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for synthesis in syntheses:
        for obj in synthesis.objects:
            if is_cluster_scoped(obj):
                emitted.setdefault(object_id(obj), []).append((synthesis.blueprint.name, obj))
    findings: list[Finding] = []
    for oid in sorted(emitted):
        first_name, first = emitted[oid][0]
        for name, obj in emitted[oid][1:]:
            paths = _differences(first, obj)
            if not paths:
                continue
            metadata_only = all(p.startswith("metadata.") for p in paths)
            findings.append(
                Finding(
                    CONFLICT_ID,
                    "warning" if metadata_only else "error",
                    f"{oid} is emitted by blueprints {first_name} and {name} with different "
                    f"{', '.join(paths)}: the cluster holds one object, the last apply wins",
                    fix=f"declare {oid.rsplit('.', 1)[-1]} in one blueprint only (or give both the same "
                    "definition and labels)",
                    blueprint=name,
                    object_id=oid,
                )
            )
    return findings

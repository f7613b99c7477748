"""Cross-blueprint conflicts: two blueprints that emit one cluster-scoped object (a StorageClass, a shared
Namespace) with different content. The cluster holds one such object, so the last `kubectl apply` wins and
the other blueprint's settings (or labels, which `kubectl apply --prune` and tools read) are lost."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._finding import Finding
from .._objects import is_cluster_scoped, object_id

CONFLICT_ID = "objects.cluster-scoped-conflict"
SHARED_ID = "objects.shared-between-blueprints"


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


def _namespaced_ids(synthesis: Any) -> list[str]:
    """The ids of a synthesis' namespaced objects; a streamed one keeps every id (`made`) but only its
    cluster-scoped objects."""
    scoped = {object_id(obj) for obj in synthesis.objects if is_cluster_scoped(obj)}
    made = getattr(synthesis, "made", None)
    if made is not None:
        return [item.oid for item in made if item.oid not in scoped]
    return [object_id(obj) for obj in synthesis.objects if not is_cluster_scoped(obj)]


def _named(synthesis: Any) -> str:
    """A blueprint as a conflict names it: its name and, where known, the file that declares it (where
    the fix goes), e.g. ``shop (blueprints/shop.py)``."""
    spec = synthesis.blueprint
    source = getattr(spec, "source", "")
    return f"{spec.name} ({source})" if source else str(spec.name)


def _shared_findings(syntheses: list[Any]) -> list[Finding]:
    """An error per namespaced object two blueprints both emit (the same tier name in one namespace):
    each blueprint's folder holds its own version, the last apply wins, and pruning one blueprint
    deletes what the other runs. A shared cluster-scoped object is `conflict_findings`' case."""
    owners: dict[str, list[Any]] = {}
    for synthesis in syntheses:
        for oid in _namespaced_ids(synthesis):
            owners.setdefault(oid, []).append(synthesis)
    findings: list[Finding] = []
    for oid in sorted(owners):
        first, *others = owners[oid]
        for other in others:
            name = other.blueprint.name
            findings.append(
                Finding(
                    SHARED_ID,
                    "error",
                    f"{oid} is emitted by blueprints {_named(first)} and {_named(other)}: each writes its "
                    "own version of one object, the last apply wins and pruning either deletes the other's",
                    fix="rename the tier (or object) in one blueprint, or give each its own namespace",
                    blueprint=name,
                    object_id=oid,
                )
            )
    return findings


def _one_owner(oid: str, first: str, other: str) -> str:
    """How two blueprints stop emitting one cluster-scoped object. A shared Namespace is the common case:
    both blueprints label it as theirs, so one blueprint should only use it (and pruning that one's
    objects then never deletes the namespace, with everything in it, under the other)."""
    name = oid.rsplit(".", 1)[-1]
    if oid.startswith("core.Namespace."):
        return f"set create_namespace = False in blueprint {other} (or {first}): one emits namespace {name}"
    return f"declare {name} in one blueprint only (or give both the same definition and labels)"


def conflict_findings(syntheses: Iterable[Any]) -> list[Finding]:
    """A finding per object that two or more blueprints both emit: cluster-scoped ones with different
    content, and any namespaced one (`objects.shared-between-blueprints`, an error).

    `syntheses`: Synthesis-like items (`blueprint.name`, `objects`; a streamed one with `made`). For a
    cluster-scoped object, an error when the objects differ beyond metadata (the cluster gets one spec,
    whichever was applied last); a warning when only labels or annotations differ (hagen's own instance
    label differs by blueprint: apply --prune of one blueprint may then delete the object the other
    needs).
    """
    syntheses = list(syntheses)
    emitted: dict[str, list[tuple[Any, Mapping[str, Any]]]] = {}
    for synthesis in syntheses:
        for obj in synthesis.objects:
            if is_cluster_scoped(obj):
                emitted.setdefault(object_id(obj), []).append((synthesis, obj))
    findings: list[Finding] = _shared_findings(syntheses)
    for oid in sorted(emitted):
        owner, first = emitted[oid][0]
        first_name = owner.blueprint.name
        for other, obj in emitted[oid][1:]:
            name = other.blueprint.name
            paths = _differences(first, obj)
            if not paths:
                continue
            metadata_only = all(p.startswith("metadata.") for p in paths)
            findings.append(
                Finding(
                    CONFLICT_ID,
                    "warning" if metadata_only else "error",
                    f"{oid} is emitted by blueprints {_named(owner)} and {_named(other)} with different "
                    f"{', '.join(paths)}: the cluster holds one object, the last apply wins",
                    fix=_one_owner(oid, first_name, name),
                    blueprint=name,
                    object_id=oid,
                )
            )
    return findings

"""The cluster `hagen check` judges: node and zone counts for the static rules, and the one profile the
checked blueprints run on for the placement rules, as `hagen place` resolves them for the same flags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._cluster_shape import effective_shape
from ._context import ClusterCounts


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Sequence | frozenset | set) and not isinstance(value, str):
        return len(value)
    return None


def effective_counts(flags: ClusterCounts | None, declared: ClusterCounts | None = None) -> ClusterCounts:
    """The counts the static rules use: `flags` (--nodes/--zones, or `check(cluster=...)`) over the
    declared ones, shaped by `effective_shape` as `hagen place` shapes its shorthand nodes (zones at
    most one per node). A count nothing gives stays None, and rules needing it stay silent."""
    flags, declared = flags or ClusterCounts(), declared or ClusterCounts()
    return ClusterCounts(*effective_shape(flags.nodes, flags.zones, declared.nodes, declared.zones))


def cluster_of(profile: Any) -> ClusterCounts:
    """Node and zone counts of a cluster profile (counts, lists, or a zones() method)."""
    if profile is None:
        return ClusterCounts()
    nodes = getattr(profile, "nodes", None)
    zones = getattr(profile, "zones", None)
    if callable(zones):
        zones = zones()
    return ClusterCounts(nodes=_count(nodes), zones=_count(zones))


def shared_profile(syntheses: Sequence[Any], cluster: ClusterCounts | None) -> Any:
    """The one cluster profile the blueprints of `syntheses` run on (`hagen._one_cluster`), resized to the
    --nodes/--zones counts of `cluster` as `hagen place` resizes it; None when none declares one.
    InputError when two declare profiles the counts do not make one."""
    from .._one_cluster import one_cluster

    nodes, zones = (cluster.nodes, cluster.zones) if cluster is not None else (None, None)
    resize = nodes is not None or zones is not None

    def settle(declared: Any) -> Any:
        if declared is None or not resize or not callable(getattr(declared, "resized", None)):
            return declared
        return declared.resized(nodes, zones)

    return one_cluster([s.blueprint for s in syntheses], settle)

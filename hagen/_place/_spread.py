"""PodTopologySpread's filter (DoNotSchedule constraints only) as rejected nodes with their reason.

Eligible nodes carry every constraint key and pass the node inclusion policies; a domain's count is the
bound, non-terminating pods of the pod's namespace that the selector picks on its eligible nodes (an empty
selector counts none); fewer domains than minDomains makes the global minimum 0. A node passes when it has
the key and count + (1 if the pod matches the selector) - global minimum <= maxSkew.
"""

from __future__ import annotations

from . import _reasons as R
from ._filters_node import node_affinity_ok, untolerated
from ._pod import Pod
from ._state import ClusterState
from ._terms import SpreadConstraint


def _eligible(state: ClusterState, pod: Pod, c: SpreadConstraint, keys: list[str]) -> list[tuple[int, str]]:
    """(node index, domain) of the nodes a constraint counts; nodes never change during a simulation, so
    this is cached per node-level spec, keys and policies."""
    cache_key = (pod.node_key, tuple(keys), c.topology_key, c.honor_node_affinity, c.honor_taints)
    cached = state.eligible_cache.get(cache_key)
    if cached is not None:
        return cached
    out = []
    for node in state.nodes:
        labels = node.labels
        if any(k not in labels for k in keys):
            continue
        if c.honor_node_affinity and not node_affinity_ok(pod, node):
            continue
        if c.honor_taints and untolerated(pod, node) is not None:
            continue
        out.append((node.index, labels[c.topology_key]))
    state.eligible_cache[cache_key] = out
    return out


def spread_failures(state: ClusterState, pod: Pod) -> dict[int, tuple[str, ...]]:
    """Node index -> reason, for nodes failing some DoNotSchedule constraint (the first one they fail)."""
    hard = [c for c in pod.spread if c.hard]
    if not hard:
        return {}
    keys = [c.topology_key for c in hard]
    failing: dict[int, tuple[str, ...]] = {}
    for c in hard:
        per_node = state.spread_counts(pod.namespace, c.selector)
        counts: dict[str, int] = {}
        for index, value in _eligible(state, pod, c, keys):
            counts[value] = counts.get(value, 0) + (0 if c.selector.everything else per_node[index])
        global_min = min(counts.values()) if counts and len(counts) >= c.min_domains else 0
        own = 1 if c.selector.matches(pod.labels) else 0
        for index in state.missing(c.topology_key):
            failing.setdefault(index, (R.SPREAD_LABEL,))
        for value, nodes in state.domains(c.topology_key).items():
            if counts.get(value, 0) + own - global_min > c.max_skew:
                for index in nodes:
                    failing.setdefault(index, (R.SPREAD,))
    return failing

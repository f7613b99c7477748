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


def _eligible(
    state: ClusterState, pod: Pod, c: SpreadConstraint, keys: list[str]
) -> tuple[frozenset[str], dict[int, str]]:
    """(domains, node index -> domain) of the nodes a constraint counts; nodes never change during a
    simulation, so this is cached per node-level spec, keys and policies."""
    cache_key = (pod.node_key, tuple(keys), c.topology_key, c.honor_node_affinity, c.honor_taints)
    cached = state.eligible_cache.get(cache_key)
    if cached is not None:
        return cached
    out: dict[int, str] = {}
    for node in state.nodes:
        labels = node.labels
        if any(k not in labels for k in keys):
            continue
        if c.honor_node_affinity and not node_affinity_ok(pod, node):
            continue
        if c.honor_taints and untolerated(pod, node) is not None:
            continue
        out[node.index] = labels[c.topology_key]
    found = (frozenset(out.values()), out)
    state.eligible_cache[cache_key] = found
    return found


Rejected = list[tuple[frozenset[int] | set[int], tuple[str, ...]]]


def spread_failures(state: ClusterState, pod: Pod) -> Rejected:
    """Disjoint sets of nodes failing some DoNotSchedule constraint, each with its reason (the first
    constraint a node fails gives it). Domains are counted from the nodes holding selected pods, so the cost
    is the number of domains and of such nodes, not of all nodes."""
    hard = [c for c in pod.spread if c.hard]
    if not hard:
        return []
    keys = [c.topology_key for c in hard]
    failing: Rejected = []
    seen: set[int] = set()
    for c in hard:
        values, eligible = _eligible(state, pod, c, keys)
        counts = dict.fromkeys(values, 0)
        counted: set[str] = set()  # domains whose count is not 0
        if not c.selector.everything:
            per_node = state.spread_counts(pod.namespace, c.selector)
            for index in state.spread_nonzero(pod.namespace, c.selector):
                value = eligible.get(index)
                if value is not None:
                    counts[value] += per_node[index]
                    counted.add(value)
        global_min = min(counts.values()) if counts and len(counts) >= c.min_domains else 0
        own = 1 if c.selector.matches(pod.labels) else 0
        # a domain counting 0 (most of them, for a hostname key) passes or fails like every other such one
        too_many = {v for v in counted if counts[v] + own - global_min > c.max_skew}
        if own - global_min > c.max_skew:
            labelled = state.all_nodes - state.domain_set(c.topology_key, None)
            fine = (state.domain_set(c.topology_key, v) for v in counted - too_many)
            spread = labelled.difference(*fine)
        elif len(too_many) == 1:  # the cached domain itself: a placement keeps it, shared, not a copy
            spread = state.domain_set(c.topology_key, next(iter(too_many)))
        else:
            spread = frozenset().union(*(state.domain_set(c.topology_key, v) for v in too_many))
        parts = [(state.domain_set(c.topology_key, None), (R.SPREAD_LABEL,)), (spread, (R.SPREAD,))]
        for nodes, why in parts:
            new = nodes - seen if seen else nodes
            if new:
                failing.append((new, why))
                seen |= new
    return failing

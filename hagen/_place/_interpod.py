"""InterPodAffinity's filter as sets of rejected nodes: the pod's required affinity, its required
anti-affinity, and existing pods' required anti-affinity (the symmetric rule).

Each set is built from the topology counters (domains with matching pods) and the domain -> nodes index,
so the cost is the size of the domains involved, not the number of bound pods.
"""

from __future__ import annotations

from collections.abc import Collection

from ._pod import Pod
from ._rejections import AllBut
from ._state import ClusterState, term_selectors


def affinity_failures(state: ClusterState, pod: Pod) -> Collection[int]:
    """Nodes failing the pod's required affinity: lacking any term's topology key, or, unless the
    self-match exception applies, outside a domain holding a pod that matches ALL terms, for some term."""
    if not pod.affinity:
        return set()
    group = state.group(pod.affinity)
    failing: set[int] = set()
    for term in pod.affinity:
        failing.update(state.missing(term.topology_key))
    self_ok = group.total == 0 and all(state.matches(t, pod, True) for t in pod.affinity)
    if self_ok:
        return failing
    allowed: set[int] | None = None
    for term, counts in zip(group.terms, group.counts, strict=True):
        domains = state.domains(term.topology_key)
        here = {i for value, n in counts.items() if n > 0 for i in domains.get(value, ())}
        allowed = here if allowed is None else allowed & here
    # every node but the allowed ones that carry each key: kept as that (small) set, not its complement
    return AllBut(state.all_nodes, allowed - failing if allowed else frozenset())


def anti_affinity_failures(state: ClusterState, pod: Pod) -> set[int]:
    """Nodes sharing, for some required anti-affinity term, a domain with a pod the term selects (nodes
    without the term's key are not restricted by it)."""
    failing: set[int] = set()
    for term in pod.anti:
        domains = state.domains(term.topology_key)
        for value, n in state.term_count(term).counts.items():
            if n > 0:
                failing.update(domains.get(value, ()))
    return failing


def existing_anti_affinity_failures(state: ClusterState, pod: Pod) -> set[int]:
    """Nodes in a domain where a bound pod's required anti-affinity term selects `pod`; the term's own
    namespace default is the bound pod's namespace."""
    failing: set[int] = set()
    owned = state.matching(
        "anti", pod, state.owned_anti, lambda c: state.matches(c.term, pod, False), term_selectors
    )
    for counter in owned:
        if counter.total <= 0:
            continue
        domains = state.domains(counter.term.topology_key)
        for value, n in counter.counts.items():
            if n > 0:
                failing.update(domains.get(value, ()))
    return failing

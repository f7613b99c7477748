"""hagen's stated score for choosing one node among the feasible ones (the real scheduler breaks exact ties
at random, so hagen always reports the whole feasible set as well).

score = 2 × inter-pod affinity + 2 × topology spread + 1 × least allocated, each normalised to 0..100 over
the feasible nodes; ties go to the first node in natural name order (node-2 before node-10).

* inter-pod affinity: for every bound pod in the node's domain, + weight of each of the incoming pod's
  preferred affinity terms it matches, − weight for preferred anti-affinity terms, + 1 for each of the bound
  pod's required affinity terms the incoming pod matches, ± weight for the bound pod's preferred terms.
* topology spread: fewer matching pods in the node's domain is better, over the pod's ScheduleAnyway
  constraints, or, for a pod of a workload with no constraints, the scheduler's defaults (hostname and zone).
* least allocated: free cpu and memory after placing the pod, as a share of allocatable.
"""

from __future__ import annotations

import re

from ._cluster import HOSTNAME, ZONE
from ._pod import Pod
from ._selector import Selector
from ._state import ClusterState

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key comparing runs of digits as numbers: node-2 < node-10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _DIGITS.split(name) if p)


def _normalise(raw: list[float], higher_better: bool) -> list[float]:
    low, high = min(raw), max(raw)
    if high == low:
        return [0.0 if higher_better else 100.0] * len(raw)
    if higher_better:
        return [100 * (r - low) / (high - low) for r in raw]
    return [100 * (high - r) / (high - low) for r in raw]


def _interpod(state: ClusterState, pod: Pod, feasible: list[int]) -> list[float]:
    raw = [0.0] * len(feasible)
    sources: list[tuple[int, str, dict[str, int]]] = []
    for weight, term in pod.preferred:
        sources.append((weight, term.topology_key, state.term_count(term).counts))
    owned = state.matching(
        "score",
        pod,
        state.owned_score,
        lambda e: state.matches(e[1].term, pod, False),
        lambda e: [e[1].term.selector],
    )
    for weight, counter in owned:
        if counter.total > 0:
            sources.append((weight, counter.term.topology_key, counter.counts))
    for weight, topology_key, counts in sources:
        for j, i in enumerate(feasible):
            value = state.nodes[i].labels.get(topology_key)
            if value is not None:
                raw[j] += weight * counts.get(value, 0)
    return raw


def _spread(state: ClusterState, pod: Pod, feasible: list[int]) -> list[float]:
    soft: list[tuple[str, Selector, int]] = [
        (c.topology_key, c.selector, c.max_skew) for c in pod.spread if not c.hard
    ]
    if not pod.spread and pod.owner_selector is not None:
        soft = [(HOSTNAME, pod.owner_selector, 3), (ZONE, pod.owner_selector, 5)]
    raw = [0.0] * len(feasible)
    for topology_key, selector, max_skew in soft:
        per_node = state.spread_counts(pod.namespace, selector)
        domains: dict[str, int] = {}
        for node in state.nodes:
            value = node.labels.get(topology_key)
            if value is not None:
                domains[value] = domains.get(value, 0) + per_node[node.index]
        for j, i in enumerate(feasible):
            value = state.nodes[i].labels.get(topology_key)
            if value is not None:
                raw[j] += domains.get(value, 0) + max_skew - 1
    return raw


def _least_allocated(state: ClusterState, pod: Pod, feasible: list[int]) -> list[float]:
    out = []
    nodes, used_cpu, used_memory, cpu, memory = (
        state.nodes,
        state.used_cpu,
        state.used_memory,
        pod.cpu,
        pod.memory,
    )
    for i in feasible:
        node = nodes[i]
        if node.cpu and node.memory:
            free_cpu = max(0, node.cpu - used_cpu[i] - cpu) / node.cpu
            out.append(50 * (free_cpu + max(0, node.memory - used_memory[i] - memory) / node.memory))
        elif node.cpu:
            out.append(100 * max(0, node.cpu - used_cpu[i] - cpu) / node.cpu)
        elif node.memory:
            out.append(100 * max(0, node.memory - used_memory[i] - memory) / node.memory)
        else:
            out.append(100.0)
    return out


def choose(state: ClusterState, pod: Pod, feasible: list[int]) -> int:
    """The node index hagen places `pod` on: best score, then natural name order."""
    if len(feasible) == 1:
        return feasible[0]
    interpod = _normalise(_interpod(state, pod, feasible), higher_better=True)
    spread = _normalise(_spread(state, pod, feasible), higher_better=False)
    least = _least_allocated(state, pod, feasible)
    best = feasible[0]
    best_key: tuple[float, int] | None = None
    rank = state.name_rank
    for j, i in enumerate(feasible):
        total = round(2 * interpod[j] + 2 * spread[j] + least[j], 6)
        key = (-total, rank[i])
        if best_key is None or key < best_key:
            best, best_key = i, key
    return best

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
from collections.abc import Collection
from collections.abc import Set as AbstractSet

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


Source = tuple[int, str, dict[str, int]]  # (weight, topology key, pods counted per domain)
Soft = tuple[str, dict[str, int], int]  # (topology key, pods per domain, maxSkew)


def _interpod_sources(state: ClusterState, pod: Pod) -> list[Source]:
    sources: list[Source] = []
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
    return sources


def _soft_spread(state: ClusterState, pod: Pod) -> list[Soft]:
    soft: list[tuple[str, Selector, int]] = [
        (c.topology_key, c.selector, c.max_skew) for c in pod.spread if not c.hard
    ]
    if not pod.spread and pod.owner_selector is not None:
        soft = [(HOSTNAME, pod.owner_selector, 3), (ZONE, pod.owner_selector, 5)]
    out: list[Soft] = []
    nodes = state.nodes
    for topology_key, selector, max_skew in soft:
        per_node = state.spread_counts(pod.namespace, selector)
        domains: dict[str, int] = {}
        for i in state.spread_nonzero(pod.namespace, selector):
            value = nodes[i].labels.get(topology_key)
            if value is not None:
                domains[value] = domains.get(value, 0) + per_node[i]
        out.append((topology_key, domains, max_skew))
    return out


def _least_allocated(state: ClusterState, pod: Pod, i: int) -> float:
    node, cpu, memory = state.nodes[i], pod.cpu, pod.memory
    used_cpu, used_memory = state.used_cpu[i], state.used_memory[i]
    if node.cpu and node.memory:
        free_cpu = max(0, node.cpu - used_cpu - cpu) / node.cpu
        return 50 * (free_cpu + max(0, node.memory - used_memory - memory) / node.memory)
    if node.cpu:
        return 100 * max(0, node.cpu - used_cpu - cpu) / node.cpu
    if node.memory:
        return 100 * max(0, node.memory - used_memory - memory) / node.memory
    return 100.0


def _split(state: ClusterState, classes: list[set[int]], key: str, values: set[str]) -> list[set[int]]:
    """`classes` refined so that no class mixes nodes of different domains among `values` of `key`, or
    nodes of those domains with the others."""
    out: list[set[int]] = []
    for members in classes:
        rest = members
        for value in values:
            hit = rest.intersection(state.domain_set(key, value))
            if hit and len(hit) < len(rest):
                out.append(hit)
                rest = rest - hit
            elif hit:
                break
        out.append(rest)
    return out


def _classes(
    state: ClusterState, wanted: AbstractSet[int], sources: list[Source], soft: list[Soft]
) -> list[set[int]]:
    """The feasible nodes in classes that score the same: same room, and the same domain wherever a
    score counts pods (nodes of domains counting none, or without the key, score alike)."""
    classes = [hit for members in state.room.groups.values() if (hit := members & wanted)]
    keys: dict[str, set[str]] = {}
    for _, key, counts in sources:
        keys.setdefault(key, set()).update(v for v, n in counts.items() if n)
    for key, domains, _ in soft:
        keys.setdefault(key, set()).update(v for v, n in domains.items() if n)
        classes = _split_missing(state, classes, key)
    for key, values in keys.items():
        if values:
            classes = _split(state, classes, key, values)
    return classes


def _split_missing(state: ClusterState, classes: list[set[int]], key: str) -> list[set[int]]:
    missing = state.domain_set(key, None)
    if not missing:
        return classes
    out: list[set[int]] = []
    for members in classes:
        hit = members.intersection(missing)
        out += [hit, members - hit] if hit and len(hit) < len(members) else [members]
    return out


def choose(state: ClusterState, pod: Pod, feasible: Collection[int]) -> int:
    """The node index hagen places `pod` on among the (non-empty) `feasible` indices, in any order: best
    score, then natural name order. Each class of nodes that score the same (see `_classes`) is scored
    once, from one of its nodes."""
    if len(feasible) == 1:
        return next(iter(feasible))
    sources, soft = _interpod_sources(state, pod), _soft_spread(state, pod)
    wanted = feasible if isinstance(feasible, AbstractSet) else set(feasible)
    classes = _classes(state, wanted, sources, soft)
    interpod_raw: list[float] = []
    spread_raw: list[float] = []
    least: list[float] = []
    for members in classes:
        i = next(iter(members))
        labels = state.nodes[i].labels
        raw = 0.0
        for weight, topology_key, counts in sources:
            value = labels.get(topology_key)
            if value is not None:
                raw += weight * counts.get(value, 0)
        interpod_raw.append(raw)
        raw = 0.0
        for topology_key, domains, max_skew in soft:
            value = labels.get(topology_key)
            if value is not None:
                raw += domains.get(value, 0) + max_skew - 1
        spread_raw.append(raw)
        least.append(_least_allocated(state, pod, i))
    interpod = _normalise(interpod_raw, higher_better=True)
    spread = _normalise(spread_raw, higher_better=False)
    totals = [round(2 * interpod[j] + 2 * spread[j] + least[j], 6) for j in range(len(classes))]
    best = max(totals)
    rank = state.name_rank
    return min(
        (min(members, key=rank.__getitem__) for j, members in enumerate(classes) if totals[j] == best),
        key=rank.__getitem__,
    )

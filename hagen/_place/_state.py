"""The cluster state one scheduling cycle sees, kept as counters that each bind updates.

Every rule the filters apply needs "how many bound pods that a term selects sit in topology domain
(key, value)". Recounting all bound pods per incoming pod would make each pod cost O(pods already placed);
instead each distinct term (identified by its owner namespace, selector, namespaces and topology key) gets a
counter, registered the first time a pod asks for it (one scan), and bind/unbind update every registered
counter. Pods of one workload share their terms, so the number of counters stays small.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ._cluster import SimNode
from ._labelindex import ClassIndex, ItemIndex
from ._pod import Pod
from ._rejections import Static
from ._room import RoomIndex
from ._selector import Selector
from ._terms import AffinityTerm

T = TypeVar("T")


@dataclass(slots=True)
class AffinityGroup:
    """Counts for one pod's set of required affinity terms: pods matching ALL terms, per term domain."""

    terms: tuple[AffinityTerm, ...]
    counts: list[dict[str, int]]
    total: int = 0


@dataclass(slots=True)
class TermCount:
    """Bound pods counted in the domains of `term.topology_key`."""

    term: AffinityTerm
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0

    def add(self, labels: Mapping[str, str], delta: int) -> None:
        value = labels.get(self.term.topology_key)
        if value is not None:
            self.counts[value] = self.counts.get(value, 0) + delta
            self.total += delta


def term_selectors(counter: TermCount) -> list[Selector]:
    """The selector a counter's term selects pods with (for the label-pair index)."""
    return [counter.term.selector]


class ClusterState:
    """Nodes, the pods bound to them, used resources, and the topology counters."""

    def __init__(self, nodes: list[SimNode], namespaces: Mapping[str, Mapping[str, str]]) -> None:
        from ._score import natural_key

        self.nodes = nodes
        ranked = sorted(range(len(nodes)), key=lambda i: natural_key(nodes[i].name))
        self.name_rank = [0] * len(nodes)
        for rank, i in enumerate(ranked):
            self.name_rank[i] = rank
        self.by_name = {n.name: n for n in nodes}
        self.namespaces = namespaces
        self.pods_on: list[list[Pod]] = [[] for _ in nodes]
        self.used_cpu = [0] * len(nodes)
        self.used_memory = [0] * len(nodes)
        # room left per node (unlimited: sys.maxsize), read by the resource filter's fast path
        self.free_cpu = [sys.maxsize if n.cpu is None else n.cpu for n in nodes]
        self.free_memory = [sys.maxsize if n.memory is None else n.memory for n in nodes]
        self.free_pods = [sys.maxsize if n.pods is None else n.pods for n in nodes]
        self.room = RoomIndex(nodes)
        self.all_nodes = frozenset(range(len(nodes)))
        self.node_of: dict[Pod, int] = {}
        self.version = 0
        self.static_cache: dict[str, Static] = {}
        self._match: dict[tuple[object, ...], bool] = {}
        self._groups: dict[tuple[object, ...], AffinityGroup] = {}
        self._group_list: list[AffinityGroup] = []
        self._incoming: dict[tuple[str, ...], TermCount] = {}
        self._incoming_list: list[TermCount] = []
        # terms carried by bound pods: ("anti", key) for symmetry, ("score", key, weight) for scoring
        self.owned: dict[tuple[object, ...], TermCount] = {}
        self.owned_anti: list[TermCount] = []
        self.owned_score: list[tuple[int, TermCount]] = []
        # per (namespace, selector): pods per node, and the nodes where that count is not 0
        self._spread: dict[tuple[str, str], tuple[list[int], set[int]]] = {}
        self._spread_list: list[tuple[str, Selector, list[int], set[int]]] = []
        # per (what, namespace, labels): how far down each list a pod class was tested, and its hits
        self._classes: dict[tuple[str, str, str], tuple[list[int], list[object]]] = {}
        self.eligible_cache: dict[tuple[object, ...], tuple[frozenset[str], dict[int, str]]] = {}
        # bound pods grouped by (namespace, labels, terminating) with a count per node: registering a
        # counter tests each class once instead of each bound pod
        self._bound: dict[tuple[str, str, bool], tuple[Pod, dict[int, int]]] = {}
        self._bound_index: ClassIndex[tuple[str, str, bool]] = ClassIndex()
        self._indexes: dict[str, ItemIndex[object]] = {}
        self._domains: dict[str, dict[str, list[int]]] = {}
        self._missing: dict[str, list[int]] = {}
        self._domain_sets: dict[tuple[str, str | None], frozenset[int]] = {}

    def domains(self, key: str) -> dict[str, list[int]]:
        """Topology domains of `key`: label value -> indices of the nodes carrying it."""
        found = self._domains.get(key)
        if found is None:
            found = {}
            for node in self.nodes:
                value = node.labels.get(key)
                if value is not None:
                    found.setdefault(value, []).append(node.index)
            self._domains[key] = found
            self._missing[key] = [n.index for n in self.nodes if key not in n.labels]
        return found

    def missing(self, key: str) -> list[int]:
        """Indices of the nodes without the label `key`."""
        self.domains(key)
        return self._missing[key]

    def domain_set(self, key: str, value: str | None) -> frozenset[int]:
        """Indices of the nodes whose label `key` is `value` (None: the nodes without the label)."""
        found = self._domain_sets.get((key, value))
        if found is None:
            found = frozenset(self.missing(key) if value is None else self.domains(key).get(value, ()))
            self._domain_sets[key, value] = found
        return found

    def matching(
        self,
        what: str,
        pod: Pod,
        items: list[T],
        test: Callable[[T], bool],
        selectors_of: Callable[[T], Sequence[Selector]],
    ) -> list[T]:
        """The entries of the append-only list `items` that `test` accepts for pods like `pod` (same
        namespace and labels); each entry is tested once per pod class, and only if its selectors' required
        label pairs are among the pod's (`selectors_of` gives them), so a bind or a filter run costs the
        number of hits, not the number of counters."""
        key = (what, pod.namespace, pod.labels_key)
        entry = self._classes.get(key)
        if entry is None:
            entry = self._classes[key] = ([0], [])
        upto, hits = entry
        if upto[0] < len(items):
            index = self._indexes.get(what)
            if index is None:
                index = self._indexes[what] = ItemIndex(selectors_of)  # type: ignore[arg-type]
            index.extend(items, self._bound_index)
            hits.extend(item for i in index.candidates(pod.labels, upto[0]) if test(item := items[i]))
            upto[0] = len(items)
        return hits  # type: ignore[return-value]

    def matches(self, term: AffinityTerm, pod: Pod, incoming: bool) -> bool:
        """Does `term` select `pod` (cached by the pod's namespace and labels)?"""
        key = (term.key, incoming, pod.namespace, pod.labels_key)
        hit = self._match.get(key)
        if hit is None:
            hit = term.matches(pod.namespace, pod.labels, self.namespaces, incoming)
            self._match[key] = hit
        return hit

    def _matches_all(self, terms: tuple[AffinityTerm, ...], pod: Pod) -> bool:
        return all(self.matches(t, pod, True) for t in terms)

    def group(self, terms: tuple[AffinityTerm, ...]) -> AffinityGroup:
        """The counter of bound pods matching all of `terms` (registered on first use)."""
        key = tuple(t.key for t in terms)
        group = self._groups.get(key)
        if group is None:
            group = AffinityGroup(terms, [{} for _ in terms])
            for cls in self._bound_index.candidates([t.selector for t in terms]):
                pod, per_node = self._bound[cls]
                if self._matches_all(group.terms, pod):
                    for idx, n in per_node.items():
                        self._group_add(group, self.nodes[idx].labels, delta=n)
            self._groups[key] = group
            self._group_list.append(group)
        return group

    @staticmethod
    def _group_add(group: AffinityGroup, labels: Mapping[str, str], delta: int) -> None:
        for i, term in enumerate(group.terms):
            value = labels.get(term.topology_key)
            if value is not None:
                group.counts[i][value] = group.counts[i].get(value, 0) + delta
                group.total += delta

    def term_count(self, term: AffinityTerm) -> TermCount:
        """The counter of bound pods that `term` (owned by an incoming pod) selects."""
        counter = self._incoming.get(term.key)
        if counter is None:
            counter = TermCount(term)
            for cls in self._bound_index.candidates([term.selector]):
                pod, per_node = self._bound[cls]
                if self.matches(term, pod, True):
                    for idx, n in per_node.items():
                        counter.add(self.nodes[idx].labels, n)
            self._incoming[term.key] = counter
            self._incoming_list.append(counter)
        return counter

    def spread_counts(self, namespace: str, selector: Selector) -> list[int]:
        """Per node: bound, non-terminating pods in `namespace` that `selector` selects."""
        return self._spread_entry(namespace, selector)[0]

    def spread_nonzero(self, namespace: str, selector: Selector) -> set[int]:
        """The nodes where `spread_counts` is not 0 (read, never change)."""
        return self._spread_entry(namespace, selector)[1]

    def _spread_entry(self, namespace: str, selector: Selector) -> tuple[list[int], set[int]]:
        key = (namespace, selector.key)
        entry = self._spread.get(key)
        if entry is None:
            per_node = [0] * len(self.nodes)
            for cls in self._bound_index.candidates([selector]):
                pod, on = self._bound[cls]
                if pod.namespace == namespace and not pod.terminating and selector.matches(pod.labels):
                    for idx, n in on.items():
                        per_node[idx] += n
            entry = (per_node, {i for i, n in enumerate(per_node) if n})
            self._spread[key] = entry
            self._spread_list.append((namespace, selector, *entry))
        return entry

    def bind(self, pod: Pod, index: int) -> None:
        """Put `pod` on node `index` and update every counter."""
        self.pods_on[index].append(pod)
        self.node_of[pod] = index
        self._apply(pod, index, 1)

    def unbind(self, pod: Pod) -> int:
        """Remove a bound pod (deleted or evicted); returns the node index it was on."""
        index = self.node_of.pop(pod)
        self.pods_on[index].remove(pod)
        self._apply(pod, index, -1)
        return index

    def _apply(self, pod: Pod, index: int, delta: int) -> None:
        labels = self.nodes[index].labels
        cls = (pod.namespace, pod.labels_key, pod.terminating)
        entry = self._bound.get(cls)
        if entry is None:
            entry = self._bound[cls] = (pod, {})
            self._bound_index.add(cls, pod.labels)
        entry[1][index] = entry[1].get(index, 0) + delta
        if not entry[1][index]:
            del entry[1][index]
        self.used_cpu[index] += delta * pod.cpu
        self.used_memory[index] += delta * pod.memory
        self.free_cpu[index] -= delta * pod.cpu
        self.free_memory[index] -= delta * pod.memory
        self.free_pods[index] -= delta
        self.room.add(index, delta, delta * pod.cpu, delta * pod.memory)
        groups = self.matching(
            "group",
            pod,
            self._group_list,
            lambda g: self._matches_all(g.terms, pod),
            lambda g: [t.selector for t in g.terms],
        )
        for group in groups:
            self._group_add(group, labels, delta)
        for counter in self.matching(
            "in", pod, self._incoming_list, lambda c: self.matches(c.term, pod, True), term_selectors
        ):
            counter.add(labels, delta)
        owned: list[tuple[tuple[object, ...], AffinityTerm]] = [(("anti", t.key), t) for t in pod.anti]
        # hardPodAffinityWeight (1): an existing pod's required affinity attracts pods it selects
        owned += [(("score", t.key, 1), t) for t in pod.affinity]
        owned += [(("score", t.key, w), t) for w, t in pod.preferred]
        for key, term in owned:
            found = self.owned.get(key)
            if found is None:
                found = self.owned[key] = TermCount(term)
                if key[0] == "anti":
                    self.owned_anti.append(found)
                else:
                    self.owned_score.append((int(str(key[2])), found))
            found.add(labels, delta)
        if not pod.terminating:
            spread = self.matching(
                "spread",
                pod,
                self._spread_list,
                lambda e: e[0] == pod.namespace and e[1].matches(pod.labels),
                lambda e: [e[1]],
            )
            for _, _, per_node, nonzero in spread:
                per_node[index] += delta
                if per_node[index]:
                    nonzero.add(index)
                else:
                    nonzero.discard(index)
        self.version += 1

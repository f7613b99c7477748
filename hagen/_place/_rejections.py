"""The nodes one scheduling attempt rejected, kept as groups of nodes sharing a reason.

A placement on 1,000 nodes rejects most of them for one or two reasons; a map node -> reasons per
placement would cost the number of nodes in time and memory for every pod. The groups are the sets the
filters produce anyway (the node-level rejections, cached per node-level spec, are shared by reference);
the histogram the FailedScheduling line and the JSON summary need is counted once from them, and the
per-node map is only built when asked for (`--feasible`, the Pending pods of a picture).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet

Reasons = tuple[str, ...]


class AllBut(Collection[int]):
    """The nodes of `universe` outside `allowed` (a subset of it), without building that set: a pod's
    required affinity rejects every node but the few near a pod it needs, and a placement keeps its
    rejections, so a set per pod would cost the number of nodes in memory. Iterating builds the set for
    the moment only."""

    __slots__ = ("allowed", "universe")

    def __init__(self, universe: frozenset[int], allowed: AbstractSet[int]) -> None:
        self.universe = universe
        self.allowed = allowed

    def __len__(self) -> int:
        return len(self.universe) - len(self.allowed)

    def __contains__(self, index: object) -> bool:
        return index in self.universe and index not in self.allowed

    def __iter__(self) -> Iterator[int]:
        return iter(self.universe - self.allowed)


Group = tuple[Collection[int], Reasons]
# what the node-level filters give for one node-level spec: (nodes passing, node -> reasons of the others,
# reasons -> how many nodes gave them)
Static = tuple[frozenset[int], dict[int, Reasons], dict[Reasons, int]]


class Rejections(Mapping[int, Reasons]):
    """Rejected node index -> its reasons, as the filters decided them: `static` (the node-level
    filters' map), then `groups` in the order they were found, a later group overriding an earlier one
    for a node in both (the plugin order, see `hagen._place._filters.evaluate`). `tally` counts the
    nodes per reasons tuple, each node once. With `every` (all nodes, when all of them fitted), a group
    is a filter's own set and its nodes are listed in the order of `every & group`, as when the groups
    were intersected with the fitting nodes on the spot."""

    __slots__ = ("_map", "every", "groups", "static", "tally")

    def __init__(
        self,
        static: Mapping[int, Reasons],
        groups: Sequence[Group],
        tally: dict[Reasons, int],
        every: frozenset[int] | None = None,
    ):
        self.static = static
        self.groups = groups
        self.tally = tally
        self.every = every
        self._map: dict[int, Reasons] | None = None

    @classmethod
    def count(
        cls,
        static: Mapping[int, Reasons],
        static_tally: Mapping[Reasons, int],
        groups: Sequence[Group],
        every: frozenset[int] | None = None,
    ) -> Rejections:
        """Rejections from groups that may overlap (the last group a node is in gives its reasons)."""
        tally = dict(static_tally)
        taken: set[int] = set()
        last = len(groups) - 1
        for k, (nodes, why) in enumerate(reversed(groups)):
            new = len(nodes) if not taken else len(nodes) - len(taken.intersection(nodes))
            if k < last:  # the earliest group's nodes are never looked up again
                taken.update(nodes)
            if new:
                tally[why] = tally.get(why, 0) + new
        return cls(static, groups, tally, every)

    def _nodes(self) -> dict[int, Reasons]:
        # the same insertion order as filling one dict filter by filter, so a listing in map order
        # (the reason groups of a Pending pod in a picture) is what it always was
        if self._map is None:
            found = dict(self.static)
            every = self.every
            for nodes, why in self.groups:
                found.update(dict.fromkeys(nodes if every is None else every.intersection(nodes), why))
            self._map = found
        return self._map

    def nodes(self) -> set[int]:
        """Every rejected node index, from the groups as they are (no per-node map is built)."""
        found = set(self.static)
        for nodes, _ in self.groups:
            found.update(nodes)
        return found if self.every is None else found & self.every

    def __getitem__(self, index: int) -> Reasons:
        return self._nodes()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._nodes())

    def __len__(self) -> int:
        return sum(self.tally.values())

    def histogram(self) -> dict[str, int]:
        """Each reason -> how many rejected nodes gave it (the FitError histogram), sorted by reason."""
        counts: dict[str, int] = {}
        for why, n in self.tally.items():
            for reason in why:
                counts[reason] = counts.get(reason, 0) + n
        return dict(sorted(counts.items()))

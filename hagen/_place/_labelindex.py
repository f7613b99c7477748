"""Indexes by label pair, so that matching selectors against pods costs the matches, not the product.

A selector that requires ``key In [value]`` (a ``matchLabels`` entry) can only select pods carrying the pair
(key, value). Bound pod classes (namespace, labels) are filed under each of their pairs; counters (terms and
spread selectors) under the one required pair with the fewest classes when they are filed. Looking up the
counters for a new label set then reads the buckets of its own pairs plus the counters with no such pair,
and registering a counter reads one bucket of classes: without the index, either side rescanned everything
(quadratic in workloads: 2.25 million selector tests at 5,000 pods).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Generic, TypeVar

from ._selector import Selector

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
Pair = tuple[str, str]


def required_pairs(selectors: Iterable[Selector]) -> list[Pair]:
    """The (key, value) pairs every pod that all of `selectors` select must carry."""
    out: list[Pair] = []
    for selector in selectors:
        for key, op, values in selector.requirements:
            if op == "In" and len(values) == 1:
                out.append((key, next(iter(values))))
    return out


class ClassIndex(Generic[K]):
    """Keys of bound pod classes, all of them and by each label pair they carry."""

    __slots__ = ("all", "by_pair")

    def __init__(self) -> None:
        self.all: list[K] = []
        self.by_pair: dict[Pair, list[K]] = {}

    def add(self, key: K, labels: Mapping[str, str]) -> None:
        self.all.append(key)
        for pair in labels.items():
            self.by_pair.setdefault(pair, []).append(key)

    def narrowest(self, pairs: Sequence[Pair]) -> Pair | None:
        """The pair of `pairs` the fewest classes carry (None when `pairs` is empty)."""
        return min(pairs, key=lambda p: len(self.by_pair.get(p, ())), default=None)

    def candidates(self, selectors: Sequence[Selector]) -> list[K]:
        """Classes that could match all of `selectors` (a superset; the caller still tests each)."""
        if any(s.nothing for s in selectors):
            return []
        pair = self.narrowest(required_pairs(selectors))
        return self.all if pair is None else self.by_pair.get(pair, [])


class ItemIndex(Generic[T]):
    """Positions of an append-only list's entries, by the required pair of their selectors."""

    __slots__ = ("by_pair", "general", "selectors_of", "upto")

    def __init__(self, selectors_of: Callable[[T], Sequence[Selector]]) -> None:
        self.selectors_of = selectors_of
        self.upto = 0
        self.general: list[int] = []
        self.by_pair: dict[Pair, list[int]] = {}

    def extend(self, items: Sequence[T], classes: ClassIndex[K]) -> None:
        """File the entries appended since the last call."""
        for i in range(self.upto, len(items)):
            selectors = self.selectors_of(items[i])
            if any(s.nothing for s in selectors):
                continue  # a null selector selects nothing
            pair = classes.narrowest(required_pairs(selectors))
            if pair is None:
                self.general.append(i)
            else:
                self.by_pair.setdefault(pair, []).append(i)
        self.upto = len(items)

    def candidates(self, labels: Mapping[str, str], start: int) -> list[int]:
        """Positions from `start` on whose selectors could select `labels`, in list order."""
        out = self.general[bisect_left(self.general, start) :]
        for pair in labels.items():
            bucket = self.by_pair.get(pair)
            if bucket:
                out += bucket[bisect_left(bucket, start) :]
        out.sort()
        return out

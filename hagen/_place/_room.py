"""Nodes grouped by their room: capacity and what bound pods use of it (pods, cpu, memory).

Nodes with the same room answer NodeResourcesFit the same way and score the same least-allocated value,
so the filters and the score test each group once instead of each node: a pod costs the number of distinct
rooms, which stays small when workloads share their requests, not the number of nodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from . import _reasons as R

# (capacity pods, cpu millicores, memory bytes; None = unlimited) + (used pods, cpu, memory)
Room = tuple[int | None, int | None, int | None, int, int, int]


class _Node(Protocol):
    @property
    def pods(self) -> int | None: ...
    @property
    def cpu(self) -> int | None: ...
    @property
    def memory(self) -> int | None: ...


class RoomIndex:
    """Room -> indices of the nodes that have it; `add` moves a node when a pod binds or leaves."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.room_of: list[Room] = [(n.pods, n.cpu, n.memory, 0, 0, 0) for n in nodes]
        self.groups: dict[Room, set[int]] = {}
        for index, room in enumerate(self.room_of):
            self.groups.setdefault(room, set()).add(index)

    def add(self, index: int, pods: int, cpu: int, memory: int) -> None:
        """Node `index` now uses `pods`, `cpu` and `memory` more (negative: less)."""
        old = self.room_of[index]
        new = (old[0], old[1], old[2], old[3] + pods, old[4] + cpu, old[5] + memory)
        members = self.groups[old]
        members.discard(index)
        if not members:
            del self.groups[old]
        self.groups.setdefault(new, set()).add(index)
        self.room_of[index] = new


def shortage(room: Room, cpu: int, memory: int) -> tuple[str, ...] | None:
    """NodeResourcesFit's reasons for a pod requesting `cpu` and `memory` on a node with `room` (every
    shortage, the pod count first, as fitsRequest lists them), None when it fits."""
    cap_pods, cap_cpu, cap_memory, pods, used_cpu, used_memory = room
    short: list[str] = []
    if cap_pods is not None and pods + 1 > cap_pods:
        short.append(R.TOO_MANY_PODS)
    if cpu and cap_cpu is not None and used_cpu + cpu > cap_cpu:
        short.append(R.insufficient("cpu"))
    if memory and cap_memory is not None and used_memory + memory > cap_memory:
        short.append(R.insufficient("memory"))
    return tuple(short) or None

"""Scheduling pods one at a time, with a stated retry model.

Retry model (the one the reference sequences use): a pod that fits no node stays Pending; after every
successful placement, every Pending pod is retried once, oldest-created first, and a placement made during
such a pass triggers another pass. A Pending pod whose outcome the new placement cannot change (the placed
pod matches neither all of its required affinity terms nor one of its spread selectors) is not re-evaluated:
adding a pod only ever removes room for everything else, so the skipped attempt would fail the same way.
Deleting pods (rollouts, failures) makes every Pending pod worth retrying.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ._cluster import ClusterProfile, SimNode, sim_nodes
from ._filters import Evaluation, evaluate
from ._pod import Pod
from ._reasons import fit_counts
from ._rejections import Rejections
from ._score import choose
from ._state import ClusterState


@dataclass(slots=True)
class Placement:
    """Where one pod went (`node` None: Pending), the nodes that passed every filter at its first attempt,
    and per rejected node the scheduler's reasons at the attempt that decided it (its last one).

    Node sets are kept as indices into `names` (the cluster's node names) and turned into names only when
    asked for, so a placement costs the same whatever the number of nodes: the first attempt's feasible
    nodes are its count and the nodes that attempt did not reject (`first_rejected`)."""

    pod: Pod
    node: str | None = None
    first_attempt_node: str | None = None
    attempts: int = 0
    names: Sequence[str] = ()
    first_count: int = 0
    first_rejected: Rejections | None = None
    rejected: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def pending(self) -> bool:
        return self.node is None

    @property
    def first_feasible(self) -> list[int]:
        """Indices of the nodes that passed every filter at the first attempt, in node order."""
        if not self.first_count or self.first_rejected is None:
            return []
        return sorted(set(range(len(self.names))).difference(self.first_rejected.nodes()))

    @property
    def first_attempt_feasible(self) -> tuple[str, ...]:
        """Names of the nodes that passed every filter at the first attempt, in node order."""
        return tuple(self.names[i] for i in self.first_feasible)

    @property
    def reasons(self) -> dict[str, tuple[str, ...]]:
        """Rejected node name -> the scheduler's reasons at the deciding attempt."""
        return {self.names[i]: why for i, why in self.rejected.items()}

    def reason_counts(self) -> dict[str, int]:
        """Each reason at the deciding attempt -> how many nodes gave it (the FitError histogram)."""
        rejected = self.rejected
        if isinstance(rejected, Rejections):
            return rejected.histogram()
        counts: dict[str, int] = {}
        for why, n in Counter(rejected.values()).items():  # few distinct tuples: count those first
            for reason in why:
                counts[reason] = counts.get(reason, 0) + n
        return dict(sorted(counts.items()))

    def message(self, total_nodes: int) -> str:
        """The scheduler's FailedScheduling line for a Pending pod ("0/3 nodes are available: ...")."""
        return fit_counts(total_nodes, self.reason_counts())


@dataclass(slots=True)
class Snapshot:
    """A simulator's bindings, placements and queue at one moment (`Simulator.snapshot`)."""

    node_of: dict[Pod, int]
    pods_on: list[list[Pod]]
    placements: dict[Pod, Placement]
    pending: list[Pod]


class Simulator:
    """A cluster state plus the scheduling queue; create() and delete() drive it."""

    def __init__(
        self, nodes: list[SimNode], namespaces: Mapping[str, Mapping[str, str]] | None = None
    ) -> None:
        self.state = ClusterState(nodes, namespaces or {})
        self._names = [n.name for n in nodes]
        self.placements: dict[Pod, Placement] = {}
        self.pending: list[Pod] = []
        self._dirty: set[Pod] = set()
        self._cache_version = -1
        self._cache: dict[object, Evaluation] = {}

    def bind_existing(self, pod: Pod, node: str) -> None:
        """A pod already running on `node` (no scheduling, no filters)."""
        index = self.state.by_name[node].index
        self.state.bind(pod, index)
        self.placements[pod] = Placement(pod, node, first_attempt_node=node, names=self._names)

    def create(self, pod: Pod) -> Placement:
        """A new pod enters the queue: first attempt now, then retries as the model states."""
        placement = self.placements[pod] = Placement(pod, names=self._names)
        if self._attempt(pod, first=True):
            self._after_placement(pod)
        else:
            self.pending.append(pod)
        return placement

    def delete(self, pod: Pod) -> None:
        """Delete a pod (bound or Pending); the freed room lets every Pending pod retry."""
        if pod in self.state.node_of:
            self.state.unbind(pod)
            self._dirty.update(self.pending)
            self._retry_passes()
        elif pod in self.pending:
            self.pending.remove(pod)
        self.placements.pop(pod, None)

    def _evaluate(self, pod: Pod) -> Evaluation:
        if self._cache_version != self.state.version:
            self._cache.clear()
            self._cache_version = self.state.version
        key = pod.sched_key
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = evaluate(self.state, pod)
        return hit

    def _attempt(self, pod: Pod, first: bool) -> bool:
        placement = self.placements[pod]
        evaluation = self._evaluate(pod)
        placement.attempts += 1
        placement.rejected = evaluation.reasons
        feasible = evaluation.feasible_set
        if first:
            placement.first_count = len(feasible)
            placement.first_rejected = evaluation.reasons
        if not feasible:
            return False
        index = choose(self.state, pod, feasible)
        self.state.bind(pod, index)
        placement.node = self._names[index]
        if first:
            placement.first_attempt_node = placement.node
        return True

    def _could_help(self, placed: Pod, waiting: Pod) -> bool:
        state = self.state
        if waiting.affinity and all(state.matches(t, placed, True) for t in waiting.affinity):
            return True
        if placed.terminating or placed.namespace != waiting.namespace:
            return False
        return any(c.hard and c.selector.matches(placed.labels) for c in waiting.spread)

    def _after_placement(self, placed: Pod) -> None:
        for waiting in self.pending:
            if waiting not in self._dirty and self._could_help(placed, waiting):
                self._dirty.add(waiting)
        self._retry_passes()

    def _retry_passes(self) -> None:
        placed_any = True
        while placed_any and self._dirty:
            placed_any = False
            for pod in list(self.pending):
                if pod not in self._dirty:
                    continue
                self._dirty.discard(pod)
                if self._attempt(pod, first=False):
                    self.pending.remove(pod)
                    placed_any = True
                    for waiting in self.pending:
                        if waiting not in self._dirty and self._could_help(pod, waiting):
                            self._dirty.add(waiting)

    def snapshot(self) -> Snapshot:
        """What `restore` brings back: where each pod is bound, every placement (Pending ones copied,
        since retries change them) and the queue. O(pods); binding every pod again costs far more."""
        pending = {pod: dataclasses.replace(self.placements[pod]) for pod in self.pending}
        return Snapshot(
            dict(self.state.node_of),
            [list(pods) for pods in self.state.pods_on],
            {pod: pending.get(pod, p) for pod, p in self.placements.items()},
            list(self.pending),
        )

    def restore(self, snap: Snapshot) -> None:
        """Undo everything since `snap` was taken (a rollout's new pods, its deletions, Pending pods its
        freed room let in): the state holds the same pods on the same nodes, in the same order."""
        state = self.state
        for pod in [p for p, i in state.node_of.items() if snap.node_of.get(p) != i]:
            state.unbind(pod)
        for pod, index in snap.node_of.items():
            if pod not in state.node_of:
                state.bind(pod, index)
        state.pods_on[:] = [list(pods) for pods in snap.pods_on]
        self.placements = {
            pod: dataclasses.replace(p) if p.node is None else p for pod, p in snap.placements.items()
        }
        self.pending = list(snap.pending)
        self._dirty.clear()
        self._cache.clear()

    def result(self) -> Simulation:
        """The outcome so far, pods in creation order."""
        ordered = sorted(self.placements.values(), key=lambda p: p.pod.order)
        return Simulation([n.name for n in self.state.nodes], ordered, self.state)


@dataclass(slots=True)
class Simulation:
    """Placements of every pod (existing ones included), in creation order, and the final state."""

    nodes: list[str]
    placements: list[Placement]
    state: ClusterState
    qualified: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        # Kubernetes names a pod within its namespace: two blueprints' `api-1` are two pods.
        self.qualified = len({p.pod.namespace for p in self.placements}) > 1

    def pod_name(self, pod: Pod) -> str:
        """The pod's name for people: ``namespace/name`` when the placement holds pods of more than one
        namespace, else ``name``."""
        return f"{pod.namespace}/{pod.name}" if self.qualified else pod.name

    def tier_name(self, pod: Pod) -> str | None:
        """The pod's tier for colours and legends: ``namespace/tier`` when the placement spans namespaces
        (a tier `api` of two namespaces is two tiers), ``tier`` otherwise, None without a tier."""
        if not pod.tier:
            return None
        return f"{pod.namespace}/{pod.tier}" if self.qualified else pod.tier

    @property
    def pending(self) -> list[Placement]:
        return [p for p in self.placements if p.node is None]

    def on_node(self, node: str) -> list[Placement]:
        return [p for p in self.placements if p.node == node]

    def message(self, placement: Placement) -> str:
        return placement.message(len(self.nodes))


def simulate(
    pods: Iterable[Pod],
    cluster: ClusterProfile | list[SimNode],
    existing: Iterable[tuple[Pod, str]] = (),
    namespaces: Mapping[str, Mapping[str, str]] | None = None,
) -> Simulation:
    """Place `pods` in order on `cluster` (after binding `existing` pods) and return every placement."""
    nodes = sim_nodes(cluster.nodes) if isinstance(cluster, ClusterProfile) else cluster
    sim = Simulator(nodes, namespaces)
    for pod, node in existing:
        sim.bind_existing(pod, node)
    for pod in pods:
        sim.create(pod)
    return sim.result()

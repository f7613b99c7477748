"""The scheduler's filters for one pod against every node, in the default profile's plugin order.

NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector + required nodeAffinity), NodeResourcesFit
(pod count, cpu, memory), VolumeBinding (a zonal EBS volume pins the pod to its zone), PodTopologySpread,
InterPodAffinity (the pod's affinity, its anti-affinity, then existing pods' anti-affinity). Like the real
framework, a node's reasons come from the first plugin that rejects it; within NodeResourcesFit every
shortage is listed ("Too many pods, Insufficient cpu").
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from . import _reasons as R
from ._cluster import CORDON_TAINT, ZONE
from ._filters_node import node_affinity_ok, tolerates, untolerated
from ._interpod import affinity_failures, anti_affinity_failures, existing_anti_affinity_failures
from ._pod import Pod
from ._rejections import AllBut, Group, Rejections, Static
from ._room import shortage
from ._spread import spread_failures
from ._state import ClusterState


@dataclass(slots=True)
class Evaluation:
    """Indices of nodes that pass every filter (a set: placing a pod needs no order), and the reasons for
    each node that does not."""

    feasible_set: AbstractSet[int]
    reasons: Rejections

    @property
    def feasible(self) -> list[int]:
        """The feasible node indices in node order."""
        return sorted(self.feasible_set)


Reasons = tuple[str, ...]


def _static(state: ClusterState, pod: Pod) -> Static:
    """(nodes passing the node-level filters, reasons of those failing, how many nodes gave each),
    cached per node-level spec."""
    key = pod.node_key
    cached = state.static_cache.get(key)
    if cached is not None:
        return cached
    ok: list[int] = []
    rejected: dict[int, tuple[str, ...]] = {}
    for node in state.nodes:
        taint = untolerated(pod, node)
        if node.unschedulable and not tolerates(pod.tolerations, CORDON_TAINT, "", "NoSchedule"):
            rejected[node.index] = (R.UNSCHEDULABLE,)
        elif taint is not None:
            rejected[node.index] = (R.untolerated_taint(*taint),)
        elif not node_affinity_ok(pod, node):
            rejected[node.index] = (R.NODE_AFFINITY,)
        else:
            ok.append(node.index)
    tally: dict[Reasons, int] = {}
    for why in rejected.values():
        tally[why] = tally.get(why, 0) + 1
    found = state.static_cache[key] = (frozenset(ok), rejected, tally)
    return found


_AFFINITY, _ANTI, _EXISTING, _ZONE = (
    (R.AFFINITY,),
    (R.ANTI_AFFINITY,),
    (R.EXISTING_ANTI_AFFINITY,),
    (R.VOLUME_ZONE,),
)


def _blocked(state: ClusterState, pod: Pod, ok: frozenset[int]) -> list[tuple[Collection[int], Reasons]]:
    """The later filters' rejections as (nodes, reason), in the order the reasons overwrite each other."""
    blocked: list[tuple[Collection[int], Reasons]] = [
        (existing_anti_affinity_failures(state, pod), _EXISTING),
        (anti_affinity_failures(state, pod), _ANTI),
        (affinity_failures(state, pod), _AFFINITY),
        *spread_failures(state, pod),
    ]
    zone = pod.volume_zone
    if zone is not None:
        blocked.append((ok - state.domain_set(ZONE, zone), _ZONE))
    return blocked


def _outside(every: frozenset[int], rejected: list[Collection[int]]) -> AbstractSet[int]:
    """The nodes of `every` in none of `rejected`; an `AllBut` narrows to its allowed nodes first, so
    the work follows those, not the number of nodes."""
    plain: list[Collection[int]] = []
    feasible = every
    for nodes in rejected:
        if isinstance(nodes, AllBut):
            feasible = feasible & nodes.allowed
        else:
            plain.append(nodes)
    return feasible.difference(*plain) if plain else feasible


def evaluate(state: ClusterState, pod: Pod) -> Evaluation:
    """Run every filter for `pod` on every node of `state`. Nodes are taken a room at a time (see
    `RoomIndex`) and a filter's rejections as sets, so the Python work per pod follows the number of
    distinct rooms and rejected domains; per node there are only set operations, and none when every
    node passes the node-level filters and has room (the common case at scale)."""
    nodes = state.nodes
    if pod.invalid is not None:
        return Evaluation(frozenset(), Rejections.count({}, {}, [(state.all_nodes, (pod.invalid,))]))
    ok, static, static_tally = _static(state, pod)
    everywhere = len(ok) == len(nodes)
    groups: list[Group] = []
    fits: list[AbstractSet[int]] = []
    for room, members in state.room.groups.items():
        here = members if everywhere else members & ok
        if not here:
            continue
        short = shortage(room, pod.cpu, pod.memory)
        if short is None:
            fits.append(here)
        else:
            # frozen in their order now: the room index changes its member sets as pods bind
            groups.append((tuple(here), short))
    blocked = [(rejected, why) for rejected, why in _blocked(state, pod, ok) if rejected]
    if everywhere and not groups:
        # every node fits: each filter's set (fresh or frozen, never changed later) is its rejections
        every = state.all_nodes
        feasible = _outside(every, [rejected for rejected, _ in blocked])
        return Evaluation(feasible, Rejections.count({}, {}, blocked, every))
    fitting: set[int] = set()
    for part in fits:
        fitting |= part
    feasible_set = set(fitting)
    for rejected, why in blocked:
        hit = fitting.intersection(rejected)
        if hit:
            # a tuple keeps the set's order in an eighth to a quarter of its memory
            groups.append((tuple(hit), why))
            feasible_set -= hit
    return Evaluation(feasible_set, Rejections.count(static, static_tally, groups))

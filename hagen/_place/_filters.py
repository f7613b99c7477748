"""The scheduler's filters for one pod against every node, in the default profile's plugin order.

NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector + required nodeAffinity), NodeResourcesFit
(pod count, cpu, memory), VolumeBinding (a zonal EBS volume pins the pod to its zone), PodTopologySpread,
InterPodAffinity (the pod's affinity, its anti-affinity, then existing pods' anti-affinity). Like the real
framework, a node's reasons come from the first plugin that rejects it; within NodeResourcesFit every
shortage is listed ("Too many pods, Insufficient cpu").
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from . import _reasons as R
from ._cluster import CORDON_TAINT, ZONE
from ._filters_node import node_affinity_ok, tolerates, untolerated
from ._interpod import affinity_failures, anti_affinity_failures, existing_anti_affinity_failures
from ._pod import Pod
from ._room import shortage
from ._spread import spread_failures
from ._state import ClusterState


@dataclass(slots=True)
class Evaluation:
    """Indices of nodes that pass every filter, and the reasons for each node that does not."""

    feasible: list[int]
    reasons: dict[int, tuple[str, ...]]


Reasons = tuple[str, ...]


def _static(state: ClusterState, pod: Pod) -> tuple[frozenset[int], dict[int, tuple[str, ...]]]:
    """(nodes passing the node-level filters, reasons of those failing), cached per node-level spec."""
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
    found = state.static_cache[key] = (frozenset(ok), rejected)
    return found


_AFFINITY, _ANTI, _EXISTING, _ZONE = (
    (R.AFFINITY,),
    (R.ANTI_AFFINITY,),
    (R.EXISTING_ANTI_AFFINITY,),
    (R.VOLUME_ZONE,),
)


def _blocked(state: ClusterState, pod: Pod, ok: frozenset[int]) -> list[tuple[AbstractSet[int], Reasons]]:
    """The later filters' rejections as (nodes, reason), in the order the reasons overwrite each other."""
    blocked: list[tuple[AbstractSet[int], Reasons]] = [
        (existing_anti_affinity_failures(state, pod), _EXISTING),
        (anti_affinity_failures(state, pod), _ANTI),
        (affinity_failures(state, pod), _AFFINITY),
        *spread_failures(state, pod),
    ]
    zone = pod.volume_zone
    if zone is not None:
        blocked.append((ok - state.domain_set(ZONE, zone), _ZONE))
    return blocked


def evaluate(state: ClusterState, pod: Pod) -> Evaluation:
    """Run every filter for `pod` on every node of `state`. Nodes are taken a room at a time (see
    `RoomIndex`) and a filter's rejections as sets, so the Python work per pod follows the number of
    distinct rooms and rejected domains; per node there are only set operations."""
    nodes = state.nodes
    if pod.invalid is not None:
        return Evaluation([], {n.index: (pod.invalid,) for n in nodes})
    ok, static = _static(state, pod)
    everywhere = len(ok) == len(nodes)
    reasons = dict(static)
    fitting: set[int] = set()
    for room, members in state.room.groups.items():
        here = members if everywhere else members & ok
        if not here:
            continue
        short = shortage(room, pod.cpu, pod.memory)
        if short is None:
            fitting |= here
        else:
            reasons.update(dict.fromkeys(here, short))
    feasible = set(fitting)
    for rejected, why in _blocked(state, pod, ok):
        if rejected:
            hit = fitting.intersection(rejected)
            reasons.update(dict.fromkeys(hit, why))
            feasible -= hit
    return Evaluation(sorted(feasible), reasons)

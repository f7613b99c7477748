"""The scheduler's filters for one pod against every node, in the default profile's plugin order.

NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector + required nodeAffinity), NodeResourcesFit
(pod count, cpu, memory), VolumeBinding (a zonal EBS volume pins the pod to its zone), PodTopologySpread,
InterPodAffinity (the pod's affinity, its anti-affinity, then existing pods' anti-affinity). Like the real
framework, a node's reasons come from the first plugin that rejects it; within NodeResourcesFit every
shortage is listed ("Too many pods, Insufficient cpu").
"""

from __future__ import annotations

from dataclasses import dataclass

from . import _reasons as R
from ._cluster import CORDON_TAINT, ZONE, SimNode
from ._filters_node import node_affinity_ok, tolerates, untolerated
from ._interpod import affinity_failures, anti_affinity_failures, existing_anti_affinity_failures
from ._pod import Pod
from ._spread import spread_failures
from ._state import ClusterState


@dataclass(slots=True)
class Evaluation:
    """Indices of nodes that pass every filter, and the reasons for each node that does not."""

    feasible: list[int]
    reasons: dict[int, tuple[str, ...]]


def _static(state: ClusterState, pod: Pod) -> tuple[list[int], dict[int, tuple[str, ...]]]:
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
    state.static_cache[key] = (ok, rejected)
    return ok, rejected


def _resources(state: ClusterState, pod: Pod, node: SimNode) -> tuple[str, ...] | None:
    # NodeResourcesFit reports every shortage of a node, the pod count first (fitsRequest)
    i = node.index
    short: list[str] = []
    if node.pods is not None and len(state.pods_on[i]) + 1 > node.pods:
        short.append(R.TOO_MANY_PODS)
    if pod.cpu and node.cpu is not None and state.used_cpu[i] + pod.cpu > node.cpu:
        short.append(R.insufficient("cpu"))
    if pod.memory and node.memory is not None and state.used_memory[i] + pod.memory > node.memory:
        short.append(R.insufficient("memory"))
    return tuple(short) or None


_AFFINITY, _ANTI, _EXISTING, _ZONE = (
    (R.AFFINITY,),
    (R.ANTI_AFFINITY,),
    (R.EXISTING_ANTI_AFFINITY,),
    (R.VOLUME_ZONE,),
)


def evaluate(state: ClusterState, pod: Pod) -> Evaluation:
    """Run every filter for `pod` on every node of `state`."""
    nodes = state.nodes
    if pod.invalid is not None:
        return Evaluation([], {n.index: (pod.invalid,) for n in nodes})
    ok, static = _static(state, pod)
    # the later filters' rejections, the earliest plugin's reason winning (later updates overwrite)
    blocked: dict[int, tuple[str, ...]] = dict.fromkeys(
        existing_anti_affinity_failures(state, pod), _EXISTING
    )
    blocked.update(dict.fromkeys(anti_affinity_failures(state, pod), _ANTI))
    blocked.update(dict.fromkeys(affinity_failures(state, pod), _AFFINITY))
    blocked.update(spread_failures(state, pod))
    zone = pod.volume_zone
    if zone is not None:
        blocked.update(dict.fromkeys((i for i in ok if nodes[i].labels.get(ZONE) != zone), _ZONE))
    feasible: list[int] = []
    reasons = dict(static)
    free_pods, free_cpu, free_memory = state.free_pods, state.free_cpu, state.free_memory
    cpu, memory = pod.cpu, pod.memory
    for i in ok:
        if free_pods[i] < 1 or (cpu and free_cpu[i] < cpu) or (memory and free_memory[i] < memory):
            reasons[i] = _resources(state, pod, nodes[i]) or ()
            continue
        why = blocked.get(i)
        if why is None:
            feasible.append(i)
        else:
            reasons[i] = why
    return Evaluation(feasible, reasons)

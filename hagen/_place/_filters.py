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


def _static(state: ClusterState, pod: Pod) -> list[tuple[str, ...] | None]:
    key = pod.node_key
    cached = state.static_cache.get(key)
    if cached is not None:
        return cached
    out: list[tuple[str, ...] | None] = []
    for node in state.nodes:
        taint = untolerated(pod, node)
        if node.unschedulable and not tolerates(pod.tolerations, CORDON_TAINT, "", "NoSchedule"):
            out.append((R.UNSCHEDULABLE,))
        elif taint is not None:
            out.append((R.untolerated_taint(*taint),))
        elif not node_affinity_ok(pod, node):
            out.append((R.NODE_AFFINITY,))
        else:
            out.append(None)
    state.static_cache[key] = out
    return out


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


def evaluate(state: ClusterState, pod: Pod) -> Evaluation:
    """Run every filter for `pod` on every node of `state`."""
    nodes = state.nodes
    if pod.invalid is not None:
        return Evaluation([], {n.index: (pod.invalid,) for n in nodes})
    static = _static(state, pod)
    spread = spread_failures(state, pod)
    affinity = affinity_failures(state, pod)
    anti = anti_affinity_failures(state, pod)
    existing = existing_anti_affinity_failures(state, pod)
    feasible: list[int] = []
    reasons: dict[int, tuple[str, ...]] = {}
    pods_on, used_cpu, used_memory = state.pods_on, state.used_cpu, state.used_memory
    cpu, memory, zone = pod.cpu, pod.memory, pod.volume_zone
    for node in nodes:
        i = node.index
        why = static[i]
        if why is None:
            max_pods, max_cpu, max_memory = node.pods, node.cpu, node.memory
            if (
                (max_pods is not None and len(pods_on[i]) >= max_pods)
                or (cpu and max_cpu is not None and used_cpu[i] + cpu > max_cpu)
                or (memory and max_memory is not None and used_memory[i] + memory > max_memory)
            ):
                reasons[i] = _resources(state, pod, node) or ()
                continue
            if zone is not None and node.labels.get(ZONE) != zone:
                why = (R.VOLUME_ZONE,)
            elif i in spread:
                why = spread[i]
            elif i in affinity:
                why = (R.AFFINITY,)
            elif i in anti:
                why = (R.ANTI_AFFINITY,)
            elif i in existing:
                why = (R.EXISTING_ANTI_AFFINITY,)
            else:
                feasible.append(i)
                continue
        reasons[i] = why
    return Evaluation(feasible, reasons)

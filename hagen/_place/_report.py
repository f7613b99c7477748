"""A placement as text (nodes grouped by zone with their pods, Pending pods with reasons) and as JSON data."""

from __future__ import annotations

from typing import Any

from ._cluster import ZONE
from ._pod import Pod
from ._quantity import format_cpu, format_memory
from ._score import natural_key
from ._simulate import Placement, Simulation

NO_ZONE = "(no zone)"


def zones_of(sim: Simulation) -> dict[str, list[int]]:
    """Zone label value -> node indices, zones and nodes in natural name order."""
    zones: dict[str, list[int]] = {}
    for node in sim.state.nodes:
        zones.setdefault(node.labels.get(ZONE, NO_ZONE), []).append(node.index)
    return {
        z: sorted(zones[z], key=lambda i: natural_key(sim.state.nodes[i].name))
        for z in sorted(zones, key=natural_key)
    }


def node_sets(p: Placement, feasible: bool, order: Any = None) -> dict[str, Any]:
    """The node sets of one placement for a JSON report. With `feasible`: ``first_attempt_feasible``
    (names) and ``reasons`` (rejected node -> its reasons joined by ", ", nodes sorted by `order`);
    without, their summary: ``first_attempt_feasible_count`` and ``rejected_nodes`` (reason -> number of
    nodes), so the report grows with the pods, not with pods x nodes."""
    if not feasible:
        return {"first_attempt_feasible_count": p.first_count, "rejected_nodes": p.reason_counts()}
    reasons = sorted(p.reasons.items(), key=lambda kv: order(kv[0]) if order else kv[0])
    return {
        "first_attempt_feasible": list(p.first_attempt_feasible),
        "reasons": {n: ", ".join(r) for n, r in reasons},
    }


def _placement_data(sim: Simulation, p: Placement, feasible: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": p.pod.name,
        "namespace": p.pod.namespace,
        "tier": p.pod.tier,
        "workload": p.pod.workload,
        "node": p.node,
        **node_sets(p, feasible, natural_key),
    }
    if p.node is None:
        data["message"] = sim.message(p)
    return data


def _usage(sim: Simulation, i: int) -> dict[str, Any]:
    node = sim.state.nodes[i]
    state = sim.state
    return {
        "cpu": {
            "requested": format_cpu(state.used_cpu[i]),
            "allocatable": None if node.cpu is None else format_cpu(node.cpu),
        },
        "memory": {
            "requested": format_memory(state.used_memory[i]),
            "allocatable": None if node.memory is None else format_memory(node.memory),
        },
        "pods": {"running": len(state.pods_on[i]), "allocatable": node.pods},
    }


def _resources(sim: Simulation, i: int) -> dict[str, Any]:
    """`_usage` without the pod count, which the JSON gives as the list of pod names and `maxPods`."""
    return {key: value for key, value in _usage(sim, i).items() if key != "pods"}


def _created(pod: Pod) -> int:
    return pod.order


def to_data(sim: Simulation, feasible: bool = False) -> dict[str, Any]:
    """JSON-ready placement: zones with their nodes and pods, every placement (node sets summarised
    unless `feasible`, see `node_sets`), the Pending pods."""
    nodes = sim.state.nodes
    zones = []
    for zone, indices in zones_of(sim).items():
        zones.append(
            {
                "zone": None if zone == NO_ZONE else zone,
                "nodes": [
                    {
                        "name": nodes[i].name,
                        **_resources(sim, i),
                        # the names, with the node's allowance beside them (the kubelet's maxPods)
                        "pods": [sim.pod_name(p) for p in sorted(sim.state.pods_on[i], key=_created)],
                        "maxPods": nodes[i].pods,
                    }
                    for i in indices
                ],
            }
        )
    return {
        "zones": zones,
        "placements": [_placement_data(sim, p, feasible) for p in sim.placements],
        "pending": [sim.pod_name(p.pod) for p in sim.pending],
    }


def _label(sim: Simulation, p: Placement) -> str:
    name = sim.pod_name(p.pod)
    return f"{name} ({p.pod.tier})" if p.pod.tier else name


SHOWN_FEASIBLE = 8


def _some(p: Placement) -> str:
    """The first SHOWN_FEASIBLE feasible nodes and how many more: the text grows with pods, not nodes."""
    shown = [p.names[i] for i in p.first_feasible[:SHOWN_FEASIBLE]]
    more = p.first_count - len(shown)
    return ", ".join(shown) + (f" and {more} more (--format json --feasible lists them)" if more else "")


def to_text(sim: Simulation) -> str:
    """Nodes by zone with usage and pods; then Pending pods with the scheduler's message."""
    nodes = sim.state.nodes
    placed = {p.pod: p for p in sim.placements}
    running = len(sim.placements) - len(sim.pending)
    lines = [
        f"{len(nodes)} node(s), {len(sim.placements)} pod(s): {running} running, {len(sim.pending)} Pending",
        "",
    ]
    width = max(len(n.name) for n in nodes)
    for zone, indices in zones_of(sim).items():
        lines.append(zone)
        for i in indices:
            u = _usage(sim, i)
            cpu = f"cpu {u['cpu']['requested']}/{u['cpu']['allocatable'] or '-'}"
            mem = f"memory {u['memory']['requested']}/{u['memory']['allocatable'] or '-'}"
            pods = f"pods {u['pods']['running']}/{u['pods']['allocatable'] or '-'}"
            lines.append(f"  {nodes[i].name:<{width}}  {cpu:<18} {mem:<24} {pods}")
            members = sorted(sim.state.pods_on[i], key=lambda p: p.order)
            shown = ", ".join(_label(sim, placed[p]) for p in members)
            lines.append("    " + (shown or "(empty)"))
    ties = [p for p in sim.placements if p.first_count > 1 and p.attempts]
    if ties:
        lines += ["", "Chosen among several feasible nodes (the real scheduler may pick any of them):"]
        for p in ties:
            lines.append(f"  {sim.pod_name(p.pod)} -> {p.node}; feasible: {_some(p)}")
    if sim.pending:
        lines += ["", f"Pending ({len(sim.pending)}):"]
        for p in sim.pending:
            lines.append(f"  {_label(sim, p)}: {sim.message(p)}")
    return "\n".join(lines) + "\n"

"""The scenario interface: nodes, namespaces, bound pods and pods to schedule in, placements out.

Input (JSON or YAML)::

    {"nodes": [{"name", "labels", "taints"?, "allocatable"?}],
     "namespaces": [{"name", "labels"}]?,
     "existing_pods": [{"name", "namespace", "node", "labels", "affinity"?, "topologySpreadConstraints"?,
                        "nodeSelector"?, "tolerations"?, "resources"?, "terminating"?}]?,
     "pods": [same fields without "node", in creation order]}

Output: ``{"placements": [{"name", "namespace", "node", "first_attempt_feasible", "reasons"}]}`` for the
pods to schedule, in their order; `reasons` maps each node that rejected the pod at its deciding attempt to
the scheduler's reason (several joined by ", ").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import InputError
from ._cluster import profile_from_data, sim_nodes
from ._pod import Parsed, Pod, parse_pod
from ._simulate import Simulation, simulate


def _list(doc: Mapping[str, Any], key: str, source: str) -> list[Any]:
    value = doc.get(key) or []
    if not isinstance(value, list):
        raise InputError(f"{source}: {key}: must be a list, got {type(value).__name__}")
    return value


def scenario_simulation(doc: Any, source: str = "<scenario>") -> tuple[Simulation, list[Pod]]:
    """Run a scenario document; returns the simulation and the pods it scheduled (in order)."""
    if not isinstance(doc, Mapping):
        raise InputError(f"{source}: a scenario is a mapping with nodes and pods")
    profile = profile_from_data({"nodes": _list(doc, "nodes", source)}, source)
    names = {n.name for n in profile.nodes}
    namespaces: dict[str, dict[str, str]] = {}
    for i, ns in enumerate(_list(doc, "namespaces", source)):
        if not isinstance(ns, Mapping) or not ns.get("name"):
            raise InputError(f"{source}: namespaces[{i}]: needs a name")
        namespaces[str(ns["name"])] = {str(k): str(v) for k, v in (ns.get("labels") or {}).items()}
    existing: list[tuple[Pod, str]] = []
    parsed: dict[object, Parsed] = {}
    raw_existing = _list(doc, "existing_pods", source)
    for i, raw in enumerate(raw_existing):
        where = f"{source}: existing_pods[{i}]"
        node = raw.get("node") if isinstance(raw, Mapping) else None
        if node not in names:
            raise InputError(f"{where}: node {node!r} is not one of the scenario's nodes")
        existing.append((parse_pod(raw, where, order=i - len(raw_existing), parsed=parsed), str(node)))
    pods = [
        parse_pod(raw, f"{source}: pods[{i}]", order=i, parsed=parsed)
        for i, raw in enumerate(_list(doc, "pods", source))
    ]
    return simulate(pods, sim_nodes(profile.nodes), existing, namespaces), pods


def run_scenario(doc: Any, source: str = "<scenario>", feasible: bool = True) -> dict[str, Any]:
    """The scenario interface's output document for `doc` (with every node set unless not `feasible`)."""
    return scenario_output(*scenario_simulation(doc, source), feasible=feasible)


def scenario_output(sim: Simulation, pods: list[Pod], feasible: bool = True) -> dict[str, Any]:
    """``{"placements": [...]}`` for the scheduled `pods` of a scenario simulation; without `feasible`
    the node sets are summarised (see `node_sets`)."""
    from ._report import node_sets

    by_pod = {p.pod: p for p in sim.placements}
    out = []
    for pod in pods:
        placement = by_pod[pod]
        out.append(
            {
                "name": pod.name,
                "namespace": pod.namespace,
                "node": placement.node,
                **node_sets(placement, feasible),
            }
        )
    return {"placements": out}

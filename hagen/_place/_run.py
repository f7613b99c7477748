"""Placing the workloads of a set of Kubernetes objects on a cluster profile: the API entry point."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._labels import DEFAULT_TIER_LABEL
from ._cluster import ClusterProfile, SimNode, sim_nodes
from ._pods import Workload, expand, workloads
from ._simulate import Simulation, Simulator
from ._topology import TopologyNote, topology_notes


@dataclass(slots=True)
class Placed:
    """A finished placement: the simulator (to keep driving it), the workloads and their pods, and the
    topology keys of their pods that no node carries (`topology`)."""

    simulator: Simulator
    workloads: list[Workload]
    cluster: ClusterProfile
    namespaces: dict[str, dict[str, str]] = field(default_factory=dict)
    order: str = "declared"
    tiers: tuple[str, ...] = ()
    topology: list[TopologyNote] = field(default_factory=list)

    @property
    def simulation(self) -> Simulation:
        return self.simulator.result()

    @property
    def nodes(self) -> list[SimNode]:
        return self.simulator.state.nodes


def namespace_labels(objects: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """Namespace labels the scheduler would see: every Namespace object and every namespace a workload
    uses (the API server labels each with ``kubernetes.io/metadata.name``)."""
    out: dict[str, dict[str, str]] = {}
    for obj in objects:
        meta = obj.get("metadata") or {}
        if obj.get("kind") == "Namespace":
            name = str(meta.get("name"))
            out[name] = {str(k): str(v) for k, v in (meta.get("labels") or {}).items()}
        elif meta.get("namespace") or obj.get("kind") in (
            "Deployment",
            "StatefulSet",
            "ReplicaSet",
            "DaemonSet",
            "Pod",
        ):
            out.setdefault(str(meta.get("namespace") or "default"), {})
    for name, labels in out.items():
        labels.setdefault("kubernetes.io/metadata.name", name)
    return out


def _objects_and_cluster(
    source: Any, cluster: ClusterProfile | None, project: Any = None
) -> tuple[list[Mapping[str, Any]], ClusterProfile]:
    from .._sources import syntheses_or_objects

    items = syntheses_or_objects(source, project)
    objects: list[Mapping[str, Any]] = []
    for item in items:
        if hasattr(item, "objects"):
            objects.extend(item.objects)
            declared = getattr(item.blueprint, "cluster", None)
            cluster = cluster if cluster is not None else declared
        else:
            objects.append(item)
    if cluster is None:
        from .._errors import InputError

        raise InputError(
            "no cluster to place on: give a ClusterProfile or declare `cluster` in the blueprint"
        )
    return objects, cluster


def place(
    objects: Sequence[Mapping[str, Any]] | Any,
    cluster: ClusterProfile | None = None,
    order: str = "declared",
    tiers: Sequence[str] = (),
    tier_labels: Sequence[str] = (DEFAULT_TIER_LABEL,),
    *,
    project: Any = None,
) -> Placed:
    """Create the pods of every workload in `objects` in `order` and schedule them on `cluster`.

    `objects`: Kubernetes objects (dicts), a hagen.Synthesis, a BlueprintSpec, a blueprint file or folder
    (str or Path; loaded with `project`, default `hagen.load_project()`), or a sequence of these; `cluster`
    defaults to the blueprints' own cluster profile (`cluster = ClusterProfile...`). Raises InputError
    when there is no cluster to place on. A pod's tier is its component label, else the first of
    `tier_labels` it carries (the blueprints' configured tier label keys).
    """
    objects, cluster = _objects_and_cluster(objects, cluster, project)
    nodes = sim_nodes(cluster.nodes)
    items = workloads(objects, tier_labels)
    namespaces = namespace_labels(objects)
    sim = Simulator(nodes, namespaces)
    for pod in expand(items, nodes, order, tiers):
        sim.create(pod)
    return Placed(sim, items, cluster, namespaces, order, tuple(tiers), topology_notes(items, nodes))

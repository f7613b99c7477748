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
    notes: list[str] = field(default_factory=list)
    """What `hagen place` says on blueprints loaded here: Helm releases not hydrated or not placed, their
    committed objects kept (or stale)."""

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
) -> tuple[list[Mapping[str, Any]], ClusterProfile, list[str], tuple[tuple[str, ...], tuple[str, ...]]]:
    """The objects to place, the cluster, the notes on what is not placed as given, and the tier order
    and tier label keys of the blueprints loaded here (as `hagen place` loads them: `add_syntheses`)."""
    from .._one_cluster import one_cluster
    from .._sources import syntheses_or_objects
    from ._inputs import Inputs, add_syntheses, declared_cluster

    loaded = syntheses_or_objects(source, project)
    objects: list[Mapping[str, Any]] = []
    notes: list[str] = []
    tiers: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    if loaded.out_dir is not None:  # blueprints loaded here: with the releases `hagen place` places
        inputs = add_syntheses(Inputs(), loaded)
        notes, tiers = inputs.notes, (tuple(inputs.tiers), tuple(inputs.tier_labels))
        cluster = cluster if cluster is not None else declared_cluster(inputs)
        objects.extend(inputs.objects)
    given = [item for item in loaded.items if hasattr(item, "objects")]
    for item in loaded.items:
        if not hasattr(item, "objects"):
            objects.append(item)
        elif loaded.out_dir is None:
            objects.extend(item.objects)
    if loaded.out_dir is None and cluster is None:  # syntheses given: their blueprints' one cluster
        cluster = one_cluster([item.blueprint for item in given])
    if cluster is None:
        from .._errors import InputError

        raise InputError(
            "no cluster to place on: give a ClusterProfile or declare `cluster` in the blueprint"
        )
    return objects, cluster, notes, tiers


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
    defaults to the one profile the blueprints declare (`cluster = ClusterProfile...`), shared by those
    that declare none (`hagen._one_cluster`). Raises InputError when there is no cluster to place on, or
    when two blueprints declare different profiles. A pod's tier is its component label, else the first of
    `tier_labels` it carries (the blueprints' configured tier label keys).

    Blueprints loaded here are placed as `hagen place` places them (one code path, `add_syntheses`): the
    objects `hagen synth` writes, with the releases declared ``hydrate=True`` rendered in or kept as
    committed in the project's out folder, and other releases whose chart copy is at hand rendered; their
    tier order and label keys stand for empty `tiers` and the default `tier_labels`, and what is not
    placed is said in the result's `notes`, as `hagen place` says it.
    """
    objects, cluster, notes, (order_of, labels_of) = _objects_and_cluster(objects, cluster, project)
    tiers = tiers or order_of  # blueprints loaded here: their tier order and label keys, as `hagen place`
    tier_labels = labels_of if labels_of and tuple(tier_labels) == (DEFAULT_TIER_LABEL,) else tier_labels
    nodes = sim_nodes(cluster.nodes)
    items = workloads(objects, tier_labels)
    namespaces = namespace_labels(objects)
    sim = Simulator(nodes, namespaces)
    for pod in expand(items, nodes, order, tiers):
        sim.create(pod)
    topology = topology_notes(items, nodes)
    return Placed(sim, items, cluster, namespaces, order, tuple(tiers), topology, notes)

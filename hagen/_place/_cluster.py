"""The cluster a placement runs on: nodes with labels, allocatable resources and taints.

Declared in a blueprint (``cluster=ClusterProfile(...)``), in a YAML/JSON file (``{"nodes": [...]}`` or
Kubernetes ``Node`` objects), or by shorthand (``--nodes 2 --zones 2 --node-cpu 2 --node-memory 8Gi``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from .._errors import InputError
from .._integers import Int32
from .._model import HagenModel
from .._quantity import check_quantity
from ._quantity import QuantityError, count, cpu_millis, memory_bytes

HOSTNAME = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"
DEFAULT_MAX_PODS = 110


class Taint(HagenModel):
    """A node taint (``spec.taints[]``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    key: str
    value: str = ""
    effect: Literal["NoSchedule", "PreferNoSchedule", "NoExecute"]


class Allocatable(HagenModel):
    """``status.allocatable``: quantities as Kubernetes writes them; an absent one is unlimited."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    cpu: str | None = None
    memory: str | None = None
    pods: Int32 | None = None

    @field_validator("cpu", "memory", mode="before")
    @classmethod
    def _quantity(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        try:  # checked per field, so that an error names cpu or memory
            (cpu_millis if info.field_name == "cpu" else memory_bytes)(str(value))
        except QuantityError as exc:
            raise ValueError(str(exc)) from None
        return str(value)

    @field_validator("pods", mode="before")
    @classmethod
    def _pods(cls, value: Any) -> Any:
        # Node objects carry allocatable.pods as a quantity string ("110"); any quantity with a whole value
        # is a pod count, as the kubelet and the scheduler read it.
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        try:
            amount = check_quantity(value)
        except QuantityError as exc:
            raise ValueError(str(exc)) from None
        if amount.denominator != 1:
            raise ValueError(f"{value!r} is not a whole number of pods; allowed: a whole quantity like 110")
        return int(amount)


class Node(HagenModel):
    """One node: name, labels (hostname, zone, instance type, custom), allocatable, taints."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(min_length=1)
    labels: dict[str, str] = Field(default_factory=dict)
    allocatable: Allocatable = Field(default_factory=Allocatable)
    taints: tuple[Taint, ...] = ()
    unschedulable: bool = False

    @property
    def zone(self) -> str | None:
        """The ``topology.kubernetes.io/zone`` label, if any."""
        return self.labels.get(ZONE)


class ClusterProfile(HagenModel):
    """The nodes placement simulates; node names are unique."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    nodes: tuple[Node, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ClusterProfile:
        seen: set[str] = set()
        for node in self.nodes:
            if node.name in seen:
                raise ValueError(f"node name {node.name!r} appears twice")
            seen.add(node.name)
        return self

    @classmethod
    def shorthand(
        cls,
        nodes: int = 2,
        zones: int = 1,
        cpu: str | None = None,
        memory: str | None = None,
        pods: int = DEFAULT_MAX_PODS,
    ) -> ClusterProfile:
        """node-1..node-N spread round-robin over zone-a, zone-b, ... with hostname and zone labels."""
        if nodes < 1 or zones < 1 or zones > 26:
            raise InputError(f"--nodes must be >= 1 and --zones 1..26 (got nodes={nodes}, zones={zones})")
        out = []
        for i in range(nodes):
            name = f"node-{i + 1}"
            zone = f"zone-{chr(ord('a') + i % zones)}"
            out.append(
                Node(
                    name=name,
                    labels={HOSTNAME: name, ZONE: zone},
                    allocatable=Allocatable(cpu=cpu, memory=memory, pods=pods),
                )
            )
        return cls(nodes=tuple(out))

    def zones(self) -> list[str]:
        """Distinct zone label values, in node order."""
        return list(dict.fromkeys(n.zone for n in self.nodes if n.zone is not None))

    def resized(
        self, nodes: int | None, zones: int | None, cpu: str | None = None, memory: str | None = None
    ) -> ClusterProfile:
        """Shorthand nodes shaped like this profile: `nodes` and `zones` counted by `effective_shape` (a
        count left out is this profile's, zones at most one per node), each node the size of the first
        one unless `cpu` / `memory` say otherwise. What `--nodes`/`--zones` mean for `hagen place` and
        `hagen check` alike."""
        from .._cluster_shape import effective_shape

        count, spread = effective_shape(nodes, zones, len(self.nodes), len(self.zones()) or None)
        size = self.nodes[0].allocatable
        return ClusterProfile.shorthand(
            count or 1,
            spread or 1,
            cpu if cpu is not None else size.cpu,
            memory if memory is not None else size.memory,
            size.pods if size.pods is not None else DEFAULT_MAX_PODS,
        )


def _node_from_object(obj: Mapping[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata") or {}
    spec = obj.get("spec") or {}
    alloc = (obj.get("status") or {}).get("allocatable") or {}
    return {
        "name": meta.get("name", ""),
        "labels": meta.get("labels") or {},
        "taints": spec.get("taints") or [],
        "unschedulable": bool(spec.get("unschedulable", False)),
        "allocatable": {k: alloc[k] for k in ("cpu", "memory", "pods") if k in alloc},
    }


def profile_from_data(data: Any, source: str = "<cluster>") -> ClusterProfile:
    """A profile from ``{"nodes": [...]}``, a list of node dicts, or Kubernetes ``Node`` objects."""
    if (
        isinstance(data, list)
        and data
        and all(isinstance(d, Mapping) and d.get("kind") == "Node" for d in data)
    ):
        data = {"nodes": [_node_from_object(d) for d in data]}
    elif isinstance(data, list):
        data = {"nodes": data}
    try:
        return ClusterProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{source}: {where}: {first['msg']} (got {first.get('input')!r})") from None


def load_profile(path: str | Path) -> ClusterProfile:
    """Read a cluster profile from a YAML or JSON file (str or Path); InputError when it is unreadable."""
    from .._yaml import load_file

    docs = load_file(Path(path))
    if len(docs) == 1:
        return profile_from_data(docs[0], str(path))
    return profile_from_data(docs, str(path))


@dataclass(slots=True, eq=False)
class SimNode:
    """A node as the simulation sees it: limits as integers (None = unlimited), taints as tuples."""

    index: int
    name: str
    labels: dict[str, str]
    cpu: int | None
    memory: int | None
    pods: int | None
    taints: tuple[tuple[str, str, str], ...]
    unschedulable: bool


CORDON_TAINT = "node.kubernetes.io/unschedulable"


def _taints(node: Node) -> tuple[tuple[str, str, str], ...]:
    """``spec.taints``; a cordoned node (``spec.unschedulable``) also carries the
    ``node.kubernetes.io/unschedulable:NoSchedule`` taint, as the node lifecycle controller adds it."""
    taints: tuple[tuple[str, str, str], ...] = tuple((t.key, t.value, t.effect) for t in node.taints)
    cordon = (CORDON_TAINT, "", "NoSchedule")
    if node.unschedulable and not any(t[0] == CORDON_TAINT and t[2] == "NoSchedule" for t in taints):
        taints += (cordon,)
    return taints


def sim_nodes(nodes: tuple[Node, ...] | list[Node]) -> list[SimNode]:
    """The profile's nodes converted for the simulation, in profile order."""
    out = []
    for i, node in enumerate(nodes):
        a = node.allocatable
        out.append(
            SimNode(
                index=i,
                name=node.name,
                labels=dict(node.labels),
                cpu=None if a.cpu is None else cpu_millis(a.cpu),
                memory=None if a.memory is None else memory_bytes(a.memory),
                pods=None if a.pods is None else count(a.pods),
                taints=_taints(node),
                unschedulable=node.unschedulable,
            )
        )
    return out

"""What the rules look at: the objects, their pod-running workloads, the cluster profile, known add-ons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._finding import Finding
from .._labels import blueprint_and_tier
from .._objects import SCALABLE_KINDS, Object, autoscaled, object_id, replica_count

HOSTNAME_KEY = "kubernetes.io/hostname"
ZONE_KEY = "topology.kubernetes.io/zone"
_LEGACY_ZONE_KEY = "failure-domain.beta.kubernetes.io/zone"

# Kinds whose pods run continuously (probes, rollouts and replica sharing matter), with the field path
# of their pod template; Job and CronJob run to completion.
_TEMPLATE_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}


@dataclass(frozen=True, slots=True)
class ClusterCounts:
    """The cluster the objects are meant for, as far as it is known: node and zone counts."""

    nodes: int | None = None
    zones: int | None = None

    def domains(self, topology_key: str) -> int | None:
        """How many topology domains a key splits the cluster into, when known."""
        if topology_key == HOSTNAME_KEY:
            return self.nodes
        if topology_key in (ZONE_KEY, _LEGACY_ZONE_KEY):
            return self.zones
        return None


@dataclass(frozen=True, slots=True)
class Workload:
    """An object that runs pods: its pod template's spec and labels, replica count and origin."""

    obj: Object
    kind: str
    name: str
    namespace: str
    replicas: int
    pod_spec: Mapping[str, Any]
    pod_labels: Mapping[str, str]
    blueprint: str | None
    tier: str | None
    autoscaled: bool = False
    """A HorizontalPodAutoscaler scales it: `replicas` is then the autoscaler's maxReplicas."""

    @property
    def object_id(self) -> str:
        return object_id(self.obj)

    @property
    def long_running(self) -> bool:
        return self.kind not in ("Job", "CronJob")

    def containers(self) -> list[Mapping[str, Any]]:
        """spec.containers of the pod template (init containers are not long-running)."""
        return [c for c in self.pod_spec.get("containers") or [] if isinstance(c, Mapping)]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def origin(obj: Object) -> tuple[str | None, str | None]:
    """(blueprint, tier) of an object from its app.kubernetes.io/instance and /component labels."""
    labels = _mapping(_mapping(obj.get("metadata")).get("labels"))
    return blueprint_and_tier(labels)


def as_workload(obj: Object, scaled: Mapping[tuple[str, str, str], int] | None = None) -> Workload | None:
    """The workload view of an object that runs pods (Pod, Deployment, ..., CronJob), else None.

    `scaled` maps (namespace, kind, name) to the maxReplicas of the autoscaler scaling it (`autoscaled`
    of all the objects); its targets count that many replicas, as `hagen place` places them.
    """
    kind = str(obj.get("kind", ""))
    spec = _mapping(obj.get("spec"))
    meta = _mapping(obj.get("metadata"))
    scaled = scaled or {}
    if kind == "Pod":
        template: Mapping[str, Any] = {"metadata": obj.get("metadata"), "spec": spec}
        replicas = 1
    elif kind == "CronJob":
        template = _mapping(_mapping(_mapping(spec.get("jobTemplate")).get("spec")).get("template"))
        replicas = 1
    elif kind in _TEMPLATE_KINDS:
        template = _mapping(spec.get("template"))
        raw = spec.get("parallelism", 1)  # a Job's concurrent pods; a DaemonSet's count is its nodes'
        replicas = raw if isinstance(raw, int) and not isinstance(raw, bool) else 1
        if kind in SCALABLE_KINDS:
            replicas = replica_count(obj, scaled)
    else:
        return None
    labels = {str(k): str(v) for k, v in _mapping(_mapping(template.get("metadata")).get("labels")).items()}
    blueprint, tier = origin(obj)
    return Workload(
        obj=obj,
        kind=kind,
        name=str(meta.get("name", "")),
        namespace=str(meta.get("namespace") or "default"),
        replicas=replicas,
        pod_spec=_mapping(template.get("spec")),
        pod_labels=labels,
        blueprint=blueprint,
        tier=tier,
        autoscaled=(str(meta.get("namespace") or "default"), kind, str(meta.get("name", ""))) in scaled,
    )


class Cotenants:
    """The objects of the blueprints one `check` call judges together (one target's, or a project's):
    they run on one cluster, so a placement places them all; `memo` keeps what such a placement found per
    cluster profile, so that N blueprints cost one simulation instead of N. Shared by their contexts."""

    def __init__(self, objects: tuple[Object, ...]) -> None:
        self.objects = objects
        self._memo: list[tuple[Any, Any]] = []

    def memo(self, key: Any, make: Any) -> Any:
        """`make()` for `key` (compared with ==: cluster profiles), made once."""
        for known, value in self._memo:
            if known == key:
                return value
        value = make()
        self._memo.append((key, value))
        return value


@dataclass(frozen=True)
class CheckContext:
    """Everything a rule may read. Rules are pure functions of it.

    `addons` names the EKS add-ons known to be present: emitted by hagen (an eksctl ClusterConfig among
    the extras or the objects) or declared installed by the blueprint (`csi_drivers` with installed=True).
    `values` maps a Helm release name to its values. `files` maps an object id to the file it is in, and
    `texts` such a file to its text (as `hagen synth` would write it now for a synthesis, as read for a
    manifest; made at first use), from which findings take their lines.
    `findings` are carried from the stage that made them.
    `placement_cluster` is the blueprint's full cluster profile (nodes with labels and allocatable) for
    the placement simulator, when the blueprint declares one and no counts were given on the command line.
    """

    objects: tuple[Object, ...]
    cluster: ClusterCounts = ClusterCounts()
    addons: frozenset[str] = frozenset()
    values: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    blueprint: str | None = None
    placement_cluster: Any = None
    findings: tuple[Finding, ...] = ()
    """Findings an earlier stage made (synthesis: Helm values; cross-blueprint conflicts): reported as is."""
    kube_version: str | None = None
    """The Kubernetes minor version ("1.33") the objects are meant for; None means hagen's default."""
    texts: Mapping[str, str] = field(default_factory=dict)
    cotenants: Cotenants | None = None
    """The blueprints checked with this one (`Cotenants`), whose pods share its cluster; None: alone."""

    def workloads(self) -> list[Workload]:
        """Every object that runs pods; an autoscaler's target counts its maxReplicas (`replica_count`).
        A new list each call, of views made once per context: every rule reads them (15,000 objects took
        0.1 s each time)."""
        made: tuple[Workload, ...] | None = self.__dict__.get("_workloads")
        if made is None:
            scaled = autoscaled(self.objects)
            made = tuple(w for w in (as_workload(o, scaled) for o in self.objects) if w is not None)
            object.__setattr__(self, "_workloads", made)  # frozen: the views are derived, not state
        return list(made)

    def of_kind(self, kind: str) -> list[Object]:
        return [o for o in self.objects if o.get("kind") == kind]

    def file_of(self, oid: str | None) -> str | None:
        return self.files.get(oid) if oid else None

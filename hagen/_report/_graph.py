"""A blueprint's synthesis -> its resource graph: blueprint -> tiers (their workload, Service, PDB, HPA,
NetworkPolicy) -> ConfigMaps, Secrets, claims -> StorageClass -> provisioner -> CSI add-on; connects_to and
NetworkPolicy paths between tiers; what is exposed outside the cluster; Helm releases.

Built from the objects (plain data), so every kind the synthesis emits is drawn, whichever DSL made it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._model import Graph, Mark, Node, Row
from ._refs import WORKLOADS, pod_template, references, selects

STANDALONE = (
    "ConfigMap",
    "Secret",
    "PersistentVolumeClaim",
    "StorageClass",
    "Ingress",
    "HTTPRoute",
    "Gateway",
)
# The EKS add-on that runs each CSI provisioner (the in-tree aws-ebs name is routed to the EBS driver).
ADDONS = {
    "ebs.csi.aws.com": "aws-ebs-csi-driver",
    "kubernetes.io/aws-ebs": "aws-ebs-csi-driver",
    "efs.csi.aws.com": "aws-efs-csi-driver",
}
DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class"


def _meta(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = obj.get("metadata")
    return meta if isinstance(meta, dict) else {}


def tier_of(obj: Mapping[str, Any]) -> str | None:
    labels = _meta(obj).get("labels") or {}
    return labels.get("app.kubernetes.io/component") or labels.get("tier")


def object_key(obj: Mapping[str, Any]) -> str:
    """group.Kind.namespace.name, as hagen diff names objects (hagen.object_id)."""
    from .._objects import object_id

    return object_id(dict(obj))


def detail(obj: Mapping[str, Any]) -> str:
    """A few words a reviewer wants beside the kind and name."""
    kind = obj.get("kind")
    spec: Mapping[str, Any] = obj["spec"] if isinstance(obj.get("spec"), dict) else {}
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        return f"×{spec.get('replicas', 1)}"
    if kind == "DaemonSet":
        return "one per node"
    if kind == "CronJob":
        return str(spec.get("schedule", ""))
    if kind == "Service":
        ports = ", ".join(
            f"{p.get('port')}→{p.get('targetPort', p.get('port'))}" for p in spec.get("ports") or []
        )
        return f"{spec.get('type', 'ClusterIP')} {ports}".strip()
    if kind == "HorizontalPodAutoscaler":
        return f"{spec.get('minReplicas', 1)}–{spec.get('maxReplicas')} replicas"
    if kind == "PodDisruptionBudget":
        for key in ("minAvailable", "maxUnavailable"):
            if key in spec:
                return f"{key} {spec[key]}"
    return ""


def _workload_of(tiers: Mapping[str, list[Mapping[str, Any]]], selector: Any) -> str | None:
    """The tier whose workload's pod template labels `selector` selects."""
    for tier, objects in tiers.items():
        for obj in objects:
            if obj.get("kind") in WORKLOADS:
                labels = _meta(pod_template(obj)).get("labels") or {}
                if selects(selector, labels):
                    return tier
    return None


class _Builder:
    def __init__(self, synthesis: Any, marks: Mapping[str, Mark], colors: Mapping[str | None, str]) -> None:
        spec = synthesis.blueprint
        self.spec = spec
        self.objects: list[Mapping[str, Any]] = list(synthesis.objects)
        self.marks = marks
        self.colors = colors
        self.graph = Graph(spec.name, f"blueprint {spec.name} (namespace {spec.namespace})")
        self.by_key = {object_key(o): o for o in self.objects}
        self.tiers: dict[str, list[Mapping[str, Any]]] = {t.name: [] for t in spec.tiers}
        for obj in self.objects:
            tier = tier_of(obj)
            if tier and obj.get("kind") not in STANDALONE:
                self.tiers.setdefault(tier, []).append(obj)
        self.addons = self._addons(synthesis)
        self.values: Mapping[str, Any] = dict(getattr(synthesis, "values", None) or {})

    def _addons(self, synthesis: Any) -> set[str]:
        found = {str(d.addon) for d in getattr(self.spec, "csi_drivers", None) or ()}
        for data in (getattr(synthesis, "extras", None) or {}).values():
            if isinstance(data, dict) and data.get("kind") == "ClusterConfig":
                found.update(str(a.get("name")) for a in data.get("addons") or [] if isinstance(a, dict))
        return found

    def build(self) -> Graph:
        g = self.graph
        g.add(Node("blueprint", "blueprint", self.graph.title))
        for tier, objects in self.tiers.items():
            rows = [
                Row(object_key(o), str(o.get("kind")), str(_meta(o).get("name")), detail(o)) for o in objects
            ]
            for row in rows:
                row.mark = self.marks.get(row.object_id)
            g.add(Node(f"tier:{tier}", "tier", f"tier {tier}", rows, self.colors.get(tier, "")))
            g.link("blueprint", f"tier:{tier}", "owns")
        for obj in self.objects:
            if obj.get("kind") in STANDALONE or (not tier_of(obj) and obj.get("kind") != "Namespace"):
                self._object_node(obj)
        for tier, objects in self.tiers.items():
            for obj in objects:
                self._uses(tier, obj)
        self._storage()
        self._network()
        self._releases()
        return g

    def _object_node(self, obj: Mapping[str, Any]) -> Node:
        key = object_key(obj)
        name = str(_meta(obj).get("name"))
        node = self.graph.add(Node(f"obj:{key}", str(obj.get("kind")), f"{obj.get('kind')} {name}"))
        node.mark = self.marks.get(key)
        node.note = detail(obj)
        if not tier_of(obj) and obj.get("kind") not in ("StorageClass", "PersistentVolumeClaim"):
            self.graph.link("blueprint", node.key, "owns")
        return node

    def _named(self, kind: str, name: str, namespace: str) -> str:
        """The node of a referenced object, made as `missing` when the synthesis does not create it."""
        cluster_scoped = kind == "StorageClass"
        key = object_key(
            {
                "apiVersion": "storage.k8s.io/v1" if cluster_scoped else "v1",
                "kind": kind,
                "metadata": {"name": name} if cluster_scoped else {"name": name, "namespace": namespace},
            }
        )
        if key not in self.by_key:
            node = self.graph.add(Node(f"obj:{key}", kind, f"{kind} {name}", missing=True))
            node.note = "not created by this blueprint"
        return f"obj:{key}"

    def _uses(self, tier: str, obj: Mapping[str, Any]) -> None:
        namespace = str(_meta(obj).get("namespace", ""))
        for kind, name in references(obj):
            if obj.get("kind") == "StatefulSet" and kind == "PersistentVolumeClaim":
                key = self._claim_template(obj, name)
            else:
                key = self._named(kind, name, namespace)
            self.graph.link(f"tier:{tier}", key, "uses")

    def _claim_template(self, sts: Mapping[str, Any], name: str) -> str:
        spec = sts.get("spec") or {}
        template: Mapping[str, Any] = next(
            (t for t in spec.get("volumeClaimTemplates") or [] if _meta(t).get("name") == name), {}
        )
        key = f"claim:{_meta(sts).get('name')}/{name}"
        node = self.graph.add(Node(key, "PersistentVolumeClaim", f"claims {name}-{_meta(sts).get('name')}-N"))
        node.note = "one per pod (volumeClaimTemplates)"
        self._class_edge(key, (template.get("spec") or {}).get("storageClassName"))
        return key

    def _class_edge(self, src: str, class_name: Any) -> None:
        if not class_name:
            defaults = [
                o
                for o in self.objects
                if o.get("kind") == "StorageClass"
                and (_meta(o).get("annotations") or {}).get(DEFAULT_CLASS) == "true"
            ]
            class_name = _meta(defaults[0]).get("name") if defaults else "(cluster default)"
        self.graph.link(src, self._named("StorageClass", str(class_name), ""), "stores")

    def _storage(self) -> None:
        for obj in self.objects:
            if obj.get("kind") == "PersistentVolumeClaim":
                self._class_edge(f"obj:{object_key(obj)}", (obj.get("spec") or {}).get("storageClassName"))
        for node in list(self.graph.nodes.values()):
            if node.kind != "StorageClass" or node.missing:
                continue
            obj = self.by_key[node.key.removeprefix("obj:")]
            provisioner = str(obj.get("provisioner", ""))
            prov = self.graph.add(Node(f"prov:{provisioner}", "provisioner", f"provisioner {provisioner}"))
            self.graph.link(node.key, prov.key, "provisions")
            addon = ADDONS.get(provisioner)
            if addon:
                present = addon in self.addons
                self.graph.add(
                    Node(
                        f"addon:{addon}",
                        "addon",
                        f"EKS add-on {addon}",
                        missing=not present,
                        note="declared (eksctl fragment)"
                        if present
                        else "not installed: claims stay Pending",
                    )
                )
                self.graph.link(prov.key, f"addon:{addon}", "runs")

    def _network(self) -> None:
        paths: dict[tuple[str, str], list[str]] = {}
        for tier in self.spec.tiers:
            for other in tier.connects_to:
                paths.setdefault((f"tier:{tier.name}", f"tier:{other}"), []).append("connects_to")
        for obj in self.objects:
            kind, spec = obj.get("kind"), obj.get("spec") or {}
            if kind == "NetworkPolicy":
                target = _workload_of(self.tiers, spec.get("podSelector"))
                for rule in spec.get("ingress") or [] if target else []:
                    peers = rule.get("from") or []
                    sources = [
                        _workload_of(self.tiers, p.get("podSelector")) for p in peers if "podSelector" in p
                    ]
                    if not peers or len(sources) < len(peers):
                        sources.append("outside")
                    for src in sources:
                        key = "outside" if src == "outside" else f"tier:{src}" if src else None
                        if key:
                            paths.setdefault((key, f"tier:{target}"), []).append("NetworkPolicy allows")
            elif kind == "Service" and spec.get("type") in ("LoadBalancer", "NodePort"):
                target = _workload_of(self.tiers, spec.get("selector"))
                if target:
                    paths.setdefault(("outside", f"tier:{target}"), []).append(f"{spec['type']} Service")
            elif kind in ("Ingress", "HTTPRoute"):
                self._route(obj, paths)
        if any(src == "outside" for src, _ in paths):
            self.graph.add(Node("outside", "outside", "outside the cluster"))
        for (src, dst), labels in paths.items():
            self.graph.link(src, dst, "connects", " · ".join(dict.fromkeys(labels)))

    def _route(self, obj: Mapping[str, Any], paths: dict[tuple[str, str], list[str]]) -> None:
        spec = obj.get("spec") or {}
        names: list[str] = []
        if obj.get("kind") == "Ingress":
            backends = [spec.get("defaultBackend") or {}]
            for rule in spec.get("rules") or []:
                backends.extend(p.get("backend") or {} for p in (rule.get("http") or {}).get("paths") or [])
            names = [str((b.get("service") or {}).get("name")) for b in backends if b.get("service")]
        else:
            for rule in spec.get("rules") or []:
                names.extend(str(ref.get("name")) for ref in rule.get("backendRefs") or [])
        key = f"obj:{object_key(obj)}"
        paths.setdefault(("outside", key), []).append(str(obj.get("kind")))
        for name in dict.fromkeys(names):
            service = next(
                (o for o in self.objects if o.get("kind") == "Service" and _meta(o).get("name") == name), None
            )
            target = (
                _workload_of(self.tiers, (service.get("spec") or {}).get("selector")) if service else None
            )
            if target:
                paths.setdefault((key, f"tier:{target}"), []).append(f"Service {name}")

    def _releases(self) -> None:
        for release in getattr(self.spec, "releases", None) or ():
            chart = getattr(release, "chart", None)
            label = f"Helm release {release.name}"
            node = self.graph.add(Node(f"release:{release.name}", "release", label))
            node.note = (
                f"chart {getattr(chart, 'name', '') or chart} {getattr(release, 'version', '')}".strip()
            )
            self.graph.link("blueprint", node.key, "owns")
            values = self.values.get(release.name) or {}
            for class_name in _storage_classes(values):
                self.graph.link(node.key, self._named("StorageClass", class_name, ""), "stores")


def _storage_classes(values: Any) -> list[str]:
    """Every `storageClass`/`storageClassName` string in Helm values (charts name the key either way)."""
    found: list[str] = []
    if isinstance(values, dict):
        for key, value in values.items():
            if key in ("storageClass", "storageClassName") and isinstance(value, str) and value:
                found.append(value)
            else:
                found.extend(_storage_classes(value))
    elif isinstance(values, list):
        for item in values:
            found.extend(_storage_classes(item))
    return list(dict.fromkeys(found))


def build_graph(
    synthesis: Any, marks: Mapping[str, Mark] | None = None, colors: Mapping[str | None, str] | None = None
) -> Graph:
    """The resource graph of one blueprint's `synthesis` (hagen.Synthesis). `marks`: object id -> how a
    change touches it (objects removed by the change are drawn from `marks` too, as rows of their tier
    when known). `colors`: tier -> fill colour (the placement picture's, so a tier looks the same in both).
    """
    return _Builder(synthesis, marks or {}, colors or {}).build()


def add_removed(graph: Graph, removed: Sequence[tuple[str, Mapping[str, Any]]], mark: Mark) -> None:
    """Objects a change removes, shown where they were: a row of their tier, or a node of their own."""
    for object_id, obj in removed:
        tier = tier_of(obj) if isinstance(obj, dict) else None
        kind, name = str(obj.get("kind")), str(_meta(obj).get("name"))
        if tier and f"tier:{tier}" in graph.nodes and kind not in STANDALONE:
            graph.nodes[f"tier:{tier}"].rows.append(Row(object_id, kind, name, "", mark))
        else:
            node = graph.add(Node(f"obj:{object_id}", kind, f"{kind} {name}", mark=mark))
            graph.link("blueprint", node.key, "owns")

"""Workload objects (plain dicts) -> the pods their controllers would create, in a stated order.

Deployment / ReplicaSet pods are ``<name>-<n>`` (n from 1) and carry ``pod-template-hash``; StatefulSet pods
are ``<name>-<ordinal>`` (from 0) with ``statefulset.kubernetes.io/pod-name``; a DaemonSet gets one pod per
node it may run on (``<name>-<node>``); a bare Pod is itself. A pod's tier is its
``app.kubernetes.io/component`` label, else the blueprints' configured tier label (hagen._labels).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._errors import InputError
from .._labels import DEFAULT_TIER_LABEL, tier_of
from .._objects import SCALABLE_KINDS, replica_count
from ._cluster import SimNode
from ._filters_node import node_affinity_ok, untolerated
from ._pod import Parsed, Pod, parse_pod
from ._podspec import daemon_tolerations, pod_requests
from ._scaled import autoscaled, run_template
from ._selector import Selector, SelectorError, parse_selector

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Pod", "Job", "CronJob")
RUN_KINDS = ("Job", "CronJob")
EBS_PROVISIONERS = frozenset({"ebs.csi.aws.com", "kubernetes.io/aws-ebs"})
ORDERS = ("declared", "reverse", "interleaved")
TEST_HOOKS = frozenset({"test", "test-success", "test-failure"})


@dataclass(slots=True)
class Workload:
    """One workload object with what the simulation needs from it."""

    kind: str
    name: str
    namespace: str
    replicas: int
    template: dict[str, Any]
    selector: Selector | None
    tier: str | None
    obj: dict[str, Any]
    ebs: bool = False
    pdb: dict[str, Any] | None = None
    pods: list[Pod] = field(default_factory=list)


def _ebs_classes(objects: Iterable[Mapping[str, Any]]) -> tuple[set[str], str | None]:
    names: set[str] = set()
    default: str | None = None
    for obj in objects:
        if obj.get("kind") == "StorageClass":
            meta = obj.get("metadata") or {}
            if obj.get("provisioner") in EBS_PROVISIONERS:
                names.add(str(meta.get("name")))
            ann = meta.get("annotations") or {}
            if str(ann.get("storageclass.kubernetes.io/is-default-class", "")).lower() == "true":
                default = str(meta.get("name"))
    return names, default


def _claims(objects: Iterable[Mapping[str, Any]]) -> dict[tuple[Any, Any], Mapping[str, Any]]:
    """PersistentVolumeClaims by (namespace, name)."""
    out: dict[tuple[Any, Any], Mapping[str, Any]] = {}
    for o in objects:
        if o.get("kind") == "PersistentVolumeClaim":
            meta = o.get("metadata") or {}
            out.setdefault((meta.get("namespace"), meta.get("name")), o)
    return out


def _uses_ebs(
    obj: Mapping[str, Any],
    template: Mapping[str, Any],
    classes: tuple[set[str], str | None],
    pvcs: Mapping[tuple[Any, Any], Mapping[str, Any]],
) -> bool:
    """A StatefulSet volumeClaimTemplate or a mounted PVC whose StorageClass is provisioned by EBS
    (`classes`: the EBS class names and the default class; `pvcs`: the claims by namespace and name)."""
    ebs, default = classes
    claims: list[Mapping[str, Any]] = list((obj.get("spec") or {}).get("volumeClaimTemplates") or [])
    ns = (obj.get("metadata") or {}).get("namespace")
    for v in (template.get("spec") or {}).get("volumes") or []:
        if v.get("persistentVolumeClaim"):
            claim = pvcs.get((ns, (v.get("persistentVolumeClaim") or {}).get("claimName")))
            if claim is not None and claim not in claims:
                claims.append(claim)
    return any(((c.get("spec") or {}).get("storageClassName") or default) in ebs for c in claims)


def _requests(pod_spec: Mapping[str, Any], where: str) -> dict[str, Any]:
    cpu, mem = pod_requests(pod_spec, where)
    return {"requests": {"cpu": f"{cpu}m", "memory": str(mem)}}


def is_test_hook(obj: Mapping[str, Any]) -> bool:
    """A Helm test hook (``helm.sh/hook: test``): `helm install` never creates it, only `helm test`."""
    hooks = str(((obj.get("metadata") or {}).get("annotations") or {}).get("helm.sh/hook") or "")
    return any(h.strip() in TEST_HOOKS for h in hooks.split(","))


def _hash(template: Mapping[str, Any], revision: int) -> str:
    text = json.dumps([template, revision], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def workloads(
    objects: Sequence[Mapping[str, Any]], tier_labels: Sequence[str] = (DEFAULT_TIER_LABEL,)
) -> list[Workload]:
    """The workload objects among `objects`, in their order, with their PodDisruptionBudget."""
    # Parsed once: a workload's lookups must not re-read every object (1,000 tiers would take minutes).
    pdbs = [
        (
            str((o.get("metadata") or {}).get("namespace") or "default"),
            parse_selector((o.get("spec") or {}).get("selector")),
            o,
        )
        for o in objects
        if o.get("kind") == "PodDisruptionBudget"
    ]
    classes = _ebs_classes(objects)
    pvcs = _claims(objects)
    scaled = autoscaled(objects)
    out = []
    for obj in objects:
        kind = obj.get("kind")
        if kind not in WORKLOAD_KINDS or is_test_hook(obj):
            continue
        meta = obj.get("metadata") or {}
        spec = obj.get("spec") or {}
        if kind in RUN_KINDS:
            template = run_template(obj)
        else:
            template = {"metadata": meta, "spec": spec} if kind == "Pod" else spec.get("template") or {}
        labels = (template.get("metadata") or {}).get("labels") or {}
        ns = str(meta.get("namespace") or "default")
        try:
            selector = (
                None if kind in ("Pod", *RUN_KINDS) else parse_selector(spec.get("selector"), "spec.selector")
            )
        except SelectorError as exc:
            raise InputError(f"{kind}/{meta.get('name')}: {exc}") from None
        replicas = replica_count(obj, scaled) if kind in SCALABLE_KINDS else 1
        w = Workload(
            str(kind),
            str(meta.get("name", "")),
            ns,
            replicas,
            dict(template),
            selector,
            tier_of(labels, tier_labels),
            dict(obj),
        )
        w.ebs = _uses_ebs(obj, template, classes, pvcs)
        for pdb_ns, psel, pdb in pdbs:
            if pdb_ns == ns and psel.matches(labels):
                w.pdb = dict(pdb.get("spec") or {})
        out.append(w)
    return out


def make_pod(
    w: Workload,
    index: int,
    order: int,
    revision: int = 0,
    node: SimNode | None = None,
    parsed: dict[object, Parsed] | None = None,
) -> Pod:
    """Pod number `index` of `w` (ordinal for StatefulSets) at template `revision` (`parsed`: see
    `parse_pod`)."""
    template = w.template
    pod_spec: dict[str, Any] = dict(template.get("spec") or {})
    labels = {str(k): str(v) for k, v in ((template.get("metadata") or {}).get("labels") or {}).items()}
    if w.kind in ("Deployment", "ReplicaSet"):
        labels["pod-template-hash"] = _hash(template, revision)
        name = f"{w.name}-{index}"
    elif w.kind == "StatefulSet":
        name = f"{w.name}-{index}"
        labels |= {
            "statefulset.kubernetes.io/pod-name": name,
            "apps.kubernetes.io/pod-index": str(index),
            "controller-revision-hash": f"{w.name}-{_hash(template, revision)}",
        }
    elif w.kind == "DaemonSet" and node is not None:
        name = f"{w.name}-{node.name}"
        affinity = copy.deepcopy(pod_spec.get("affinity") or {})
        affinity["nodeAffinity"] = {
            "requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [
                    {"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node.name]}]}
                ]
            }
        }
        pod_spec["affinity"] = affinity
        pod_spec["tolerations"] = daemon_tolerations(pod_spec)
    else:
        name = w.name
    raw = {
        "name": name,
        "namespace": w.namespace,
        "labels": labels,
        "affinity": pod_spec.get("affinity"),
        "topologySpreadConstraints": pod_spec.get("topologySpreadConstraints"),
        "nodeSelector": pod_spec.get("nodeSelector"),
        "tolerations": pod_spec.get("tolerations"),
        "resources": _requests(pod_spec, f"{w.kind} {w.namespace}/{w.name}"),
    }
    owner = w.selector if w.kind in ("Deployment", "ReplicaSet", "StatefulSet") else None
    where = f"{w.kind}/{w.name}"
    return parse_pod(
        raw,
        where,
        order,
        parsed=parsed,
        tier=w.tier,
        workload=w.name,
        kind=w.kind,
        ebs=w.ebs,
        owner_selector=owner,
    )


def _daemon_nodes(w: Workload, nodes: Sequence[SimNode]) -> list[SimNode]:
    """The nodes the DaemonSet controller creates a pod for (nodeShouldRunDaemonPod: node affinity and
    taints, with the tolerations it adds)."""
    probe = make_pod(w, 0, 0, node=None)
    probe.tolerations = parse_pod(
        {"name": "probe", "tolerations": daemon_tolerations(w.template.get("spec") or {})}, "probe"
    ).tolerations
    return [n for n in nodes if node_affinity_ok(probe, n) and untolerated(probe, n) is None]


def _ranks(order: Sequence[str]) -> Callable[[Workload], int]:
    """Where a workload comes in `order`: its ``namespace/tier`` entry, else its bare tier's, else last."""
    position: dict[str, int] = {}
    for at, key in enumerate(order):
        position.setdefault(key, at)

    def rank(w: Workload) -> int:
        if w.tier is None:
            return len(order)
        return position.get(f"{w.namespace}/{w.tier}", position.get(w.tier, len(order)))

    return rank


def expand(
    items: Sequence[Workload], nodes: Sequence[SimNode], order: str = "declared", tiers: Sequence[str] = ()
) -> list[Pod]:
    """Every pod of `items`, numbered in creation order. `order`: declared (workload by workload),
    reverse (last workload first), interleaved (first replica of each, then the second, ...), or a comma
    list of tiers created first. `tiers`: the declared creation order. In both lists an entry is
    ``namespace/tier`` (that namespace's tier) or ``tier`` (that tier in every namespace)."""
    ranked = list(items)
    if order == "reverse":
        ranked.reverse()
    elif order not in ("declared", "interleaved"):
        first = [t.strip() for t in order.split(",") if t.strip()]
        known_tiers = {w.tier for w in items} | {f"{w.namespace}/{w.tier}" for w in items if w.tier}
        unknown = [t for t in first if t not in known_tiers]
        if unknown:
            known = ", ".join(sorted({w.tier for w in items if w.tier})) or "(no workload has a tier label)"
            raise InputError(f"--order: no tier named {unknown[0]!r}; tiers: {known}")
        ranked.sort(key=_ranks(first))
    elif tiers:
        ranked.sort(key=_ranks(list(tiers)))
    queues: list[list[tuple[Workload, int, SimNode | None]]] = []
    for w in ranked:
        if w.kind == "DaemonSet":
            queues.append([(w, 0, n) for n in _daemon_nodes(w, nodes)])
        else:
            start = 0 if w.kind == "StatefulSet" else 1
            queues.append([(w, start + i, None) for i in range(w.replicas)])
    if order == "interleaved":
        flat = [q[i] for i in range(max((len(q) for q in queues), default=0)) for q in queues if i < len(q)]
    else:
        flat = [entry for q in queues for entry in q]
    pods = []
    parsed: dict[object, Parsed] = {}
    for n, (w, index, node) in enumerate(flat):
        pod = make_pod(w, index, n, node=node, parsed=parsed)
        w.pods.append(pod)
        pods.append(pod)
    return pods

"""Kubernetes objects as plain data: identity, scope and the order hagen writes them in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._scope import BUILTIN_CLUSTER_SCOPED
from ._scope import is_cluster_scoped as is_cluster_scoped  # re-exported: scope has its own module

Object = dict[str, Any]
"""A Kubernetes object as plain data (what `kubectl get -o json` would show, minus status)."""

# Dependencies first, the way `helm install` and tanka order them: a namespace before what lives in it,
# storage and identity before the workloads that mount or run as them.
KIND_ORDER: tuple[str, ...] = (
    "Namespace",
    "StorageClass",
    "CustomResourceDefinition",
    "PriorityClass",
    "ClusterRole",
    "ClusterRoleBinding",
    "PersistentVolume",
    "ResourceQuota",
    "LimitRange",
    "NetworkPolicy",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "PersistentVolumeClaim",
    "Role",
    "RoleBinding",
    "Service",
    "PodDisruptionBudget",
    "DaemonSet",
    "Pod",
    "ReplicaSet",
    "Deployment",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "Job",
    "CronJob",
    "Ingress",
    "Gateway",
    "HTTPRoute",
    "APIService",
)
_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}

CLUSTER_SCOPED_KINDS: frozenset[str] = frozenset(kind for _, kind in BUILTIN_CLUSTER_SCOPED)
"""The kind names of BUILTIN_CLUSTER_SCOPED (hagen._scope), for lookups that know no group."""


def api_group(api_version: str) -> str:
    """The group of an apiVersion: "apps/v1" -> "apps", "v1" -> "" (the core group)."""
    return api_version.rpartition("/")[0]


def object_id(obj: Object) -> str:
    """Identity of an object: ``group.kind.namespace.name`` with "core" and "_" for the empty parts.

    Versions are left out on purpose: apps/v1 and apps/v1beta2 name the same object on the server.
    """
    meta = obj.get("metadata") or {}
    group = api_group(str(obj.get("apiVersion", ""))) or "core"
    namespace = meta.get("namespace") or "_"
    return f"{group}.{obj.get('kind', '')}.{namespace}.{meta.get('name', '')}"


def sort_key(obj: Object) -> tuple[int, str, str, str]:
    """Kind order first (unknown kinds after known ones, by name), then namespace, then name."""
    kind = str(obj.get("kind", ""))
    meta = obj.get("metadata") or {}
    return (
        _RANK.get(kind, len(KIND_ORDER)),
        kind,
        str(meta.get("namespace") or ""),
        str(meta.get("name", "")),
    )


def keyed_id(obj: Object) -> tuple[tuple[int, str, str, str], str]:
    """(`sort_key(obj)`, `object_id(obj)`) from one reading of the object."""
    meta = obj.get("metadata") or {}
    kind = str(obj.get("kind", ""))
    namespace = str(meta.get("namespace") or "")
    name = str(meta.get("name", ""))
    group = api_group(str(obj.get("apiVersion", ""))) or "core"
    return (
        _RANK.get(kind, len(KIND_ORDER)),
        kind,
        namespace,
        name,
    ), f"{group}.{kind}.{namespace or '_'}.{name}"


def sort_objects(objects: Iterable[Object]) -> list[Object]:
    """The objects in hagen's stable order (see KIND_ORDER); equal keys keep their input order."""
    return sorted(objects, key=sort_key)


def autoscaled(objects: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str], int]:
    """(namespace, kind, name) -> maxReplicas of the HorizontalPodAutoscaler (autoscaling/v2) targeting it.

    The workload's own spec.replicas is then not its size: the autoscaler sets it between minReplicas and
    maxReplicas.
    """
    out: dict[tuple[str, str, str], int] = {}
    for obj in objects:
        if obj.get("kind") != "HorizontalPodAutoscaler":
            continue
        spec = obj.get("spec") or {}
        ref = spec.get("scaleTargetRef") or {}
        most = spec.get("maxReplicas")
        if isinstance(most, int) and not isinstance(most, bool):
            namespace = str((obj.get("metadata") or {}).get("namespace") or "default")
            out[(namespace, str(ref.get("kind")), str(ref.get("name")))] = most
    return out


SCALABLE_KINDS = ("Deployment", "StatefulSet", "ReplicaSet")
"""Kinds whose pod count is spec.replicas (their /scale subresource), the ones an autoscaler can own."""


def replica_count(obj: Mapping[str, Any], scaled: Mapping[tuple[str, str, str], int]) -> int:
    """The pods a Deployment, StatefulSet or ReplicaSet runs, as `hagen place` and `hagen check` both
    count them: the maxReplicas of the HorizontalPodAutoscaler scaling it (`scaled`, from `autoscaled`),
    else spec.replicas, else 1 (the API server's default, apps/v1 SetDefaults_Deployment).

    An autoscaler's target usually leaves spec.replicas out (autoscaling.replicas-fixed asks for that), so
    reading the field would see the default 1 however far the autoscaler scales it; maxReplicas is the size
    at which required (anti-)affinity and node room are tightest, the moment of highest load.
    """
    meta = obj.get("metadata") or {}
    key = (str(meta.get("namespace") or "default"), str(obj.get("kind")), str(meta.get("name", "")))
    if key in scaled:
        return scaled[key]
    raw = (obj.get("spec") or {}).get("replicas", 1)
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else 1

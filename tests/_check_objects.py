"""Small builders of Kubernetes objects for the check and validate tests (plain dicts, as hagen emits)."""

from __future__ import annotations

import copy
from typing import Any

INSTANCE = "app.kubernetes.io/instance"
COMPONENT = "app.kubernetes.io/component"
HOSTNAME = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"


def container(
    name: str = "app", image: str = "registry.example.com/app:1.2.3", **extra: Any
) -> dict[str, Any]:
    """A container that passes every workload rule unless `extra` overrides a field."""
    base: dict[str, Any] = {
        "name": name,
        "image": image,
        "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}},
        "readinessProbe": {"tcpSocket": {"port": 8080}},
        "securityContext": {"allowPrivilegeEscalation": False, "runAsNonRoot": True},
    }
    base.update(extra)
    return base


def term(tier: str, key: str = HOSTNAME) -> dict[str, Any]:
    return {
        "labelSelector": {"matchExpressions": [{"key": "tier", "operator": "In", "values": [tier]}]},
        "topologyKey": key,
    }


def deployment(
    name: str = "web",
    *,
    replicas: int = 2,
    namespace: str = "shop",
    blueprint: str = "shop",
    containers: list[dict[str, Any]] | None = None,
    pod: dict[str, Any] | None = None,
    strategy: dict[str, Any] | None = None,
    kind: str = "Deployment",
) -> dict[str, Any]:
    """A Deployment (or StatefulSet/DaemonSet via `kind`) of tier `name` labelled as hagen labels it."""
    labels = {INSTANCE: blueprint, COMPONENT: name, "tier": name}
    spec: dict[str, Any] = {
        "selector": {"matchLabels": {"tier": name}},
        "template": {
            "metadata": {"labels": dict(labels)},
            "spec": {"containers": containers if containers is not None else [container()], **(pod or {})},
        },
    }
    if kind != "DaemonSet":
        spec["replicas"] = replicas
    if strategy is not None:
        spec["strategy"] = strategy
    return {
        "apiVersion": "apps/v1",
        "kind": kind,
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": spec,
    }


def separated(name: str, replicas: int, key: str = HOSTNAME, **kw: Any) -> dict[str, Any]:
    """A Deployment whose pods repel each other over `key` (required anti-affinity)."""
    pod = {
        "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term(name, key)]}}
    }
    return deployment(name, replicas=replicas, pod=pod, **kw)


def paired(name: str, partner: str, replicas: int, key: str = HOSTNAME) -> dict[str, Any]:
    """A Deployment that must sit with `partner` pods and repels its own (the seed's frontend)."""
    pod = {
        "affinity": {
            "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term(partner, key)]},
            "podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term(name, key)]},
        }
    }
    return deployment(name, replicas=replicas, pod=pod)


def storage_class(name: str, provisioner: str = "ebs.csi.aws.com", **params: str) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": {"name": name},
        "provisioner": provisioner,
        "volumeBindingMode": "WaitForFirstConsumer",
    }
    if params:
        obj["parameters"] = dict(params)
    return obj


def pvc(
    name: str, class_name: str | None, modes: tuple[str, ...] = ("ReadWriteOnce",), namespace: str = "shop"
) -> dict[str, Any]:
    spec: dict[str, Any] = {"accessModes": list(modes), "resources": {"requests": {"storage": "8Gi"}}}
    if class_name is not None:
        spec["storageClassName"] = class_name
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def mounting(workload: dict[str, Any], claim: str) -> dict[str, Any]:
    """`workload` with a volume of PVC `claim` mounted at /data in its first container."""
    obj = copy.deepcopy(workload)
    pod = obj["spec"]["template"]["spec"]
    pod["volumes"] = [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]
    pod["containers"][0]["volumeMounts"] = [{"name": "data", "mountPath": "/data"}]
    return obj


def eksctl(*addons: str) -> dict[str, Any]:
    return {
        "apiVersion": "eksctl.io/v1alpha5",
        "kind": "ClusterConfig",
        "iam": {"withOIDC": True},
        "addons": [{"name": a, "version": "latest"} for a in addons],
    }


def pdb(name: str, selector_tier: str, namespace: str = "shop", **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"selector": {"matchLabels": {"tier": selector_tier}}, **spec},
    }

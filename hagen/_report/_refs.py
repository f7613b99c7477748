"""What a workload's pods use, read from its pod template: ConfigMaps, Secrets, claims (Kubernetes names).

Follows the places the kubelet resolves references from (core/v1 PodSpec): `volumes[]` (configMap,
secret, persistentVolumeClaim, projected sources), containers' and init containers' `env[].valueFrom`
and `envFrom[]`, and `imagePullSecrets`; a StatefulSet's `volumeClaimTemplates` are claims too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod")


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def pod_template(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    """The pod template (metadata and spec) of a workload; the object itself for a bare Pod."""
    kind = obj.get("kind")
    spec = _dict(obj.get("spec"))
    if kind == "Pod":
        return obj
    if kind == "CronJob":
        return _dict(_dict(_dict(spec.get("jobTemplate")).get("spec")).get("template"))
    return _dict(spec.get("template"))


def _volume_refs(volume: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    if "configMap" in volume:
        yield "ConfigMap", str(_dict(volume["configMap"]).get("name"))
    if "secret" in volume:
        yield "Secret", str(_dict(volume["secret"]).get("secretName"))
    if "persistentVolumeClaim" in volume:
        yield "PersistentVolumeClaim", str(_dict(volume["persistentVolumeClaim"]).get("claimName"))
    for source in _list(_dict(volume.get("projected")).get("sources")):
        source = _dict(source)
        if "configMap" in source:
            yield "ConfigMap", str(_dict(source["configMap"]).get("name"))
        if "secret" in source:
            yield "Secret", str(_dict(source["secret"]).get("name"))


def _container_refs(container: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for env in _list(container.get("env")):
        source = _dict(_dict(env).get("valueFrom"))
        if "configMapKeyRef" in source:
            yield "ConfigMap", str(_dict(source["configMapKeyRef"]).get("name"))
        if "secretKeyRef" in source:
            yield "Secret", str(_dict(source["secretKeyRef"]).get("name"))
    for env_from in _list(container.get("envFrom")):
        env_from = _dict(env_from)
        if "configMapRef" in env_from:
            yield "ConfigMap", str(_dict(env_from["configMapRef"]).get("name"))
        if "secretRef" in env_from:
            yield "Secret", str(_dict(env_from["secretRef"]).get("name"))


def references(obj: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(kind, name) of every ConfigMap, Secret and PersistentVolumeClaim the workload's pods use, in order
    of appearance, once each; a StatefulSet's claim templates as ("PersistentVolumeClaim", template)."""
    spec = _dict(pod_template(obj).get("spec"))
    found: list[tuple[str, str]] = []
    for volume in _list(spec.get("volumes")):
        found.extend(_volume_refs(_dict(volume)))
    for key in ("initContainers", "containers"):
        for container in _list(spec.get(key)):
            found.extend(_container_refs(_dict(container)))
    found.extend(("Secret", str(_dict(s).get("name"))) for s in _list(spec.get("imagePullSecrets")))
    if obj.get("kind") == "StatefulSet":
        for template in _list(_dict(obj.get("spec")).get("volumeClaimTemplates")):
            found.append(("PersistentVolumeClaim", str(_dict(_dict(template).get("metadata")).get("name"))))
    return list(dict.fromkeys(found))


def selects(selector: Any, labels: Mapping[str, Any]) -> bool:
    """A label selector (matchLabels and matchExpressions, or a bare map as a Service's) matches `labels`;
    an empty or missing selector matches nothing here (a graph edge needs a real selection)."""
    selector = _dict(selector)
    if not selector:
        return False
    if "matchLabels" not in selector and "matchExpressions" not in selector:
        return all(labels.get(k) == v for k, v in selector.items())
    if not all(labels.get(k) == v for k, v in _dict(selector.get("matchLabels")).items()):
        return False
    for expr in _list(selector.get("matchExpressions")):
        expr = _dict(expr)
        key, op, values = str(expr.get("key")), expr.get("operator"), _list(expr.get("values"))
        has = key in labels
        if (
            (op == "In" and (not has or labels[key] not in values))
            or (op == "NotIn" and has and labels[key] in values)
            or (op == "Exists" and not has)
            or (op == "DoesNotExist" and has)
        ):
            return False
    return True

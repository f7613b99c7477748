"""Valid objects of every kind the API rules cover, and a way to change one field of a fresh copy."""

from __future__ import annotations

import copy
from typing import Any

import hagen

DELETE = object()
"""A value for `changed` that removes the field."""

LABELS = {"app": "web"}
_POD: dict[str, Any] = {
    "metadata": {"labels": dict(LABELS)},
    "spec": {
        "containers": [
            {
                "name": "web",
                "image": "registry.example.com/web:1.0.0",
                "ports": [{"name": "http", "containerPort": 8080}],
                "env": [{"name": "LOG_LEVEL", "value": "info"}],
                "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "64Mi"}},
                "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
            }
        ],
        "volumes": [{"name": "tmp", "emptyDir": {}}],
    },
}
_META = {"name": "web", "namespace": "shop"}
_SELECTOR = {"matchLabels": dict(LABELS)}


def _workload(kind: str, **spec: Any) -> dict[str, Any]:
    body = {"selector": _SELECTOR, "template": _POD, **spec}
    return {"apiVersion": "apps/v1", "kind": kind, "metadata": _META, "spec": body}


def _job_pod() -> dict[str, Any]:
    pod = copy.deepcopy(_POD)
    pod["spec"]["restartPolicy"] = "Never"
    return pod


BASES: dict[str, dict[str, Any]] = {
    "Pod": {"apiVersion": "v1", "kind": "Pod", "metadata": _META, "spec": _POD["spec"]},
    "Deployment": _workload("Deployment", replicas=2),
    "ReplicaSet": _workload("ReplicaSet", replicas=2),
    "StatefulSet": _workload("StatefulSet", replicas=2, serviceName="web"),
    "DaemonSet": _workload("DaemonSet"),
    "Job": {"apiVersion": "batch/v1", "kind": "Job", "metadata": _META, "spec": {"template": _job_pod()}},
    "CronJob": {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": _META,
        "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": _job_pod()}}},
    },
    "Service": {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _META,
        "spec": {"selector": dict(LABELS), "ports": [{"name": "http", "port": 80, "targetPort": "http"}]},
    },
    "ConfigMap": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": _META, "data": {"app.conf": "x=1"}},
    "Secret": {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": _META,
        "type": "Opaque",
        "data": {"k": "dg=="},
    },
    "ServiceAccount": {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": _META},
    "PersistentVolumeClaim": {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": _META,
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "8Gi"}}},
    },
    "StorageClass": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": {"name": "gp3"},
        "provisioner": "ebs.csi.aws.com",
        "reclaimPolicy": "Delete",
        "volumeBindingMode": "WaitForFirstConsumer",
    },
    "Namespace": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}},
    "HorizontalPodAutoscaler": {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": _META,
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
            "minReplicas": 2,
            "maxReplicas": 5,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
        },
    },
    "Ingress": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": _META,
        "spec": {
            "ingressClassName": "alb",
            "rules": [
                {
                    "host": "shop.example.com",
                    "http": {
                        "paths": [
                            {
                                "path": "/",
                                "pathType": "Prefix",
                                "backend": {"service": {"name": "web", "port": {"name": "http"}}},
                            }
                        ]
                    },
                }
            ],
        },
    },
    "IngressClass": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "IngressClass",
        "metadata": {"name": "alb"},
        "spec": {"controller": "ingress.k8s.aws/alb"},
    },
    "NetworkPolicy": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _META,
        "spec": {
            "podSelector": _SELECTOR,
            "policyTypes": ["Ingress"],
            "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": 8080, "protocol": "TCP"}]}],
        },
    },
    "PodDisruptionBudget": {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": _META,
        "spec": {"maxUnavailable": 1, "selector": _SELECTOR},
    },
}

# Where each workload kind keeps its pod template.
TEMPLATE = {
    "Deployment": "spec.template",
    "ReplicaSet": "spec.template",
    "StatefulSet": "spec.template",
    "DaemonSet": "spec.template",
    "Job": "spec.template",
    "CronJob": "spec.jobTemplate.spec.template",
}


def changed(kind: str, changes: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy of BASES[kind] with each dotted path ("spec.ports.0.name") set (or DELETEd)."""
    obj = copy.deepcopy(BASES[kind])
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node: Any = obj
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        key: Any = int(last) if isinstance(node, list) else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = copy.deepcopy(value)
    return obj


# The API server's longer messages, as apimachinery words them.
LABEL_1123 = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
    "start and "
    "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
CONFIG_KEY = (
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
    "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
)
ENV = (
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and "
    "must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for "
    "validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
)
QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"


def errors(obj: dict[str, Any], version: str | None = None) -> list[tuple[str, str]]:
    """(field path, message) of every error `hagen.validate_objects` reports for `obj`."""
    return [(e.path, e.message) for e in hagen.validate_objects([obj], version).errors]

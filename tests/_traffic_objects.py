"""Objects of the traffic, autoscaling and Job findings as imported YAML would hold them (no hagen labels)."""

from __future__ import annotations

import copy
from typing import Any

from ._check_objects import deployment

LB = "service.beta.kubernetes.io/"


def hpa(target: str, minimum: int = 2, maximum: int = 4, **metrics: int) -> dict[str, Any]:
    chosen = metrics or {"cpu": 70}
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": target, "namespace": "shop"},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target},
            "minReplicas": minimum,
            "maxReplicas": maximum,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": n, "target": {"type": "Utilization", "averageUtilization": v}},
                }
                for n, v in chosen.items()
            ],
        },
    }


def unscaled(obj: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(obj)
    del out["spec"]["replicas"]
    return out


def ingress(name: str, host: str, path: str, path_type: str = "Prefix") -> dict[str, Any]:
    backend = {"service": {"name": name, "port": {"number": 80}}}
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": {
            "rules": [
                {"host": host, "http": {"paths": [{"path": path, "pathType": path_type, "backend": backend}]}}
            ]
        },
    }


def http_route(name: str, host: str, path: str) -> dict[str, Any]:
    return {
        "apiVersion": "gateway.networking.k8s.io/v1",
        "kind": "HTTPRoute",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": {
            "hostnames": [host],
            "rules": [
                {
                    "matches": [{"path": {"type": "PathPrefix", "value": path}}],
                    "backendRefs": [{"name": name, "port": 80}],
                }
            ],
        },
    }


def service(annotations: dict[str, str], **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web", "namespace": "shop", "annotations": annotations},
        "spec": {"type": "LoadBalancer", "ports": [{"port": 80}], **spec},
    }


def cronjob(name: str, pod: dict[str, Any] | None = None) -> dict[str, Any]:
    job = deployment(name, pod=pod)
    template = job["spec"]["template"]
    return {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": job["metadata"],
        "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": template}}},
    }

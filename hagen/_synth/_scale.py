"""A tier's `autoscale` -> its autoscaling/v2 HorizontalPodAutoscaler."""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Tier


def replica_range(tier: Tier) -> tuple[int, int]:
    """(fewest, most) replicas the tier runs: the autoscaler's bounds, else `replicas` twice."""
    if tier.autoscale is not None:
        return tier.autoscale.min_replicas, tier.autoscale.max_replicas
    return tier.replicas, tier.replicas


def autoscaler(spec: BlueprintSpec, tier: Tier, kind: str, labels: dict[str, str]) -> dict[str, Any] | None:
    """autoscaling/v2 HorizontalPodAutoscaler <tier> scaling the tier's `kind` on CPU/memory utilization."""
    scale = tier.autoscale
    if scale is None:
        return None
    metrics = [
        {
            "type": "Resource",
            "resource": {"name": name, "target": {"type": "Utilization", "averageUtilization": value}},
        }
        for name, value in (("cpu", scale.cpu), ("memory", scale.memory))
        if value is not None
    ]
    body: dict[str, Any] = {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": tier.name},
        "minReplicas": scale.min_replicas,
        "maxReplicas": scale.max_replicas,
        "metrics": metrics,
    }
    if scale.scale_down_stabilization_seconds is not None:
        body["behavior"] = {
            "scaleDown": {"stabilizationWindowSeconds": scale.scale_down_stabilization_seconds}
        }
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": tier.name, "namespace": spec.namespace, "labels": dict(labels)},
        "spec": body,
    }

"""A tier's Service (its declared ports), the headless Service of a StatefulSet, and its PDB."""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Tier
from ._labels import selector_labels
from ._scale import replica_range
from ._traffic import load_balancer


def _ports(tier: Tier) -> list[dict[str, Any]]:
    return [
        {"name": p.name, "port": p.service_port or p.port, "targetPort": p.name, "protocol": p.protocol}
        for p in tier.ports
    ]


def service(spec: BlueprintSpec, tier: Tier, labels: dict[str, str]) -> dict[str, Any] | None:
    """v1 Service <tier> of type `expose` over the tier's ports; None when unexposed or portless.

    `labels`: the tier's labels (`tier_labels`), made once per tier; the Service gets its own copy."""
    if tier.expose == "none" or not tier.ports:
        return None
    made = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": tier.name, "namespace": spec.namespace, "labels": dict(labels)},
        "spec": {"type": tier.expose, "selector": selector_labels(spec, tier), "ports": _ports(tier)},
    }
    return load_balancer(tier, made)


def headless_service(spec: BlueprintSpec, tier: Tier, name: str, labels: dict[str, str]) -> dict[str, Any]:
    """v1 Service with clusterIP None that gives a StatefulSet's pods their stable DNS names."""
    body: dict[str, Any] = {"clusterIP": "None", "selector": selector_labels(spec, tier)}
    if tier.ports:
        body["ports"] = _ports(tier)
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": spec.namespace, "labels": dict(labels)},
        "spec": body,
    }


def disruption_budget(spec: BlueprintSpec, tier: Tier, labels: dict[str, str]) -> dict[str, Any] | None:
    """policy/v1 PodDisruptionBudget with maxUnavailable 1 for a Deployment or StatefulSet tier of two or
    more replicas (with an autoscaler: two or more at minReplicas).

    A node drain then evicts one replica at a time and never takes every replica; with maxUnavailable
    (not minAvailable = replicas) the budget never blocks a drain or a maxUnavailable-1 rollout outright.
    """
    if tier.workload is not None or replica_range(tier)[0] < 2:  # a Job, CronJob or DaemonSet: no budget
        return None
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": tier.name, "namespace": spec.namespace, "labels": dict(labels)},
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": selector_labels(spec, tier)}},
    }

"""Optional NetworkPolicies: each tier admits only the paths the blueprint declares."""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Tier
from ._labels import selector_labels


def network_policy(spec: BlueprintSpec, tier: Tier, labels: dict[str, str]) -> dict[str, Any]:
    """networking.k8s.io/v1 NetworkPolicy <tier>: ingress to the tier's ports from the tiers that list it
    in `connects_to`, and from anywhere when it is exposed outside the cluster (LoadBalancer, NodePort) or,
    on its routed ports, when an ALB or a Gateway routes to it (an ALB with ip targets connects to pod IPs
    from the VPC, a Gateway's proxies from their own namespace: addresses hagen cannot name).
    A tier nobody calls admits nothing. Egress is not restricted.
    """
    ports = [{"port": p.name, "protocol": p.protocol} for p in tier.ports]
    callers = [t for t in spec.tiers if tier.name in t.connects_to]
    rules: list[dict[str, Any]] = []
    if tier.expose in ("LoadBalancer", "NodePort") and ports:
        rules.append({"ports": ports})
        callers = []
    elif tier.ingress is not None:
        routed = {r.port or tier.ports[0].name for r in tier.ingress.routes}
        rules.append({"ports": [p for p in ports if p["port"] in routed]})
    if callers:
        rule: dict[str, Any] = {
            "from": [{"podSelector": {"matchLabels": selector_labels(spec, t)}} for t in callers]
        }
        if ports:
            rule["ports"] = ports
        rules.append(rule)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": tier.name, "namespace": spec.namespace, "labels": dict(labels)},
        "spec": {
            "podSelector": {"matchLabels": selector_labels(spec, tier)},
            "policyTypes": ["Ingress"],
            "ingress": rules,
        },
    }

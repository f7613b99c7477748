"""A tier's routes -> an Ingress of class `alb` (AWS Load Balancer Controller) or a Gateway API HTTPRoute;
the blueprint's Gateways; the load balancer annotations of a LoadBalancer Service."""

from __future__ import annotations

import json
from typing import Any

from .._blueprint import BlueprintSpec, Tier
from .._blueprint._ingress import Alb, Gateway, HttpRoute, Route
from ._labels import blueprint_labels

ALB = "alb.ingress.kubernetes.io/"
GATEWAY_API = "gateway.networking.k8s.io/v1"


def load_balancer(tier: Tier, service: dict[str, Any]) -> dict[str, Any]:
    """The tier's Service with its load balancer's annotations and spec fields (unchanged without one)."""
    lb = tier.load_balancer
    if lb is None:
        return service
    names = tuple(p.name for p in tier.ports)
    service["metadata"]["annotations"] = lb.annotations(names)
    service["spec"].update(lb.service_fields())
    return service


def _port(tier: Tier, route: Route) -> str:
    return route.port or tier.ports[0].name


def _alb_annotations(spec: BlueprintSpec, tier: Tier, alb: Alb) -> dict[str, str]:
    out = {
        ALB + "group.name": alb.group or spec.name,
        ALB + "scheme": alb.scheme,
        ALB + "target-type": alb.target_type,
        ALB + "listen-ports": json.dumps([{p: n} for p, n in alb.ports()], separators=(",", ":")),
    }
    if alb.certificate_arn is not None:
        out[ALB + "certificate-arn"] = alb.certificate_arn
        if alb.ssl_redirect and any(p == "HTTPS" for p, _ in alb.ports()):
            out[ALB + "ssl-redirect"] = str(next(n for p, n in alb.ports() if p == "HTTPS"))
    path = alb.health_check_path
    if path is None and tier.readiness is not None and tier.readiness.http_path is not None:
        path = tier.readiness.http_path
    if path is not None:
        out[ALB + "healthcheck-path"] = path
    if alb.inbound_cidrs:
        out[ALB + "inbound-cidrs"] = ",".join(alb.inbound_cidrs)
    return dict(sorted(out.items()))


def _rules(tier: Tier, routes: tuple[Route, ...]) -> list[dict[str, Any]]:
    hosts: dict[str, list[dict[str, Any]]] = {}
    for route in routes:
        backend = {"service": {"name": tier.name, "port": {"name": _port(tier, route)}}}
        hosts.setdefault(route.host, []).append(
            {"path": route.path, "pathType": route.path_type, "backend": backend}
        )
    return [{"host": host, "http": {"paths": paths}} for host, paths in hosts.items()]


def _http_route(spec: BlueprintSpec, tier: Tier, route: HttpRoute, labels: dict[str, str]) -> dict[str, Any]:
    parent: dict[str, Any] = {"name": route.gateway}
    if route.gateway_namespace is not None:
        parent["namespace"] = route.gateway_namespace
    if route.section is not None:
        parent["sectionName"] = route.section
    ports = {p.name: p.service_port or p.port for p in tier.ports}
    rules = [
        {
            "matches": [
                {"path": {"type": "PathPrefix" if r.path_type == "Prefix" else "Exact", "value": r.path}}
            ],
            "backendRefs": [{"name": tier.name, "port": ports[_port(tier, r)]}],
        }
        for r in route.routes
    ]
    hostnames = list(dict.fromkeys(r.host for r in route.routes))
    return {
        "apiVersion": GATEWAY_API,
        "kind": "HTTPRoute",
        "metadata": {"name": tier.name, "namespace": spec.namespace, "labels": dict(labels)},
        "spec": {"parentRefs": [parent], "hostnames": hostnames, "rules": rules},
    }


def ingress(spec: BlueprintSpec, tier: Tier, labels: dict[str, str]) -> dict[str, Any] | None:
    """networking.k8s.io/v1 Ingress <tier> (class alb) or HTTPRoute <tier>; None without routes.

    An HTTPRoute may hold one set of hostnames for all its rules, so every route's host is listed and
    each rule matches a path; routes to several hosts with different paths belong in separate tiers.
    """
    route = tier.ingress
    if route is None:
        return None
    if isinstance(route, HttpRoute):
        return _http_route(spec, tier, route, labels)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {
            "name": tier.name,
            "namespace": spec.namespace,
            "labels": dict(labels),
            "annotations": _alb_annotations(spec, tier, route),
        },
        "spec": {"ingressClassName": "alb", "rules": _rules(tier, route.routes)},
    }


def gateway(spec: BlueprintSpec, gw: Gateway) -> dict[str, Any]:
    """gateway.networking.k8s.io/v1 Gateway: its listeners; HTTPS listeners terminate with their Secret."""
    listeners = []
    for item in gw.listeners:
        listener: dict[str, Any] = {"name": item.name, "port": item.port, "protocol": item.protocol}
        if item.hostname is not None:
            listener["hostname"] = item.hostname
        if item.certificate_secret is not None:
            listener["tls"] = {"mode": "Terminate", "certificateRefs": [{"name": item.certificate_secret}]}
        listeners.append(listener)
    return {
        "apiVersion": GATEWAY_API,
        "kind": "Gateway",
        "metadata": {"name": gw.name, "namespace": spec.namespace, "labels": blueprint_labels(spec)},
        "spec": {"gatewayClassName": gw.gateway_class, "listeners": listeners},
    }

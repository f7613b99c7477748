"""Traffic traps: two routes claiming one host and path; load balancer annotations the controller that
owns the Service never reads; source ranges that a security-group annotation switches off."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .._finding import Finding
from .._objects import Object, object_id
from ._catalog import finding
from ._context import CheckContext

_LB = "service.beta.kubernetes.io/"
_CONTROLLER_ONLY = (
    "aws-load-balancer-nlb-target-type",
    "aws-load-balancer-scheme",
    "aws-load-balancer-attributes",
)
_HTTPROUTE_TYPES = {"PathPrefix": "Prefix", "Exact": "Exact"}


def _routes(obj: Object) -> Iterator[tuple[str, str, str]]:
    """(host, path, path type) of an Ingress's rules or an HTTPRoute's matches ('*' for no host)."""
    spec = obj.get("spec") or {}
    if obj.get("kind") == "Ingress":
        for rule in spec.get("rules") or []:
            for entry in ((rule or {}).get("http") or {}).get("paths") or []:
                path_type = str(entry.get("pathType") or "")
                yield str(rule.get("host") or "*"), str(entry.get("path") or "/"), path_type
    elif obj.get("kind") == "HTTPRoute":
        hosts = [str(h) for h in spec.get("hostnames") or []] or ["*"]
        for rule in spec.get("rules") or []:
            for match in (rule or {}).get("matches") or [{"path": {"type": "PathPrefix", "value": "/"}}]:
                path = (match or {}).get("path") or {"type": "PathPrefix", "value": "/"}
                kind = _HTTPROUTE_TYPES.get(str(path.get("type") or "PathPrefix"), str(path.get("type")))
                for host in hosts:
                    yield host, str(path.get("value") or "/"), kind


def _route_conflicts(ctx: CheckContext) -> Iterator[Finding]:
    claimed: dict[tuple[str, str, str], Object] = {}
    for obj in ctx.objects:
        if obj.get("kind") not in ("Ingress", "HTTPRoute"):
            continue
        for key in dict.fromkeys(_routes(obj)):
            first = claimed.setdefault(key, obj)
            if first is not obj:
                host, path, kind = key
                yield finding(
                    "traffic.route-conflict",
                    f"{obj.get('kind')} {object_id(obj)} and {first.get('kind')} {object_id(first)} both "
                    f"route host {host} path {path} ({kind}): which backend gets the traffic depends on the "
                    "controller's merge order",
                    ctx,
                    obj,
                )


def _annotations(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    return (obj.get("metadata") or {}).get("annotations") or {}


def _load_balancers(ctx: CheckContext) -> Iterator[Finding]:
    for svc in ctx.of_kind("Service"):
        spec = svc.get("spec") or {}
        if spec.get("type") != "LoadBalancer":
            continue
        ann = _annotations(svc)
        controller = ann.get(_LB + "aws-load-balancer-type") == "external" or str(
            spec.get("loadBalancerClass") or ""
        ).startswith("service.k8s.aws/")
        ignored = [key for key in _CONTROLLER_ONLY if _LB + key in ann]
        if ignored and not controller:
            yield finding(
                "traffic.lb-annotation-ignored",
                f"Service {object_id(svc)} sets {', '.join(ignored)}, which only the AWS Load Balancer "
                "Controller reads, but neither aws-load-balancer-type: external nor loadBalancerClass "
                "service.k8s.aws/nlb hands it to that controller: the in-tree provider builds the load "
                'balancer (internet-facing unless aws-load-balancer-internal: "true")',
                ctx,
                svc,
            )
        ranges = spec.get("loadBalancerSourceRanges") or ann.get(_LB + "load-balancer-source-ranges")
        if ranges and _LB + "aws-load-balancer-security-groups" in ann:
            yield finding(
                "traffic.lb-source-ranges-ignored",
                f"Service {object_id(svc)} has source ranges and its own security groups "
                "(aws-load-balancer-security-groups): the controller then manages no inbound rules and the "
                "ranges restrict nothing",
                ctx,
                svc,
            )


def traffic_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings from Ingresses, HTTPRoutes and LoadBalancer Services."""
    yield from _route_conflicts(ctx)
    yield from _load_balancers(ctx)

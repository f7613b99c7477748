"""References that reach nothing among the objects: a Service or PodDisruptionBudget whose selector
matches no pod template of its namespace, an Ingress or HTTPRoute backend naming no Service, an autoscaler
whose target is not there. kube-linter's dangling-* checks, for the traps a patch, an extra object or a
typo leaves: a Service with no endpoints, a route answering 503, a budget that protects nothing, an
autoscaler reporting FailedGetScale.

Pods are the ones `as_workload` knows (core and batch workload kinds); pods that another controller makes
(an Argo Rollout, a Helm release left as values) are not among them, so these findings are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .._finding import Finding
from .._objects import Object
from ._catalog import finding
from ._context import CheckContext
from ._selectors import ByLabel, by_label


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _meta(obj: Object) -> tuple[str, str]:
    """(namespace, name); namespace "default" when unset, as the API server defaults it."""
    meta = _mapping(obj.get("metadata"))
    return str(meta.get("namespace") or "default"), str(meta.get("name", ""))


def _selects_nothing(ctx: CheckContext, pods: ByLabel) -> Iterator[Finding]:
    for obj in ctx.objects:
        kind = obj.get("kind")
        spec = _mapping(obj.get("spec"))
        if kind == "Service":
            # A Service without a selector (ExternalName, or endpoints managed by hand) selects no pods by
            # design; a selector is a bare map (core/v1 ServiceSpec.selector).
            if spec.get("type") == "ExternalName" or not _mapping(spec.get("selector")):
                continue
            selector: Any = {"matchLabels": dict(_mapping(spec["selector"]))}
            rule, harm = "traffic.service-selects-nothing", "it has no endpoints: its traffic goes nowhere"
        elif kind == "PodDisruptionBudget" and isinstance(spec.get("selector"), Mapping):
            selector = spec["selector"]
            rule, harm = "scheduling.pdb-selects-nothing", "it protects nothing from a node drain"
        else:
            continue
        namespace, name = _meta(obj)
        if any(w.namespace == namespace for w in pods.matching(selector)):
            continue
        yield finding(
            rule,
            f"{kind} {name}: selector {_labels(selector)} matches no pod template in namespace "
            f"{namespace}: {harm}",
            ctx,
            obj,
        )


def _labels(selector: Mapping[str, Any]) -> str:
    pairs = [f"{k}={v}" for k, v in _mapping(selector.get("matchLabels")).items()]
    pairs += [
        f"{_mapping(e).get('key')} {_mapping(e).get('operator')}"
        for e in selector.get("matchExpressions") or []
    ]
    return ", ".join(pairs) or "{}"


def _backends(obj: Object) -> Iterator[tuple[str, str]]:
    """(namespace, Service name) of each Service an Ingress or HTTPRoute sends traffic to."""
    namespace, _ = _meta(obj)
    spec = _mapping(obj.get("spec"))
    if obj.get("kind") == "Ingress":
        backends = [_mapping(spec.get("defaultBackend"))]
        for rule in spec.get("rules") or []:
            backends += [
                _mapping(_mapping(p).get("backend"))
                for p in _mapping(_mapping(rule).get("http")).get("paths") or []
            ]
        for backend in backends:
            service = _mapping(backend.get("service"))  # a `resource` backend names no Service
            if service.get("name"):
                yield namespace, str(service["name"])
    elif obj.get("kind") == "HTTPRoute":
        for rule in spec.get("rules") or []:
            for ref in _mapping(rule).get("backendRefs") or []:
                ref = _mapping(ref)
                # Gateway API BackendObjectReference: group "" and kind Service unless given.
                if ref.get("name") and ref.get("group", "") == "" and ref.get("kind", "Service") == "Service":
                    yield str(ref.get("namespace") or namespace), str(ref["name"])


def _missing_backends(ctx: CheckContext) -> Iterator[Finding]:
    services = {_meta(o) for o in ctx.of_kind("Service")}
    for obj in ctx.objects:
        if obj.get("kind") not in ("Ingress", "HTTPRoute"):
            continue
        for namespace, name in dict.fromkeys(_backends(obj)):
            if (namespace, name) not in services:
                yield finding(
                    "traffic.backend-missing",
                    f"{obj.get('kind')} {_meta(obj)[1]} sends traffic to Service {name} in namespace "
                    f"{namespace}, which is not among the objects: the route answers 503",
                    ctx,
                    obj,
                )


def _missing_targets(ctx: CheckContext) -> Iterator[Finding]:
    present = {(o.get("kind"), *_meta(o)) for o in ctx.objects}
    for hpa in ctx.of_kind("HorizontalPodAutoscaler"):
        namespace, name = _meta(hpa)
        ref = _mapping(_mapping(hpa.get("spec")).get("scaleTargetRef"))
        if (ref.get("kind"), namespace, ref.get("name")) not in present:
            yield finding(
                "autoscaling.target-missing",
                f"HorizontalPodAutoscaler {name} scales {ref.get('kind')} {ref.get('name')}, which is not "
                f"among the objects of namespace {namespace}: it scales nothing (FailedGetScale)",
                ctx,
                hpa,
            )


def reference_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings for Services and PodDisruptionBudgets selecting no pod template, Ingress and HTTPRoute
    backends naming no Service, and HorizontalPodAutoscalers whose target is not among the objects."""
    yield from _selects_nothing(ctx, by_label(ctx))
    yield from _missing_backends(ctx)
    yield from _missing_targets(ctx)

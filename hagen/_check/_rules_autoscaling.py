"""HorizontalPodAutoscaler traps: a fixed replica count beside it, a utilization target without
requests, more replicas than required anti-affinity allows, a budget that blocks eviction at minReplicas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._finding import Finding
from .._objects import Object
from ._catalog import finding
from ._context import CheckContext, Workload
from ._selectors import affinity_terms, selector_matches


def _target(ctx: CheckContext, hpa: Object) -> Workload | None:
    meta = hpa.get("metadata") or {}
    ref = (hpa.get("spec") or {}).get("scaleTargetRef") or {}
    namespace = str(meta.get("namespace") or "default")
    for w in ctx.workloads():
        if (w.kind, w.name, w.namespace) == (ref.get("kind"), ref.get("name"), namespace):
            return w
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _fixed_replicas(ctx: CheckContext, hpa: Object, w: Workload) -> Iterator[Finding]:
    spec = w.obj.get("spec") or {}
    if "replicas" in spec:
        yield finding(
            "autoscaling.replicas-fixed",
            # The manifest's own value: w.replicas is the autoscaler's maxReplicas.
            f"{w.kind} {w.name} sets replicas: {spec['replicas']} and HorizontalPodAutoscaler "
            f"{(hpa.get('metadata') or {}).get('name')} scales it: every apply resets the scale",
            ctx,
            w.obj,
        )


def _metrics_without_requests(ctx: CheckContext, hpa: Object, w: Workload) -> Iterator[Finding]:
    for metric in (hpa.get("spec") or {}).get("metrics") or []:
        resource = (metric or {}).get("resource") or {}
        kind = (resource.get("target") or {}).get("type")
        if metric.get("type") != "Resource" or kind != "Utilization":
            continue
        name = resource.get("name")
        containers = [
            *w.containers(),
            *(c for c in w.pod_spec.get("initContainers") or [] if c.get("restartPolicy") == "Always"),
        ]
        missing = [
            str(c.get("name"))
            for c in containers
            if name not in ((c.get("resources") or {}).get("requests") or {})
        ]
        if missing:
            yield finding(
                "autoscaling.metric-without-requests",
                f"HorizontalPodAutoscaler {(hpa.get('metadata') or {}).get('name')} targets {name} "
                f"utilization of {w.kind} {w.name}, whose container(s) {', '.join(missing)} "
                f"request no {name}: "
                "utilization is a percentage of the request, so the autoscaler cannot compute it",
                ctx,
                hpa,
            )


def _max_exceeds_domains(ctx: CheckContext, hpa: Object, w: Workload) -> Iterator[Finding]:
    most = _int((hpa.get("spec") or {}).get("maxReplicas"))
    if most is None:
        return
    for term in affinity_terms(w):
        domains = ctx.cluster.domains(term.topology_key)
        if term.required and term.anti and term.matches(w, w) and domains is not None and most > domains:
            yield finding(
                "autoscaling.max-exceeds-domains",
                f"HorizontalPodAutoscaler {(hpa.get('metadata') or {}).get('name')} may scale {w.kind} "
                f"{w.name} to {most} replicas, but its required anti-affinity on {term.topology_key} "
                f"allows {domains}: {most - domains} pod(s) would stay Pending at maximum scale",
                ctx,
                hpa,
            )
            return


def _budget_at_min(ctx: CheckContext, hpa: Object, w: Workload) -> Iterator[Finding]:
    fewest = _int((hpa.get("spec") or {}).get("minReplicas", 1))
    if fewest is None:
        return
    for pdb in ctx.of_kind("PodDisruptionBudget"):
        meta = pdb.get("metadata") or {}
        spec = pdb.get("spec") or {}
        if str(meta.get("namespace") or "default") != w.namespace:
            continue
        if not selector_matches(spec.get("selector"), w.pod_labels):
            continue
        min_available, max_unavailable = spec.get("minAvailable"), spec.get("maxUnavailable")
        blocks = max_unavailable in (0, "0%") or min_available == "100%"
        floor = _int(min_available)
        if floor is not None and floor >= fewest:
            blocks = True
        if blocks:
            rule = (
                f"minAvailable: {min_available}"
                if min_available is not None
                else f"maxUnavailable: {max_unavailable}"
            )
            yield finding(
                "autoscaling.pdb-blocks-at-min",
                f"PodDisruptionBudget {meta.get('name')} ({rule}) allows no eviction of {w.kind} {w.name} "
                f"at the autoscaler's minReplicas {fewest}: node drains hang whenever load is low",
                ctx,
                pdb,
            )


def autoscaling_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings for every HorizontalPodAutoscaler whose target is among the objects."""
    for hpa in ctx.of_kind("HorizontalPodAutoscaler"):
        w = _target(ctx, hpa)
        if w is None:
            continue
        yield from _fixed_replicas(ctx, hpa, w)
        yield from _metrics_without_requests(ctx, hpa, w)
        yield from _max_exceeds_domains(ctx, hpa, w)
        yield from _budget_at_min(ctx, hpa, w)

"""Static scheduling traps: pods that stay Pending, rollouts and drains that cannot finish.

Read from the objects alone plus, where a count of nodes or zones matters, the cluster profile; rules
that need the profile say nothing when it is not known. The full placement simulation lives elsewhere
(hagen._place) and contributes its own findings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from .._finding import Finding
from .._text import plural
from ._catalog import finding
from ._context import HOSTNAME_KEY, ZONE_KEY, CheckContext, Workload
from ._selectors import ByLabel, Term, affinity_terms, by_label

_SCALED = ("Deployment", "StatefulSet", "ReplicaSet")


def _self_anti(w: Workload, key: str | None = None) -> list[Term]:
    """Required anti-affinity terms that repel the workload's own pods (over `key` when given)."""
    return [
        t
        for t in affinity_terms(w)
        if t.anti and t.required and t.matches(w, w) and (key is None or t.topology_key == key)
    ]


def _exceeds_domains(ctx: CheckContext, w: Workload) -> Iterator[Finding]:
    if w.autoscaled:
        return  # its maxReplicas against the domains is autoscaling.max-exceeds-domains, on the autoscaler
    for term in _self_anti(w):
        domains = ctx.cluster.domains(term.topology_key)
        if domains is not None and w.replicas > domains:
            yield finding(
                "scheduling.anti-affinity-exceeds-domains",
                f"{w.kind} {w.name}: {w.replicas} replicas with required anti-affinity over "
                f"{term.topology_key}, which has {plural(domains, 'domain')}: "
                f"{plural(w.replicas - domains, 'pod')} "
                f"{'stays' if w.replicas - domains == 1 else 'stay'} Pending",
                ctx,
                w.obj,
            )


def _colocated(ctx: CheckContext, w: Workload, workloads: ByLabel) -> Iterator[Finding]:
    for term in affinity_terms(w):
        if term.anti or not term.required or term.matches(w, w) or not _self_anti(w, term.topology_key):
            continue
        partners = [p for p in workloads.matching(term.selector) if p is not w and term.in_scope(w, p)]
        if not partners:
            continue  # reported as a selector that matches nothing
        capacity = sum(p.replicas for p in partners)
        domains = ctx.cluster.domains(term.topology_key)
        if domains is not None:
            capacity = min(capacity, domains)
        if w.replicas > capacity:
            names = ", ".join(f"{p.kind} {p.name} ({p.replicas})" for p in partners)
            yield finding(
                "scheduling.colocated-exceeds-partner",
                f"{w.kind} {w.name}: {w.replicas} replicas must each share a {term.topology_key} domain "
                f"with {names} while repelling each other: at most {capacity} can run",
                ctx,
                w.obj,
            )


def _unmatched(ctx: CheckContext, w: Workload, workloads: ByLabel) -> Iterator[Finding]:
    for term in affinity_terms(w):
        if any(term.in_scope(w, other) for other in workloads.matching(term.selector)):
            continue
        strength = "required" if term.required else "preferred"
        kind = "anti-affinity" if term.anti else "affinity"
        blocking = term.required and not term.anti
        yield finding(
            "scheduling.selector-matches-nothing",
            f"{w.kind} {w.name}: {strength} pod {kind} selector {term.selector!r} matches no pod"
            + (": its pods stay Pending unless such pods run elsewhere" if blocking else ""),
            ctx,
            w.obj,
            severity="error" if blocking else "warning",
        )


def _zone_spread(ctx: CheckContext, w: Workload) -> Iterator[Finding]:
    if ctx.cluster.zones != 1:
        return
    for constraint in w.pod_spec.get("topologySpreadConstraints") or []:
        if constraint.get("topologyKey") != ZONE_KEY:
            continue
        min_domains = constraint.get("minDomains")
        pending = isinstance(min_domains, int) and min_domains > 1
        yield finding(
            "scheduling.zone-spread-one-zone",
            f"{w.kind} {w.name} spreads over zones in a one-zone cluster"
            + (f" with minDomains {min_domains}: pods beyond maxSkew stay Pending" if pending else ""),
            ctx,
            w.obj,
        )


def scaled(value: Any, replicas: int, *, round_up: bool, default: str) -> int:
    """An int-or-percent field (maxSurge, maxUnavailable, minAvailable) as a pod count."""
    value = default if value is None else value
    if isinstance(value, str) and value.endswith("%"):
        try:
            fraction = float(value[:-1]) / 100 * replicas
        except ValueError:
            return 0
        return math.ceil(fraction) if round_up else math.floor(fraction)
    return value if isinstance(value, int) else 0


def _rollout(ctx: CheckContext, w: Workload) -> Iterator[Finding]:
    strategy = (w.obj.get("spec") or {}).get("strategy") or {}
    if w.kind != "Deployment" or strategy.get("type", "RollingUpdate") != "RollingUpdate":
        return
    rolling = strategy.get("rollingUpdate") or {}
    surge = scaled(rolling.get("maxSurge"), w.replicas, round_up=True, default="25%")
    unavailable = scaled(rolling.get("maxUnavailable"), w.replicas, round_up=False, default="25%")
    if surge == 0 or unavailable > 0:
        return
    for key in (HOSTNAME_KEY, ZONE_KEY):
        domains = ctx.cluster.domains(key)
        if _self_anti(w, key) and domains is not None and w.replicas >= domains:
            yield finding(
                "scheduling.rollout-stuck",
                f"Deployment {w.name}: {w.replicas} replicas on {domains} {key} domains with required "
                f"anti-affinity, maxSurge {surge} and maxUnavailable 0: the surge pod has nowhere to go",
                ctx,
                w.obj,
            )
            return


def _pdb(ctx: CheckContext, workloads: ByLabel) -> Iterator[Finding]:
    for pdb in ctx.of_kind("PodDisruptionBudget"):
        meta, spec = pdb.get("metadata") or {}, pdb.get("spec") or {}
        namespace = str(meta.get("namespace") or "default")
        covered = [w for w in workloads.matching(spec.get("selector")) if w.namespace == namespace]
        pods = sum(w.replicas for w in covered)
        if not covered or any(w.autoscaled for w in covered):
            continue  # an autoscaler sets the count: autoscaling.pdb-blocks-at-min judges it at minReplicas
        if "maxUnavailable" in spec:
            blocked = scaled(spec["maxUnavailable"], pods, round_up=True, default="0") == 0
            why = f"maxUnavailable {spec['maxUnavailable']}"
        else:
            blocked = scaled(spec.get("minAvailable"), pods, round_up=True, default="0") >= pods
            why = f"minAvailable {spec.get('minAvailable')} of {pods} pods"
        if blocked:
            yield finding(
                "scheduling.pdb-blocks-eviction",
                f"PodDisruptionBudget {meta.get('name')}: {why} allows no eviction: node drains hang",
                ctx,
                pdb,
            )


def scheduling_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings from pod (anti-)affinity, topology spread, rollout strategies and PodDisruptionBudgets."""
    workloads = ctx.workloads()
    index = by_label(ctx)
    for w in workloads:
        if w.kind in _SCALED:
            yield from _exceeds_domains(ctx, w)
            yield from _colocated(ctx, w, index)
        yield from _unmatched(ctx, w, index)
        yield from _zone_spread(ctx, w)
        yield from _rollout(ctx, w)
    yield from _pdb(ctx, index)

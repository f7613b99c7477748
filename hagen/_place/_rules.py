"""Placement findings for `hagen check`: Pending pods, rollouts that cannot finish, single failures that
leave a tier with no running pod.

ids: ``scheduling.pending-pods`` (error), ``scheduling.rollout-stuck`` (error),
``scheduling.unknown-topology-key`` (warning: a topologyKey no node carries, well-known keys suggested),
``scheduling.node-failure-outage`` (warning). Failures tried: every zone, and every node when the cluster
has at most MAX_NODE_FAILURES nodes (each is a full re-simulation).

Objects are told apart as the API server does, by namespace and name: two namespaces' `backend` tiers get a
finding each, naming their own workload (`object_id`) and, when the objects span namespaces, their tier and
pods as ``namespace/tier`` and ``namespace/pod``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from .._finding import Finding
from .._objects import object_id
from ._cluster import ClusterProfile
from ._failure import Failure, TierRef, apply_failure
from ._rollout import rollout_placed
from ._run import place
from ._simulate import Placement

MAX_NODE_FAILURES = 50


def placement_findings(
    objects: Sequence[Mapping[str, Any]],
    cluster: ClusterProfile,
    *,
    blueprint: str | None = None,
    tiers: Sequence[str] = (),
    order: str = "declared",
) -> list[Finding]:
    """Every placement finding for `objects` on `cluster`, in a stable order."""
    placed = place(objects, cluster, order, tiers)
    sim = placed.simulation
    ids = {(w.namespace, w.name): object_id(w.obj) for w in placed.workloads}
    # The workload of each tier (namespace, tier): an outage of the tier points at it.
    tier_ids: dict[TierRef, str] = {}
    for w in placed.workloads:
        if w.tier:
            tier_ids.setdefault((w.namespace, w.tier), object_id(w.obj))
    findings: list[Finding] = []
    groups: dict[tuple[str, str | None, str | None], list[Placement]] = {}
    for p in sim.pending:  # one finding per tier (a pod without a tier: per workload)
        key = (p.pod.namespace, p.pod.tier, None if p.pod.tier else p.pod.workload)
        groups.setdefault(key, []).append(p)
    for pending in groups.values():
        first = pending[0].pod
        names = ", ".join(sim.pod_name(p.pod) for p in pending)
        findings.append(
            Finding(
                id="scheduling.pending-pods",
                severity="error",
                message=f"{len(pending)} pod(s) stay Pending ({names}): {sim.message(pending[0])}",
                fix="add nodes or zones, relax required (anti-)affinity or spread, or lower requests",
                blueprint=blueprint,
                tier=first.tier,
                object_id=ids.get((first.namespace, first.workload or "")),
            )
        )
    for note in placed.topology:
        findings.append(
            Finding(
                id="scheduling.unknown-topology-key",
                severity="warning",
                message=note.message,
                fix=f"use topologyKey {note.suggested[0]} (or label the nodes with {note.key})",
                blueprint=blueprint,
                tier=note.tier,
                object_id=ids.get((note.namespace, note.workload)),
            )
        )
    # A tier with Pending pods before any rollout already has its scheduling.pending-pods finding: its
    # rollout hangs for the same cause, which is said once.
    waiting = {p.pod for p in sim.pending}
    seen = {(w.namespace, w.tier) for w in placed.workloads if any(pod in waiting for pod in w.pods)}
    before = placed.simulator.snapshot()
    for w in placed.workloads:
        if w.kind not in ("Deployment", "StatefulSet") or not w.tier or (w.namespace, w.tier) in seen:
            continue
        seen.add((w.namespace, w.tier))
        # Each rollout starts from the placement, as `hagen place --rollout` does: undone after it.
        _, r = rollout_placed(placed, f"{w.namespace}/{w.tier}")
        placed.simulator.restore(before)
        if not r.finished:
            detail = next(iter(r.pending.values()), "")
            findings.append(
                Finding(
                    id="scheduling.rollout-stuck",
                    severity="error",
                    message=f"a rollout of {w.kind} {w.name} ({r.strategy}) cannot finish: "
                    f"{r.stuck}. {detail}".strip(),
                    fix="allow maxUnavailable >= 1 (under required anti-affinity surge pods cannot land), "
                    "add a node, or use preferred anti-affinity",
                    blueprint=blueprint,
                    tier=w.tier,
                    object_id=ids.get((w.namespace, w.name)),
                )
            )
    specs = [f"zone={z}" for z in cluster.zones()] if len(cluster.zones()) > 1 else []
    if len(cluster.nodes) <= MAX_NODE_FAILURES:
        specs += [n.name for n in cluster.nodes]
    for spec in specs:
        findings.extend(_outage_findings(apply_failure(placed, spec), tier_ids, blueprint))
    return findings


def _outage_findings(
    failure: Failure, tier_ids: Mapping[TierRef, str], blueprint: str | None
) -> list[Finding]:
    """A warning per tier `failure` leaves without a running pod (with its own pods' reasons) and per
    colocated pair it breaks, each pointing at its tier's workload."""
    spec = failure.spec
    findings = []
    for ref, shown in zip(failure.lost, failure.lost_tiers, strict=True):
        why = "; ".join(f"{n}: {m}" for n, m in failure.pending.items() if failure.pending_tiers[n] == ref)
        why = why or "its pods are not recreated"
        findings.append(
            Finding(
                id="scheduling.node-failure-outage",
                severity="warning",
                message=f"if {spec} fails, tier {shown} has no running pod ({why})",
                fix="run more replicas over more nodes and zones, or relax required anti-affinity",
                blueprint=blueprint,
                tier=ref[1],
                object_id=tier_ids.get(ref),
            )
        )
    for (a, _), (shown_a, shown_b) in zip(failure.broken, failure.broken_pairs, strict=True):
        findings.append(
            Finding(
                id="scheduling.node-failure-outage",
                severity="warning",
                message=f"if {spec} fails, no node runs both {shown_a} and {shown_b}",
                fix="give each tier of the pair room on more nodes",
                blueprint=blueprint,
                tier=a[1],
                object_id=tier_ids.get(a),
            )
        )
    return findings


def placement_rules(ctx: Any) -> list[Finding]:
    """The `hagen check` rule provider: reads a CheckContext's objects and cluster. It uses the full
    profile when the context carries one (`placement_cluster`), else shorthand nodes from the node and
    zone counts (no resource limits); with no known cluster it says nothing. A context checked with other
    blueprints (`cotenants`) is placed together with them, as `hagen place` places them, and gets the
    findings on its own objects (one placement for all of them, per cluster profile)."""
    profile = getattr(ctx, "placement_cluster", None)
    if not isinstance(profile, ClusterProfile):
        counts = getattr(ctx, "cluster", None)
        nodes = getattr(counts, "nodes", None)
        if not nodes:
            return []
        profile = ClusterProfile.shorthand(int(nodes), int(getattr(counts, "zones", None) or 1))
    blueprint = getattr(ctx, "blueprint", None)
    shared = getattr(ctx, "cotenants", None)
    if shared is None:
        found = placement_findings(list(ctx.objects), profile, blueprint=blueprint)
    else:  # placed with the blueprints it shares the cluster with; what is said of its own objects
        every = shared.memo(profile, lambda: placement_findings(list(shared.objects), profile))
        own = {object_id(o) for o in ctx.objects}
        found = [dataclasses.replace(f, blueprint=blueprint) for f in every if f.object_id in own]
    # Each finding points at its workload's file, as the static rules' findings on the same object do.
    file_of = getattr(ctx, "file_of", None)
    if not callable(file_of):
        return found
    return [f if f.file else dataclasses.replace(f, file=file_of(f.object_id)) for f in found]

"""`--fail NODE` / `--fail zone=ZONE`: remove nodes, let controllers recreate their pods, and see what runs.

Pods of Deployments, ReplicaSets and StatefulSets on a failed node are recreated and scheduled (in their
creation order, with the retry model) on the surviving nodes; DaemonSet and bare pods are simply gone. A pod
whose zonal EBS volume (StatefulSet volumeClaimTemplate, or a mounted PVC of an EBS StorageClass) lives in
the failed node's zone can only come back in that zone. The result names tiers left with no running pod,
required-affinity pairs of tiers that no longer share a node, and pods pinned by their volume.

A tier is a (namespace, tier label) pair: two namespaces' `backend` tiers are two tiers, and a pod affinity
term pairs its pod only with pods in the term's namespace scope (its own namespace unless `namespaces` or
`namespaceSelector` say otherwise), as the scheduler reads it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._errors import InputError
from .._labels import DEFAULT_TIER_LABEL
from ._cluster import ClusterProfile, sim_nodes
from ._pod import Pod
from ._run import Placed, place
from ._simulate import Simulation, Simulator
from ._terms import NamespaceLabels

_RECREATED = frozenset({"Deployment", "ReplicaSet", "StatefulSet"})
# A Job's or CronJob's pod finishes anyway; its next run is scheduled afresh: losing it is no outage.
_RUNS = frozenset({"Job", "CronJob"})

TierRef = tuple[str, str]
"""(namespace, tier label value): a tier as the cluster sees it."""


def tier_label(ref: TierRef, qualified: bool) -> str:
    """A tier for people: ``namespace/tier`` when the placement spans namespaces, else ``tier``."""
    return f"{ref[0]}/{ref[1]}" if qualified else ref[1]


@dataclass(slots=True)
class Failure:
    """What a failure leaves: lost tiers, broken pairs, pinned and Pending replacements.

    `lost` and `broken` hold (namespace, tier) pairs; `lost_tiers` and `broken_pairs` the same for people
    (``namespace/tier`` when the placement spans namespaces, as pod names are)."""

    spec: str
    failed_nodes: list[str]
    simulation: Simulation
    replacements: dict[str, str | None] = field(default_factory=dict)
    lost_tiers: list[str] = field(default_factory=list)
    broken_pairs: list[tuple[str, str]] = field(default_factory=list)
    lost: list[TierRef] = field(default_factory=list)
    broken: list[tuple[TierRef, TierRef]] = field(default_factory=list)
    pending_tiers: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Each Pending replacement (named as in `pending`) -> its (namespace, tier or None)."""
    pinned: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    gone: list[str] = field(default_factory=list)

    @property
    def outage(self) -> bool:
        return bool(self.lost_tiers or self.broken_pairs)


def failed_nodes(cluster: ClusterProfile, spec: str) -> list[str]:
    """The node names `spec` (a node name, or zone=ZONE) takes down."""
    if spec.startswith("zone="):
        zone = spec.partition("=")[2]
        names = [n.name for n in cluster.nodes if n.zone == zone]
        if not names:
            raise InputError(f"--fail {spec}: no node in zone {zone!r}; zones: {', '.join(cluster.zones())}")
        return names
    if spec not in {n.name for n in cluster.nodes}:
        raise InputError(f"--fail {spec}: no such node; nodes: {', '.join(n.name for n in cluster.nodes)}")
    return [spec]


def colocated_pairs(
    pods: Sequence[Pod], namespaces: NamespaceLabels | None = None
) -> list[tuple[TierRef, TierRef]]:
    """((namespace, tier A), (namespace, tier B)) where A's pods require (podAffinity, required) pods of
    tier B in their domain: every required term selects B's pods, namespace scope included (a term
    without `namespaces` or `namespaceSelector` selects pods of its own pod's namespace only).
    `namespaces`: the Namespace labels a namespaceSelector is read against."""
    known = namespaces or {}
    pairs: set[tuple[TierRef, TierRef]] = set()
    for a in pods:
        if not a.tier or a.kind in _RUNS or not a.affinity:
            continue
        for b in pods:
            if (
                b.tier
                and (a.namespace, a.tier) != (b.namespace, b.tier)
                and all(t.matches(b.namespace, b.labels, known, True) for t in a.affinity)
            ):
                pairs.add(((a.namespace, a.tier), (b.namespace, b.tier)))
    return sorted(pairs)


def _running_tiers(sim: Simulation) -> dict[TierRef, set[str]]:
    out: dict[TierRef, set[str]] = {}
    for p in sim.placements:
        if p.pod.tier and p.node and p.pod.kind not in _RUNS:
            out.setdefault((p.pod.namespace, p.pod.tier), set()).add(p.node)
    return out


def apply_failure(placed: Placed, spec: str) -> Failure:
    """Fail `spec` on an existing placement (which is left untouched)."""
    down = set(failed_nodes(placed.cluster, spec))
    before = placed.simulation
    survivors = [n for n in placed.cluster.nodes if n.name not in down]
    zone_alive = {n.zone for n in survivors}
    sim = Simulator(sim_nodes(survivors), placed.namespaces)
    lost: list[tuple[Pod, str]] = []
    for p in before.placements:
        if p.node is not None and p.node not in down:
            sim.bind_existing(p.pod, p.node)
        elif p.node is not None:
            lost.append((p.pod, p.node))
    result = Failure(spec, sorted(down), before)
    order = max((p.pod.order for p in before.placements), default=0) + 1
    queue: list[Pod] = []
    for pod, node in lost:
        if pod.kind not in _RECREATED:
            result.gone.append(before.pod_name(pod))
            continue
        zone = (
            placed.cluster.nodes[[n.name for n in placed.cluster.nodes].index(node)].zone if pod.ebs else None
        )
        replacement = dataclasses.replace(pod, volume_zone=zone or pod.volume_zone, order=order + len(queue))
        if zone is not None and zone not in zone_alive:
            result.pinned[before.pod_name(pod)] = zone
        queue.append(replacement)
    for pod in queue:
        sim.create(pod)
    for p in before.pending:  # still waiting; they retry on the smaller cluster
        sim.create(dataclasses.replace(p.pod, order=order + len(queue) + p.pod.order))
    after = sim.result()
    result.simulation = after
    for pod in queue:
        placement = sim.placements[pod]
        # Named as before the failure: a namespace whose pods all went keeps its pods' qualified names.
        result.replacements[before.pod_name(pod)] = placement.node
        if placement.node is None:
            result.pending[before.pod_name(pod)] = after.message(placement)
            result.pending_tiers[before.pod_name(pod)] = (pod.namespace, pod.tier)
    tiers_before, tiers_after = _running_tiers(before), _running_tiers(after)
    result.lost = sorted(t for t in tiers_before if t not in tiers_after)
    for a, b in colocated_pairs([p.pod for p in before.placements], placed.namespaces):
        if tiers_before.get(a, set()) & tiers_before.get(b, set()) and not (
            tiers_after.get(a, set()) & tiers_after.get(b, set())
        ):
            result.broken.append((a, b))
    qualified = before.qualified
    result.lost_tiers = [tier_label(t, qualified) for t in result.lost]
    result.broken_pairs = [(tier_label(a, qualified), tier_label(b, qualified)) for a, b in result.broken]
    return result


def fail(
    objects: Sequence[Mapping[str, Any]],
    cluster: ClusterProfile,
    spec: str,
    order: str = "declared",
    tiers: Sequence[str] = (),
    tier_labels: Sequence[str] = (DEFAULT_TIER_LABEL,),
) -> tuple[Placed, Failure]:
    """Place everything, then fail `spec`."""
    placed = place(objects, cluster, order, tiers, tier_labels)
    return placed, apply_failure(placed, spec)

"""`--rollout TIER`: a rolling update of one tier's workload, step by step, until it finishes or hangs.

TIER is a tier label value or a workload name, optionally qualified by its namespace (``billing/backend``);
an unqualified one that names workloads in several namespaces is refused with the qualified choices (two
namespaces' `backend` tiers are two workloads; rolling one out leaves the other alone).

Deployment RollingUpdate: the new ReplicaSet grows while old + new stays within replicas + maxSurge (a
percentage rounds up); old pods are deleted while available pods stay at least replicas - maxUnavailable
(a percentage rounds down; both 0 means maxUnavailable 1) and at least what the PodDisruptionBudget demands
(the Deployment controller does not ask the PDB itself, but a drain during the rollout would: hagen keeps
both). Old pods go in the ReplicaSet controller's order (Pending first, then pods on the nodes with most
pods of the Deployment's old and new ReplicaSets, newest first), and none while the scale-down budget
(old + new - available floor - unavailable new pods) is 0. Recreate deletes
every old pod, then creates the new ones. StatefulSet RollingUpdate replaces one pod at a time from the
highest ordinal down to the partition; a pod on a zonal EBS volume comes back in the same zone.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._errors import InputError
from .._labels import DEFAULT_TIER_LABEL
from ._cluster import ZONE, ClusterProfile
from ._pod import Pod
from ._pods import Workload, make_pod
from ._run import Placed, place


@dataclass(slots=True)
class RolloutStep:
    """One controller action and its outcome."""

    action: str
    pods: list[str]
    outcome: str


@dataclass(slots=True)
class Rollout:
    """The steps of a rollout and whether it finishes; `pending` holds scheduler messages where it hangs."""

    tier: str
    workload: str
    kind: str
    strategy: str
    replicas: int
    finished: bool = False
    steps: list[RolloutStep] = field(default_factory=list)
    pending: dict[str, str] = field(default_factory=dict)
    stuck: str | None = None
    by_name: bool = False
    namespace: str = "default"
    qualified: bool = False

    @property
    def subject(self) -> str:
        """What was rolled out, for people: ``tier api`` when chosen by tier, ``Deployment web`` (its kind
        and name) when chosen by workload name; ``tier shop/api`` and ``Deployment shop/web`` when the
        placement spans namespaces (`qualified`)."""
        prefix = f"{self.namespace}/" if self.qualified else ""
        return f"{self.kind} {prefix}{self.workload}" if self.by_name else f"tier {prefix}{self.tier}"


def scaled(value: Any, replicas: int, round_up: bool, default: str = "25%") -> int:
    """An IntOrString (``1``, ``"25%"``) against `replicas`: percentages round up or down."""
    value = default if value is None else value
    if isinstance(value, str) and value.endswith("%"):
        try:
            share = replicas * int(value[:-1]) / 100
        except ValueError:
            raise InputError(f"rollout: {value!r} is not an integer or a percentage") from None
        return math.ceil(share) if round_up else math.floor(share)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"rollout: {value!r} is not an integer or a percentage") from None


def pdb_floor(pdb: Mapping[str, Any] | None, replicas: int) -> int:
    """Pods a PodDisruptionBudget keeps available (percentages round up, as the disruption controller)."""
    if not pdb:
        return 0
    if pdb.get("minAvailable") is not None:
        return scaled(pdb["minAvailable"], replicas, True)
    if pdb.get("maxUnavailable") is not None:
        return max(0, replicas - scaled(pdb["maxUnavailable"], replicas, True))
    return 0


def _outcome(placed: Placed, pods: Sequence[Pod]) -> str:
    sim = placed.simulator
    parts = []
    for pod in pods:
        p = sim.placements.get(pod)
        parts.append(f"{pod.name} -> {p.node}" if p and p.node else f"{pod.name} Pending")
    return "; ".join(parts)


def _workload(placed: Placed, tier: str) -> Workload:
    """The Deployment or StatefulSet of tier `tier`, else the one named `tier`; `namespace/tier` (or
    `namespace/name`) picks one namespace's. Raises InputError when nothing matches, or when an
    unqualified `tier` matches workloads of several namespaces."""
    candidates = [w for w in placed.workloads if w.kind in ("Deployment", "StatefulSet")]
    namespace, _, wanted = tier.rpartition("/")
    scoped = [w for w in candidates if not namespace or w.namespace == namespace]
    found = [w for w in scoped if w.tier == wanted] or [w for w in scoped if w.name == wanted]
    spaces = sorted({w.namespace for w in found})
    if len(spaces) > 1:
        choices = ", ".join(f"{ns}/{wanted}" for ns in spaces)
        raise InputError(
            f"--rollout: {tier!r} names workloads in {len(spaces)} namespaces; give one of: {choices}"
        )
    if found:
        return found[0]
    several = len({w.namespace for w in candidates}) > 1

    def shown(w: Workload, value: str | None) -> str:
        return f"{w.namespace}/{value}" if several else str(value)

    tiers = ", ".join(sorted({shown(w, w.tier) for w in candidates if w.tier}))
    names = ", ".join(sorted({shown(w, w.name) for w in candidates}))
    known = "; ".join(p for p in (tiers and f"tiers: {tiers}", names and f"workloads: {names}") if p)
    raise InputError(
        f"--rollout: no Deployment or StatefulSet with tier or name {tier!r}; "
        + (known or "the inputs have no Deployment or StatefulSet")
    )


def _finish(placed: Placed, r: Rollout, new: list[Pod]) -> Rollout:
    sim = placed.simulator
    waiting = [p for p in new if sim.placements[p].node is None]
    r.pending = {p.name: sim.result().message(sim.placements[p]) for p in waiting}
    r.finished = not waiting and r.stuck is None
    if waiting and r.stuck is None:
        r.stuck = f"{len(waiting)} new pod(s) Pending"
    return r


def _ranked(placed: Placed, old: list[Pod], related: list[Pod]) -> list[Pod]:
    """`old` in the order the ReplicaSet controller deletes pods (``ActivePodsWithRanks``): unassigned
    (Pending) first, then pods on nodes running more pods of the Deployment's ReplicaSets (old and new),
    then the newest."""
    node_of = {p: placed.simulator.placements[p].node for p in related}
    per_node: dict[str, int] = {}
    for node in node_of.values():
        if node is not None:
            per_node[node] = per_node.get(node, 0) + 1

    def rank(p: Pod) -> tuple[int, int, int]:
        node = node_of[p]
        return (0, 0, -p.order) if node is None else (1, -per_node[node], -p.order)

    return sorted(old, key=rank)


def _scale_down(placed: Placed, old: list[Pod], new: list[Pod], floor: int) -> list[Pod]:
    """Old pods the Deployment controller removes in one sync (``reconcileOldReplicaSets``): nothing while
    old + new - floor - unavailable new pods is 0 or less (not even Pending old pods); else first up to
    that many unhealthy old pods, then as many as keeps `floor` pods available, in the ReplicaSet
    controller's deletion order."""
    sim = placed.simulator

    def running(p: Pod) -> bool:
        return sim.placements[p].node is not None

    budget = len(old) + len(new) - floor - sum(1 for p in new if not running(p))
    if budget <= 0:
        return []
    ranked = _ranked(placed, old, old + new)
    unhealthy = [p for p in ranked if not running(p)][:budget]
    rest = [p for p in ranked if p not in unhealthy]
    available = sum(1 for p in old + new if running(p))
    return unhealthy + rest[: max(0, available - floor)]


def _deployment(placed: Placed, w: Workload, r: Rollout) -> Rollout:
    sim = placed.simulator
    strategy = (w.obj.get("spec") or {}).get("strategy") or {}
    old = list(w.pods)
    new: list[Pod] = []
    order = max((p.order for p in sim.placements), default=0) + 1
    if strategy.get("type") == "Recreate":
        for pod in old:
            sim.delete(pod)
        r.steps.append(RolloutStep("delete old pods (Recreate)", [p.name for p in old], "deleted"))
        new = [make_pod(w, w.replicas + i + 1, order + i, revision=1) for i in range(w.replicas)]
        for pod in new:
            sim.create(pod)
        r.steps.append(RolloutStep("create new pods", [p.name for p in new], _outcome(placed, new)))
        return _finish(placed, r, new)
    rolling = strategy.get("rollingUpdate") or {}
    surge = scaled(rolling.get("maxSurge"), w.replicas, True)
    unavailable = scaled(rolling.get("maxUnavailable"), w.replicas, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    floor = max(w.replicas - unavailable, pdb_floor(w.pdb, w.replicas))
    r.strategy = f"RollingUpdate (maxSurge {surge}, maxUnavailable {unavailable}, keep {floor} available)"
    for _ in range(4 * w.replicas + 8):
        before = (len(old), len(new), sum(1 for p in new if sim.placements[p].node))
        want = min(w.replicas - len(new), w.replicas + surge - len(old) - len(new))
        if want > 0:
            batch = [
                make_pod(w, w.replicas + len(new) + i + 1, order + len(new) + i, revision=1)
                for i in range(want)
            ]
            for pod in batch:
                sim.create(pod)
            new += batch
            r.steps.append(RolloutStep("create new pods", [p.name for p in batch], _outcome(placed, batch)))
        victims = _scale_down(placed, old, new, floor)
        if victims:
            for pod in victims:
                sim.delete(pod)
                old.remove(pod)
            r.steps.append(RolloutStep("delete old pods", [p.name for p in victims], _outcome(placed, new)))
        if not old and len(new) == w.replicas and all(sim.placements[p].node for p in new):
            break
        if (len(old), len(new), sum(1 for p in new if sim.placements[p].node)) == before:
            available = sum(1 for p in old + new if sim.placements[p].node)
            r.stuck = (
                f"no progress: {len(old)} old pod(s) cannot go while {available} pod(s) are available and "
                f"the rollout keeps at least {floor}, and new pods stay Pending"
            )
            break
    return _finish(placed, r, new)


def _statefulset(placed: Placed, w: Workload, r: Rollout) -> Rollout:
    sim = placed.simulator
    strategy = (w.obj.get("spec") or {}).get("updateStrategy") or {}
    if strategy.get("type") == "OnDelete":
        r.strategy = "OnDelete"
        r.steps.append(RolloutStep("nothing: OnDelete waits for pods to be deleted by hand", [], ""))
        r.finished = True
        return r
    partition = int((strategy.get("rollingUpdate") or {}).get("partition") or 0)
    floor = pdb_floor(w.pdb, w.replicas)
    order = max((p.order for p in sim.placements), default=0) + 1
    new: list[Pod] = []
    for old in sorted(w.pods, key=lambda p: -p.order):
        ordinal = int(old.name.rsplit("-", 1)[1])
        if ordinal < partition:
            continue
        node = sim.placements[old].node
        zone = sim.state.by_name[node].labels.get(ZONE) if node and old.ebs else old.volume_zone
        available = sum(1 for p in w.pods if sim.placements.get(p) and sim.placements[p].node)
        note = " (below the PodDisruptionBudget)" if available - 1 < floor else ""
        sim.delete(old)
        pod = dataclasses.replace(make_pod(w, ordinal, order + len(new), revision=1), volume_zone=zone)
        sim.create(pod)
        new.append(pod)
        r.steps.append(RolloutStep(f"replace {old.name}{note}", [pod.name], _outcome(placed, [pod])))
        if sim.placements[pod].node is None:
            r.stuck = f"{pod.name} stays Pending; the controller waits for it before going on"
            break
    return _finish(placed, r, new)


def rollout(
    objects: Sequence[Mapping[str, Any]],
    cluster: ClusterProfile,
    tier: str,
    order: str = "declared",
    tiers: Sequence[str] = (),
    tier_labels: Sequence[str] = (DEFAULT_TIER_LABEL,),
) -> tuple[Placed, Rollout]:
    """Place everything, then roll out `tier`'s Deployment or StatefulSet with its own strategy
    (`rollout_placed`). Returns the rolled-out placement and the rollout."""
    return rollout_placed(place(objects, cluster, order, tiers, tier_labels), tier)


def rollout_placed(placed: Placed, tier: str) -> tuple[Placed, Rollout]:
    """Roll out `tier` (``tier``, ``name``, ``namespace/tier`` or ``namespace/name``) on `placed`, which it
    drives on (`hagen check` rolls out every tier on one placement, restoring its `Simulator.snapshot`
    after each)."""
    w = _workload(placed, tier)
    kind_strategy = "RollingUpdate"
    wanted = tier.rpartition("/")[2]
    r = Rollout(wanted, w.name, w.kind, kind_strategy, w.replicas, by_name=w.tier != wanted)
    r.namespace, r.qualified = w.namespace, placed.simulation.qualified
    if w.kind == "StatefulSet":
        return placed, _statefulset(placed, w, r)
    strategy = ((w.obj.get("spec") or {}).get("strategy") or {}).get("type")
    r.strategy = strategy or kind_strategy
    return placed, _deployment(placed, w, r)

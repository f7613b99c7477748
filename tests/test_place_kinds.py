"""Placement of the new workload kinds: DaemonSet pods on tainted nodes only when tolerated, an
autoscaled tier at maxReplicas, a backup Job beside the pod holding its ReadWriteOnce volume."""

from __future__ import annotations

from typing import Any

import hagen
from hagen import (
    Autoscale,
    Blueprint,
    ClusterProfile,
    CronJob,
    DaemonSet,
    Node,
    SharedVolume,
    StorageClass,
    Taint,
    Tier,
    Volume,
    separate,
)
from hagen._blueprint import build_spec
from hagen._place._run import place

GPU = Taint(key="nvidia.com/gpu", value="true", effect="NoSchedule")
CLUSTER = ClusterProfile(
    nodes=[
        Node(
            name=name,
            labels={"kubernetes.io/hostname": name, "topology.kubernetes.io/zone": zone},
            taints=taints,
        )
        for name, zone, taints in (("a", "z1", ()), ("b", "z2", ()), ("gpu", "z2", (GPU,)))
    ]
)


def placed(*tiers: Tier) -> dict[str, str | None]:
    class App(Blueprint):
        name = "app"

    App.tiers = list(tiers)  # type: ignore[attr-defined]
    objects: list[dict[str, Any]] = hagen.synthesize(build_spec(App, "app.py")).objects
    result = place(objects, CLUSTER).simulation
    return {p.pod.name: p.node for p in result.placements}


def test_daemonset_skips_tainted_nodes_unless_it_tolerates_all() -> None:
    plain = placed(Tier(name="agent", image="agent:1.0", workload=DaemonSet()))
    assert plain == {"agent-a": "a", "agent-b": "b"}
    everywhere = placed(Tier(name="agent", image="agent:1.0", workload=DaemonSet(tolerate_all=True)))
    assert everywhere == {"agent-a": "a", "agent-b": "b", "agent-gpu": "gpu"}


def test_autoscaled_tier_is_placed_at_max_replicas() -> None:
    tier = Tier(name="api", image="api:1.0", placement=[separate()], autoscale=Autoscale(max_replicas=3))
    assert placed(tier) == {"api-1": "a", "api-2": "b", "api-3": None}  # the tainted node repels the third


def test_backup_lands_on_the_node_holding_the_volume() -> None:
    gp3 = StorageClass(name="gp3")
    db = Tier(
        name="db",
        image="postgres:16.4",
        volumes=[Volume(name="data", size="1Gi", mount_path="/d", storage_class=gp3)],
    )
    backup = Tier(
        name="backup",
        image="postgres:16.4",
        workload=CronJob(schedule="0 3 * * *"),
        shared_volumes=[SharedVolume(tier="db", volume="data", mount_path="/d")],
    )
    where = placed(db, backup)
    assert where["backup"] == where["db-1"] is not None

"""`hagen check`'s static scheduling rules and `hagen place` judge the same cluster with the same pods:
an autoscaler's target counts its maxReplicas in both, and `--nodes`/`--zones` shape one profile
(zones at most one per node) that the simulator places on and the static rules count domains of."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen._check import ClusterCounts, check
from hagen._check._run import BUILTIN_RULES
from hagen._cluster_shape import effective_shape
from hagen._place import ClusterProfile
from hagen._place._command import resolve_cluster

from ._check_objects import deployment, eksctl, mounting, pvc, separated, storage_class, term
from ._traffic_objects import hpa, unscaled
from .conftest import run_hagen

HEADER = "from hagen import Autoscale, Blueprint, ClusterProfile, Tier, colocate, separate\n"


def _blueprint(tmp_path: Path, tiers: str) -> Path:
    path = tmp_path / "app.py"
    body = f"""
        class App(Blueprint):
            name = "app"
            cluster = ClusterProfile.shorthand(nodes=3, zones=3)
            tiers = [{tiers}]
    """
    path.write_text(HEADER + textwrap.dedent(body))
    return path


def _api(autoscale: str, per: str = "node") -> str:
    return (
        f'Tier(name="api", image="r.example.com/api:1.0.0", autoscale={autoscale}, '
        f'placement=[separate("{per}")])'
    )


def _web(replicas: int) -> str:
    return (
        f'Tier(name="web", image="r.example.com/web:1.0.0", replicas={replicas}, '
        'placement=[separate(), colocate("api")])'
    )


def _messages(data: dict[str, Any], rule: str) -> list[str]:
    return [f["message"] for f in data["findings"] if f["id"] == rule]


def _errors(result: Any) -> list[tuple[str, str]]:
    return [(f.id, f.message) for f in result.findings if f.severity == "error"]


def test_autoscaled_partner_counts_its_max_replicas_in_check_and_place(tmp_path: Path) -> None:
    path = _blueprint(tmp_path, f"{_api('Autoscale(min_replicas=2, max_replicas=3)')}, {_web(2)}")
    proc = run_hagen("check", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert _messages(data, "scheduling.colocated-exceeds-partner") == []
    placed = run_hagen("place", str(path))
    assert placed.returncode == 0, placed.stdout
    assert placed.stdout.startswith("3 node(s), 5 pod(s): 5 running, 0 Pending\n")
    assert _errors(hagen.check(path)) == []


def test_a_partner_too_small_at_its_max_replicas_is_still_found(tmp_path: Path) -> None:
    path = _blueprint(tmp_path, f"{_api('Autoscale(min_replicas=1, max_replicas=2)')}, {_web(3)}")
    expected = (
        "Deployment web: 3 replicas must each share a kubernetes.io/hostname domain with Deployment api (2) "
        "while repelling each other: at most 2 can run"
    )
    assert [m for i, m in _errors(hagen.check(path)) if i == "scheduling.colocated-exceeds-partner"] == [
        expected
    ]
    proc = run_hagen("check", str(path), "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert _messages(data, "scheduling.colocated-exceeds-partner") == [expected]
    assert _messages(data, "scheduling.pending-pods") == [
        "1 pod(s) stay Pending (web-3): 0/3 nodes are available: "
        "1 node(s) didn't match pod affinity rules, 2 node(s) didn't match pod anti-affinity rules."
    ]


def test_autoscaled_replicas_on_plain_objects() -> None:
    api = unscaled(separated("api", 2))
    web = separated("web", 3)
    web["spec"]["template"]["spec"]["affinity"]["podAffinity"] = {
        "requiredDuringSchedulingIgnoredDuringExecution": [term("api")]
    }

    def colocated(maximum: int) -> list[str]:
        objects = [api, web, hpa("api", minimum=1, maximum=maximum)]
        found = check(objects, cluster=ClusterCounts(3), rules=BUILTIN_RULES).findings
        return [f.message for f in found if f.id == "scheduling.colocated-exceeds-partner"]

    assert colocated(3) == []
    assert colocated(2) == [
        "Deployment web: 3 replicas must each share a kubernetes.io/hostname domain with Deployment api (2) "
        "while repelling each other: at most 2 can run"
    ]


def test_autoscaled_workload_on_a_read_write_once_claim_counts_its_max_replicas() -> None:
    db = unscaled(mounting(deployment("db", replicas=1), "data"))
    objects = [storage_class("gp3", type="gp3"), eksctl("aws-ebs-csi-driver"), pvc("data", "gp3"), db]
    found = check([*objects, hpa("db", minimum=1, maximum=3)], rules=BUILTIN_RULES).findings
    assert [f.message for f in found if f.id.startswith("storage.")] == [
        "PVC data (ReadWriteOnce) is mounted by Deployment db (3 replicas): "
        "pods on other nodes cannot attach it"
    ]


def test_anti_affinity_domains_of_an_autoscaled_target_are_said_once_by_the_autoscaler_rule() -> None:
    found = check([separated("api", 5), hpa("api", maximum=4)], cluster=ClusterCounts(3), rules=BUILTIN_RULES)
    assert [(f.id, f.message) for f in found.findings if f.severity == "error"] == [
        (
            "autoscaling.max-exceeds-domains",
            "HorizontalPodAutoscaler api may scale Deployment api to 4 replicas, but its required "
            "anti-affinity on kubernetes.io/hostname allows 3: 1 pod(s) would stay Pending at maximum scale",
        )
    ]


def test_check_nodes_counts_zones_as_place_does_for_an_autoscaled_tier(tmp_path: Path) -> None:
    path = _blueprint(tmp_path, _api("Autoscale(max_replicas=4)", per="zone"))
    proc = run_hagen("check", str(path), "--nodes", "2", "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert _messages(data, "autoscaling.max-exceeds-domains") == [
        "HorizontalPodAutoscaler api may scale Deployment api to 4 replicas, but its required anti-affinity "
        "on topology.kubernetes.io/zone allows 2: 2 pod(s) would stay Pending at maximum scale"
    ]
    assert _messages(data, "scheduling.pending-pods") == [
        "2 pod(s) stay Pending (api-3, api-4): 0/2 nodes are available: "
        "2 node(s) didn't match pod anti-affinity rules."
    ]
    placed = run_hagen("place", str(path), "--nodes", "2")
    assert placed.stdout.startswith("2 node(s), 4 pod(s): 2 running, 2 Pending\n")


@pytest.mark.parametrize(
    "flags", [("--nodes", "2"), ("--nodes", "2", "--zones", "2"), ("--nodes", "2", "--zones", "3")]
)
def test_check_nodes_counts_zones_as_place_does_for_fixed_replicas(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    path = _blueprint(
        tmp_path,
        'Tier(name="api", image="r.example.com/api:1.0.0", replicas=3, placement=[separate("zone")])',
    )
    data = json.loads(run_hagen("check", str(path), *flags, "--format", "json").stdout)
    assert _messages(data, "scheduling.anti-affinity-exceeds-domains") == [
        "Deployment api: 3 replicas with required anti-affinity over topology.kubernetes.io/zone, "
        "which has 2 domains: 1 pod stays Pending"
    ]
    assert _messages(data, "scheduling.pending-pods") == [
        "1 pod(s) stay Pending (api-3): 0/2 nodes are available: "
        "2 node(s) didn't match pod anti-affinity rules."
    ]


def test_nodes_without_zones_are_one_zone_in_check_as_in_place(tmp_path: Path) -> None:
    """`--nodes 3` alone: place puts every node in zone-a, and check counts that one zone."""
    path = tmp_path / "app.py"
    path.write_text(
        HEADER
        + textwrap.dedent(
            """
            class App(Blueprint):
                name = "app"
                tiers = [Tier(name="api", image="r.example.com/api:1.0.0", replicas=3,
                              placement=[separate("zone")])]
            """
        )
    )
    placed = json.loads(run_hagen("place", str(path), "--nodes", "3", "--format", "json").stdout)
    assert [z["zone"] for z in placed["zones"]] == ["zone-a"]
    data = json.loads(run_hagen("check", str(path), "--nodes", "3", "--format", "json").stdout)
    assert _messages(data, "scheduling.anti-affinity-exceeds-domains") == [
        "Deployment api: 3 replicas with required anti-affinity over topology.kubernetes.io/zone, "
        "which has 1 domain: 2 pods stay Pending"
    ]
    assert _messages(data, "scheduling.pending-pods") == [
        "2 pod(s) stay Pending (api-2, api-3): 0/3 nodes are available: "
        "3 node(s) didn't match pod anti-affinity rules."
    ]


def test_plain_objects_count_zones_at_most_one_per_node() -> None:
    found = check(
        [separated("api", 3, key="topology.kubernetes.io/zone")],
        cluster=ClusterCounts(nodes=2, zones=3),
        rules=BUILTIN_RULES,
    )
    assert [f.message for f in found.findings if f.id == "scheduling.anti-affinity-exceeds-domains"] == [
        "Deployment api: 3 replicas with required anti-affinity over topology.kubernetes.io/zone, "
        "which has 2 domains: 1 pod stays Pending"
    ]


@pytest.mark.parametrize(
    ("flags", "declared", "shape"),
    [
        ((2, None), (3, 3), (2, 2)),
        ((2, 3), (3, 3), (2, 2)),
        ((None, 2), (3, 3), (3, 2)),
        ((5, None), (3, 3), (5, 3)),
        ((None, None), (3, 3), (3, 3)),
        ((3, None), (None, None), (3, 1)),
        ((3, None), (4, None), (3, 1)),
        ((None, None), (4, None), (4, 1)),
        ((None, 2), (None, None), (2, 2)),
        ((None, None), (None, None), (None, None)),
    ],
)
def test_effective_shape(
    flags: tuple[int | None, int | None],
    declared: tuple[int | None, int | None],
    shape: tuple[int | None, int | None],
) -> None:
    assert effective_shape(*flags, *declared) == shape


def test_place_zones_flag_keeps_the_declared_node_count() -> None:
    declared = ClusterProfile.shorthand(3, 3, cpu="2", memory="8Gi")
    profile = resolve_cluster(declared, None, None, 2, None, None)
    assert [(n.name, n.zone, n.allocatable.cpu) for n in profile.nodes] == [
        ("node-1", "zone-a", "2"),
        ("node-2", "zone-b", "2"),
        ("node-3", "zone-a", "2"),
    ]

"""`hagen place` through the real entry point: manifests, cluster profiles, formats, SVG, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from .conftest import run_hagen

DATA = Path(__file__).parent / "data" / "place"
PAIRS = str(DATA / "pairs.yaml")


def test_pairs_land_one_of_each_per_node() -> None:
    proc = run_hagen("place", PAIRS, "--nodes", "2", "--zones", "2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["pending"] == []
    per_node = {n["name"]: n["pods"] for z in data["zones"] for n in z["nodes"]}
    tiers = {p["name"]: p["tier"] for p in data["placements"]}
    for pods in per_node.values():
        assert sorted(tiers[p] for p in pods) == ["backend", "frontend"]
    assert [z["zone"] for z in data["zones"]] == ["zone-a", "zone-b"]


def test_json_node_gives_pod_names_and_the_allowance_beside_them() -> None:
    # the pod count once overwrote the allowance: both must survive side by side
    proc = run_hagen("place", PAIRS, "--nodes", "2", "--zones", "2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (node, *_) = json.loads(proc.stdout)["zones"][0]["nodes"]
    assert node["maxPods"] == 110  # the profile flags' node: 110 pods allocatable, as a kubelet's default
    assert len(node["pods"]) == 2 and all(isinstance(name, str) for name in node["pods"])
    assert set(node) == {"name", "cpu", "memory", "pods", "maxPods"}


def test_three_nodes_leaves_room_and_text_groups_by_zone() -> None:
    proc = run_hagen("place", PAIRS, "--nodes", "3", "--zones", "2")
    assert proc.returncode == 0
    assert proc.stdout.index("zone-a") < proc.stdout.index("node-1") < proc.stdout.index("zone-b")
    assert "node-3" in proc.stdout


def test_one_node_leaves_pods_pending_with_scheduler_wording() -> None:
    proc = run_hagen("place", PAIRS, "--nodes", "1")
    assert proc.returncode == 1
    assert "Pending (2):" in proc.stdout
    assert "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules." in proc.stdout


def test_reverse_order_frontends_wait_for_backends() -> None:
    proc = run_hagen("place", PAIRS, "--nodes", "2", "--order", "reverse", "--format", "json")
    assert proc.returncode == 0
    placements = {p["name"]: p for p in json.loads(proc.stdout)["placements"]}
    assert placements["frontend-1"]["first_attempt_feasible_count"] == 0
    assert placements["frontend-1"]["node"] is not None
    assert "first_attempt_feasible" not in placements["frontend-1"]


def test_rollout_with_required_anti_affinity_hangs() -> None:
    proc = run_hagen("place", PAIRS, "--nodes", "2", "--rollout", "backend", "--format", "json")
    assert proc.returncode == 1
    rollout = json.loads(proc.stdout)["rollout"]
    assert rollout["finished"] is False
    assert "didn't match pod anti-affinity rules" in next(iter(rollout["pending"].values()))


def test_zone_failure_keeps_a_tier_running_on_the_other_zone() -> None:
    proc = run_hagen(
        "place", PAIRS, "--nodes", "2", "--zones", "2", "--fail", "zone=zone-a", "--format", "json"
    )
    assert proc.returncode == 0, proc.stdout
    (failure,) = json.loads(proc.stdout)["failures"]
    assert failure["failed_nodes"] == ["node-1"] and failure["lost_tiers"] == [] and not failure["outage"]


def test_cluster_file_taints_and_ebs_pin(tmp_path: Path) -> None:
    args = [
        "place",
        str(DATA / "jenkins-ebs.yaml"),
        "--cluster",
        str(DATA / "cluster.yaml"),
        "--format",
        "json",
    ]
    proc = run_hagen(*args)
    assert proc.returncode == 0, proc.stderr
    (jenkins,) = json.loads(proc.stdout)["placements"]
    assert jenkins["rejected_nodes"] == {"node(s) had untolerated taint {dedicated: ci}": 1}
    (detail,) = json.loads(run_hagen(*args, "--feasible").stdout)["placements"]
    assert detail["reasons"] == {"ip-10-0-2-30": "node(s) had untolerated taint {dedicated: ci}"}
    assert detail["first_attempt_feasible"] == ["ip-10-0-1-10", "ip-10-0-2-20"]
    assert jenkins["first_attempt_feasible_count"] == 2
    node = jenkins["node"]
    zone = "us-east-1a" if node == "ip-10-0-1-10" else "us-east-1b"
    proc = run_hagen(*args, "--fail", f"zone={zone}")
    assert proc.returncode == 1
    (failure,) = json.loads(proc.stdout)["failures"]
    assert failure["pinned_by_volume"] == {"jenkins-0": zone}
    assert failure["lost_tiers"] == ["controller"]
    assert "volume node affinity conflict" in failure["pending"]["jenkins-0"]


def test_svg_is_written_and_deterministic(tmp_path: Path) -> None:
    outs = []
    for seed in ("0", "1"):
        path = tmp_path / f"p{seed}.svg"
        proc = run_hagen("place", PAIRS, "--nodes", "1", "--svg", str(path), env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 1
        outs.append(path.read_bytes())
    assert outs[0] == outs[1]
    text = outs[0].decode()
    assert text.startswith("<svg") and "Pending (2)" in text and "zone-a" in text
    root = ElementTree.fromstring(text)  # well-formed XML
    assert root.tag.endswith("svg")


def test_json_is_the_same_for_any_hash_seed() -> None:
    runs = [
        run_hagen(
            "place", PAIRS, "--nodes", "3", "--zones", "2", "--format", "json", env={"PYTHONHASHSEED": s}
        )
        for s in ("0", "7")
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == 0


def test_bad_input_exits_2(tmp_path: Path) -> None:
    assert run_hagen("place", PAIRS).returncode == 2  # no cluster
    assert run_hagen("place", PAIRS, "--nodes", "2", "--fail", "node-9").returncode == 2
    assert run_hagen("place", PAIRS, "--nodes", "2", "--rollout", "nope").returncode == 2
    assert run_hagen("place", PAIRS, "--nodes", "2", "--order", "nope").returncode == 2
    assert run_hagen("place", str(tmp_path / "missing.yaml"), "--nodes", "1").returncode == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes: [{name: n1, allocatable: {cpu: lots}}]\npods: []\n")
    proc = run_hagen("place", "--scenario", str(bad))
    assert proc.returncode == 2 and "cpu" in proc.stderr
    assert run_hagen("place", cwd=tmp_path).returncode == 2  # no blueprints/ folder here
    proc = run_hagen("place", PAIRS, "--nodes", "2", "--node-cpu", "lots")
    assert proc.returncode == 2 and "--node-cpu" in proc.stderr


def test_rollout_by_workload_name_names_the_workload() -> None:
    proc = run_hagen("place", str(DATA / "untiered.yaml"), "--nodes", "1", "--rollout", "web")
    assert proc.returncode == 0, proc.stderr
    rollout = proc.stdout.split("\n\n")[-1].splitlines()
    assert rollout[0] == (
        "Rollout of Deployment web (1 replica, RollingUpdate "
        "(maxSurge 1, maxUnavailable 0, keep 1 available)):"
    )
    by_tier = run_hagen("place", PAIRS, "--nodes", "3", "--rollout", "backend").stdout
    assert "\nRollout of tier backend (Deployment backend, 2 replicas, RollingUpdate (" in by_tier


def test_cluster_file_takes_allocatable_pods_as_a_quantity(tmp_path: Path) -> None:
    cluster = tmp_path / "cluster.yaml"
    cluster.write_text('nodes:\n- name: n1\n  allocatable: {cpu: "2", memory: 8Gi, pods: "3"}\n')
    proc = run_hagen("place", PAIRS, "--cluster", str(cluster))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[3].endswith("pods 2/3")
    cluster.write_text('nodes:\n- name: n1\n  allocatable: {pods: "1.5"}\n')
    proc = run_hagen("place", PAIRS, "--cluster", str(cluster))
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .endswith(
            "nodes.0.allocatable.pods: Value error, '1.5' is not a whole number of pods; "
            "allowed: a whole quantity like 110 (got '1.5')"
        )
    )

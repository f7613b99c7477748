"""Workload expansion, rollouts, failures and the check findings, through the Python API."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from hagen._place import ClusterProfile, fail, place, placement_findings, rollout
from hagen._place._rollout import pdb_floor, scaled
from hagen._place._rules import placement_rules
from hagen._yaml import load_objects

DATA = Path(__file__).parent / "data" / "place"
PAIRS = load_objects((DATA / "pairs.yaml").read_text())
TWO = ClusterProfile.shorthand(2, 2, "2", "8Gi")


def with_strategy(objects: list[dict[str, Any]], name: str, strategy: dict[str, Any]) -> list[dict[str, Any]]:
    out = copy.deepcopy(objects)
    for obj in out:
        if obj["metadata"]["name"] == name:
            obj["spec"]["strategy"] = strategy
    return out


@pytest.mark.parametrize(
    ("value", "replicas", "up", "want"),
    [("25%", 2, True, 1), ("25%", 2, False, 0), ("50%", 3, True, 2), ("50%", 3, False, 1), (2, 5, True, 2)],
)
def test_percentages_round_like_kubernetes(value: Any, replicas: int, up: bool, want: int) -> None:
    assert scaled(value, replicas, up) == want


def test_pdb_floor() -> None:
    assert pdb_floor({"minAvailable": "50%"}, 3) == 2
    assert pdb_floor({"maxUnavailable": 1}, 3) == 2
    assert pdb_floor(None, 3) == 0


def test_expansion_names_labels_and_requests() -> None:
    pods = [p.pod for p in place(PAIRS, TWO).simulation.placements]
    assert [p.name for p in pods] == ["backend-1", "backend-2", "frontend-1", "frontend-2"]
    assert all("pod-template-hash" in p.labels for p in pods)
    assert pods[0].cpu == 500 and pods[0].memory == 2**30 and pods[0].tier == "backend"
    interleaved = [p.pod.name for p in place(PAIRS, TWO, order="interleaved").simulation.placements]
    assert interleaved == ["backend-1", "frontend-1", "backend-2", "frontend-2"]


def test_daemonset_gets_a_pod_per_untainted_node() -> None:
    ds = {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "kube-system"},
        "spec": {
            "selector": {"matchLabels": {"app": "agent"}},
            "template": {"metadata": {"labels": {"app": "agent"}}, "spec": {"containers": [{"name": "a"}]}},
        },
    }
    cluster = ClusterProfile.model_validate(
        {
            "nodes": [
                {"name": "a", "labels": {}},
                {"name": "b", "labels": {}},
                {"name": "c", "labels": {}, "taints": [{"key": "k", "effect": "NoSchedule"}]},
            ]
        }
    )
    sim = place([ds], cluster).simulation
    assert {(p.pod.name, p.node) for p in sim.placements} == {("agent-a", "a"), ("agent-b", "b")}


def test_rollout_hangs_with_default_strategy_and_finishes_with_max_unavailable() -> None:
    _, stuck = rollout(PAIRS, TWO, "backend")
    assert not stuck.finished and stuck.pending
    objects = with_strategy(
        PAIRS, "backend", {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}}
    )
    placed, done = rollout(objects, TWO, "backend")
    assert done.finished, done
    running = [p for p in placed.simulation.placements if p.pod.tier == "backend" and p.node]
    assert len(running) == 2 and {p.pod.name for p in running}.isdisjoint({"backend-1", "backend-2"})


def test_pdb_keeps_the_rollout_from_deleting() -> None:
    objects = with_strategy(
        PAIRS, "backend", {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}}
    )
    objects.append(
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": "backend", "namespace": "shop"},
            "spec": {"minAvailable": 2, "selector": {"matchLabels": {"tier": "backend"}}},
        }
    )
    _, r = rollout(objects, TWO, "backend")
    assert not r.finished


def test_recreate_finishes() -> None:
    _, r = rollout(with_strategy(PAIRS, "backend", {"type": "Recreate"}), TWO, "backend")
    assert r.finished and r.steps[0].action.startswith("delete")


def test_match_label_keys_pod_template_hash_lets_a_surge_pod_land() -> None:
    objects = copy.deepcopy(PAIRS)
    term = objects[0]["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"][
        "requiredDuringSchedulingIgnoredDuringExecution"
    ][0]
    term["matchLabelKeys"] = ["pod-template-hash"]
    _, r = rollout(objects, TWO, "backend")
    assert r.finished, r


def test_statefulset_rollout_keeps_the_volume_zone() -> None:
    objects = load_objects((DATA / "jenkins-ebs.yaml").read_text())
    placed, r = rollout(objects, TWO, "controller")
    assert r.finished
    (p,) = [p for p in placed.simulation.placements if p.pod.name == "jenkins-0"]
    assert p.pod.volume_zone == "zone-a"


def test_node_failure_of_a_single_node_cluster_is_an_outage() -> None:
    one = ClusterProfile.shorthand(1, 1)
    with pytest.raises(ValueError):
        ClusterProfile.model_validate({"nodes": [{"name": "a"}, {"name": "a"}]})
    _, f = fail(
        load_objects((DATA / "jenkins-ebs.yaml").read_text()), ClusterProfile.shorthand(2, 1), "node-1"
    )
    assert f.replacements == {"jenkins-0": "node-2"} and not f.outage
    _, f = fail(PAIRS, one, "node-1")
    assert f.outage and f.lost_tiers == ["backend", "frontend"]


def test_findings() -> None:
    one = placement_findings(PAIRS, ClusterProfile.shorthand(1, 1), blueprint="shop")
    # Pods Pending before any rollout are one cause: said once, by scheduling.pending-pods.
    assert sorted((f.id, f.tier) for f in one if f.id != "scheduling.node-failure-outage") == [
        ("scheduling.pending-pods", "backend"),
        ("scheduling.pending-pods", "frontend"),
    ]
    two = placement_findings(PAIRS, TWO)
    assert {f.id for f in two} == {"scheduling.rollout-stuck"}
    assert {f.tier for f in two} == {"backend", "frontend"}
    assert all(f.object_id and f.object_id.startswith("apps.Deployment.shop.") for f in two)
    ok = with_strategy(
        with_strategy(PAIRS, "backend", {"rollingUpdate": {"maxUnavailable": 1}}),
        "frontend",
        {"rollingUpdate": {"maxUnavailable": 1}},
    )
    assert placement_findings(ok, ClusterProfile.shorthand(3, 3)) == []


def test_check_provider_uses_node_counts_or_says_nothing() -> None:
    ctx = SimpleNamespace(objects=tuple(PAIRS), cluster=SimpleNamespace(nodes=1, zones=1), blueprint="b")
    assert {f.id for f in placement_rules(ctx)} >= {"scheduling.pending-pods"}
    assert placement_rules(SimpleNamespace(objects=tuple(PAIRS), cluster=SimpleNamespace(nodes=None))) == []


def test_helm_release_pods_are_placed_when_the_chart_renders(tmp_path: Path) -> None:
    from hagen._helm import render_available
    from hagen._place._inputs import rendered_releases

    if render_available() is not None:
        pytest.skip("the Helm SDK cannot render here")
    chart = tmp_path / "charts" / "mini"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: mini\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text("replicas: 1\n")
    (chart / "templates" / "web.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: '{{ .Release.Name }}-web'}\n"
        "spec:\n  replicas: {{ .Values.replicas }}\n  selector: {matchLabels: {app: web}}\n"
        "  template:\n    metadata: {labels: {app: web, tier: web}}\n    spec:\n      affinity:\n"
        "        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
        "          - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}\n"
        "      containers: [{name: web, image: nginx}]\n"
    )
    release = SimpleNamespace(
        name="mini",
        namespace="demo",
        chart=SimpleNamespace(name="mini"),
        version="0.1.0",
        chart_path="charts/mini",
        merged_values=lambda base: {"replicas": 3},
    )
    spec = SimpleNamespace(source=str(tmp_path / "bp.py"), releases=[release])
    objects, notes = rendered_releases(spec, SimpleNamespace(values={}))
    assert notes == []
    sim = place(objects, TWO).simulation
    assert [p.pod.name for p in sim.pending] == ["mini-web-3"]
    missing = SimpleNamespace(**{**vars(release), "chart_path": "nowhere", "name": "gone"})
    _, notes = rendered_releases(
        SimpleNamespace(source=spec.source, releases=[missing]), SimpleNamespace(values={})
    )
    assert len(notes) == 1 and "gone" in notes[0]


def with_replicas(objects: list[dict[str, Any]], name: str, replicas: int) -> list[dict[str, Any]]:
    out = copy.deepcopy(objects)
    for obj in out:
        if obj["metadata"]["name"] == name:
            obj["spec"]["replicas"] = replicas
    return out


def test_a_stuck_rollout_states_the_pods_really_available() -> None:
    # 3 replicas under required hostname anti-affinity on 2 nodes: 2 run, 1 is Pending from the start.
    _, r = rollout(with_replicas(PAIRS, "backend", 3), TWO, "backend")
    assert r.stuck == (
        "no progress: 3 old pod(s) cannot go while 2 pod(s) are available and the rollout keeps at least 3, "
        "and new pods stay Pending"
    )


def test_a_tier_pending_before_the_rollout_gets_no_rollout_finding() -> None:
    findings = placement_findings(with_replicas(PAIRS, "backend", 3), TWO)
    by_tier = {t: [f.id for f in findings if f.tier == t] for t in ("backend", "frontend")}
    assert by_tier == {"backend": ["scheduling.pending-pods"], "frontend": ["scheduling.rollout-stuck"]}

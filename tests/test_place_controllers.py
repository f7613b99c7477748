"""The simulation follows the controllers and the scheduler where they add to a pod or a node: DaemonSet
tolerations, native sidecars in the pod's request, the cordon taint, nil spread policies, the Deployment
controller's scale-down budget and the ReplicaSet controller's deletion order, Helm test hooks, topology
keys no node carries, and the CLI's cluster shorthand and rollout target."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from hagen._errors import InputError
from hagen._place import ClusterProfile, place, rollout, run_scenario
from hagen._place._command import resolve_cluster
from hagen._place._pods import workloads
from hagen._place._podspec import pod_requests

from .conftest import run_hagen

HOST = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"
REQ = "requiredDuringSchedulingIgnoredDuringExecution"


def deployment(name: str, replicas: int, labels: dict[str, str], **spec: Any) -> dict[str, Any]:
    pod_spec = {"containers": [{"name": "app", "image": "x"}], **spec.pop("pod", {})}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "demo", **spec.pop("meta", {})},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": pod_spec},
            **spec,
        },
    }


def daemonset(**pod: Any) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "kube-system"},
        "spec": {
            "selector": {"matchLabels": {"app": "agent"}},
            "template": {
                "metadata": {"labels": {"app": "agent"}},
                "spec": {"containers": [{"name": "a", "image": "x"}], **pod},
            },
        },
    }


def test_daemonset_pods_get_the_controllers_tolerations() -> None:
    def taint(key: str, effect: str = "NoSchedule") -> dict[str, Any]:
        return {"name": key.rsplit("/", 1)[-1], "taints": [{"key": key, "effect": effect}]}

    cluster = ClusterProfile.model_validate(
        {
            "nodes": [
                taint("node.kubernetes.io/not-ready", "NoExecute"),
                taint("node.kubernetes.io/unreachable", "NoExecute"),
                taint("node.kubernetes.io/disk-pressure"),
                taint("node.kubernetes.io/memory-pressure"),
                taint("node.kubernetes.io/pid-pressure"),
                {"name": "cordoned", "unschedulable": True},
                taint("node.kubernetes.io/network-unavailable"),
                taint("example.com/dedicated"),
            ]
        }
    )
    sim = place([daemonset()], cluster).simulation
    assert sim.pending == []
    assert [p.node for p in sim.placements] == [
        "not-ready",
        "unreachable",
        "disk-pressure",
        "memory-pressure",
        "pid-pressure",
        "cordoned",
    ]
    host = place([daemonset(hostNetwork=True)], cluster).simulation
    assert [p.node for p in host.placements][-1] == "network-unavailable" and host.pending == []


def test_native_sidecars_count_in_the_pods_request() -> None:
    spec = {
        "containers": [{"name": "app", "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}],
        "initContainers": [
            {
                "name": "proxy",
                "restartPolicy": "Always",
                "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}},
            },
            {"name": "migrate", "resources": {"requests": {"cpu": "500m", "memory": "32Mi"}}},
        ],
    }
    # cpu: the migration runs beside the started sidecar (500m + 50m) > app + sidecar (150m);
    # memory: app + sidecar (192Mi) > migration + sidecar (96Mi)
    assert pod_requests(spec) == (550, 192 * 2**20)
    assert pod_requests({**spec, "overhead": {"cpu": "10m", "memory": "1Mi"}}) == (560, 193 * 2**20)
    only_sidecar = {"containers": spec["containers"], "initContainers": spec["initContainers"][:1]}
    assert pod_requests(only_sidecar) == (150, 192 * 2**20)


def _spread_pod(**policies: Any) -> dict[str, Any]:
    c = {
        "maxSkew": 1,
        "topologyKey": ZONE,
        "whenUnsatisfiable": "DoNotSchedule",
        "labelSelector": {"matchLabels": {"app": "s"}},
        **policies,
    }
    return {
        "name": "p",
        "labels": {"app": "s"},
        "nodeSelector": {"pool": "x"},
        "topologySpreadConstraints": [c],
    }


def test_null_node_affinity_policy_is_honor() -> None:
    nodes = [
        {"name": "n1", "labels": {HOST: "n1", ZONE: "zone-a", "pool": "x"}},
        {"name": "n2", "labels": {HOST: "n2", ZONE: "zone-b", "pool": "y"}},
    ]
    existing = [{"name": f"e{i}", "node": "n1", "labels": {"app": "s"}} for i in range(2)]
    doc = {"nodes": nodes, "existing_pods": existing, "pods": [_spread_pod(nodeAffinityPolicy=None)]}
    # Honor: zone-b's only node fails the nodeSelector, so it is no domain and n1 is judged alone
    assert run_scenario(doc)["placements"][0]["node"] == "n1"


def test_cordoned_node_carries_the_taint_and_null_taints_policy_is_ignore() -> None:
    nodes = [
        {"name": "n1", "labels": {HOST: "n1", ZONE: "zone-a", "pool": "x"}, "unschedulable": True},
        {"name": "n2", "labels": {HOST: "n2", ZONE: "zone-b", "pool": "x"}},
    ]
    existing = [{"name": f"e{i}", "node": "n2", "labels": {"app": "s"}} for i in range(2)]

    def placed(**policy: Any) -> dict[str, Any]:
        doc = {"nodes": nodes, "existing_pods": existing, "pods": [_spread_pod(**policy)]}
        result: dict[str, Any] = run_scenario(doc)["placements"][0]
        return result

    # Honor: the cordon taint keeps zone-a out of the domains; n2 is judged alone
    assert placed(nodeTaintsPolicy="Honor")["node"] == "n2"
    for policy in ({"nodeTaintsPolicy": None}, {}):
        out = placed(**policy)
        assert out["node"] is None
        assert out["reasons"] == {
            "n1": "node(s) were unschedulable",
            "n2": "node(s) didn't match pod topology spread constraints",
        }


def test_an_unknown_spread_policy_is_refused_like_the_api_server() -> None:
    doc = {"nodes": [{"name": "n1", "labels": {ZONE: "a"}}], "pods": [_spread_pod(nodeTaintsPolicy="Always")]}
    out = run_scenario(doc)["placements"][0]
    assert out["reasons"]["n1"].endswith("nodeTaintsPolicy: 'Always'; allowed: Honor, Ignore")


def test_rollout_deletes_the_old_pod_beside_the_new_one_first() -> None:
    web = deployment(
        "web", 3, {"app": "web"}, strategy={"rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}
    )
    _, r = rollout([web], ClusterProfile.shorthand(3, 1, "2", "8Gi"), "web")
    assert r.finished
    created, deleted = r.steps[0], r.steps[1]
    assert created.pods == ["web-4"] and created.outcome == "web-4 -> node-1"
    # node-1 runs two pods of the Deployment's ReplicaSets (web-1 and web-4): web-1 goes, not the newest
    assert deleted.action == "delete old pods" and deleted.pods == ["web-1"]


def test_rollout_keeps_pending_old_pods_while_the_scale_down_budget_is_zero() -> None:
    anti = {
        "podAntiAffinity": {REQ: [{"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": HOST}]}
    }
    web = deployment(
        "web",
        3,
        {"app": "web"},
        strategy={"rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
        pod={"affinity": anti},
    )
    placed, r = rollout([web], ClusterProfile.shorthand(2, 1), "web")
    assert not r.finished
    assert [s.action for s in r.steps] == ["create new pods"]
    pods = {p.pod.name: p.node for p in placed.simulation.placements}
    assert pods == {"web-1": "node-1", "web-2": "node-2", "web-3": None, "web-4": None}


def test_rollout_by_workload_name_and_a_message_without_python_values(tmp_path: Path) -> None:
    objects = [deployment("web", 2, {"app": "web"}, strategy={"rollingUpdate": {"maxUnavailable": 1}})]
    _, r = rollout(objects, ClusterProfile.shorthand(2, 1), "web")
    assert r.workload == "web" and r.tier == "web" and r.finished
    with pytest.raises(InputError) as err:
        rollout(objects, ClusterProfile.shorthand(2, 1), "api")
    assert str(err.value) == (
        "--rollout: no Deployment or StatefulSet with tier or name 'api'; workloads: web"
    )
    path = tmp_path / "web.json"
    path.write_text(json.dumps(objects[0]))
    proc = run_hagen("place", str(path), "--nodes", "2", "--rollout", "web", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["rollout"]["workload"] == "web"
    proc = run_hagen("place", str(path), "--nodes", "2", "--order", "api")
    assert proc.returncode == 2
    assert "no tier named 'api'; tiers: (no workload has a tier label)" in proc.stderr
    assert "None" not in proc.stderr


def test_node_count_shorthand_keeps_the_declared_node_size() -> None:
    declared = ClusterProfile.shorthand(2, 2, cpu="1930m", memory="7Gi", pods=58)
    profile = resolve_cluster(declared, None, 3, None, None, None)
    assert len(profile.nodes) == 3
    assert {(n.allocatable.cpu, n.allocatable.memory, n.allocatable.pods) for n in profile.nodes} == {
        ("1930m", "7Gi", 58)
    }
    wider = resolve_cluster(declared, None, 2, None, "4", None)
    assert {(n.allocatable.cpu, n.allocatable.memory) for n in wider.nodes} == {("4", "7Gi")}


def test_node_count_shorthand_keeps_the_declared_zones() -> None:
    declared = ClusterProfile.shorthand(2, 2, cpu="1930m", memory="7Gi")
    three = resolve_cluster(declared, None, 3, None, None, None)
    assert [(n.name, n.zone) for n in three.nodes] == [
        ("node-1", "zone-a"),
        ("node-2", "zone-b"),
        ("node-3", "zone-a"),
    ]
    assert resolve_cluster(declared, None, 1, None, None, None).zones() == ["zone-a"]
    assert resolve_cluster(declared, None, 3, 1, None, None).zones() == ["zone-a"]
    assert resolve_cluster(None, None, 3, None, "2", "8Gi").zones() == ["zone-a"]


def test_node_count_shorthand_keeps_the_blueprints_node_size_through_the_cli() -> None:
    proc = run_hagen("place", "blueprints/shop.py", "--nodes", "3", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    nodes = [n for z in json.loads(proc.stdout)["zones"] for n in z["nodes"]]
    assert len(nodes) == 3
    assert {(n["cpu"]["allocatable"], n["memory"]["allocatable"]) for n in nodes} == {("1930m", "7Gi")}


@pytest.mark.parametrize("hook", ["test", "test-success", "pre-install,test"])
def test_helm_test_hooks_are_not_placed(hook: str) -> None:
    probe = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "jenkins-ui-test-x7k2p",
            "namespace": "jenkins",
            "annotations": {"helm.sh/hook": hook},
        },
        "spec": {"containers": [{"name": "t", "image": "x"}]},
    }
    web = deployment("web", 1, {"app": "web"})
    assert [w.name for w in workloads([probe, web])] == ["web"]
    assert [
        p.pod.name for p in place([probe, web], ClusterProfile.shorthand(1, 1)).simulation.placements
    ] == ["web-1"]


def test_a_topology_key_no_node_carries_is_reported(tmp_path: Path) -> None:
    anti = {
        "podAntiAffinity": {REQ: [{"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "zones"}]}
    }
    web = deployment("web", 3, {"app": "web", "tier": "web"}, pod={"affinity": anti})
    placed = place([web], ClusterProfile.shorthand(3, 3))
    (note,) = placed.topology
    assert (note.kind, note.workload, note.tier, note.key) == ("Deployment", "web", "web", "zones")
    assert note.field == f"podAntiAffinity.{REQ}"
    assert note.suggested[0] == ZONE
    assert set(note.suggested) == {HOST, ZONE, "topology.kubernetes.io/region"}
    assert place([copy.deepcopy(web)], ClusterProfile.shorthand(1, 1)).topology == [note]
    path = tmp_path / "web.json"
    path.write_text(json.dumps(web))
    proc = run_hagen("place", str(path), "--nodes", "3", "--format", "json")
    (data,) = json.loads(proc.stdout)["unknown_topology_keys"]
    assert data["key"] == "zones" and data["message"] == note.message
    assert "topologyKey 'zones', a label no node of the cluster carries" in note.message
    text = run_hagen("place", str(path), "--nodes", "3").stdout
    assert f"note: {note.message}" in text


def test_text_report_names_a_few_feasible_nodes_and_counts_the_rest() -> None:
    from hagen._place import to_text

    web = deployment("web", 2, {"app": "web"})
    text = to_text(place([web], ClusterProfile.shorthand(12, 1)).simulation)
    assert (
        "  web-1 -> node-1; feasible: node-1, node-2, node-3, node-4, node-5, node-6, node-7, node-8"
        " and 4 more (--format json --feasible lists them)"
    ) in text

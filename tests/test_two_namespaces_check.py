"""`hagen check` on the two-namespace project (tests/_two_namespaces.py) and on manifests of two namespaces
with the same tier names: each finding is about its own namespace's workload (object, file, tier, pods);
blueprints checked together are placed together, as `hagen place` places them; a failure or a rollout is
judged per namespace/tier; renaming one namespace never changes what is said of the other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._check import ClusterCounts, check
from hagen._place import ClusterProfile, place
from hagen._yaml import load_objects

from ._two_namespaces import PINNED, TOPOLOGY, objects_in, synthesized, write_project
from .conftest import DATA, run_hagen


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthesized(tmp_path_factory.mktemp("platform"))


def test_check_text_names_each_namespace_workload(project: Path) -> None:
    proc = run_hagen("check", "--target", "prod", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == (
        "target prod:\n"
        "error scheduling.anti-affinity-exceeds-domains: billing/frontend apps.Deployment.billing.frontend "
        "(out/prod/billing/deployment-frontend.yaml:4)\n"
        "  Deployment frontend: 3 replicas with required anti-affinity over kubernetes.io/hostname, which "
        "has 2 domains: 1 pod stays Pending\n"
        "  fix: Lower the replicas, add nodes/zones, or make the anti-affinity preferred.\n"
        "error scheduling.colocated-exceeds-partner: billing/frontend apps.Deployment.billing.frontend "
        "(out/prod/billing/deployment-frontend.yaml:4)\n"
        "  Deployment frontend: 3 replicas must each share a kubernetes.io/hostname domain with Deployment "
        "backend (1) while repelling each other: at most 1 can run\n"
        "  fix: Give the tier at most as many replicas as its partner, or relax one of the two affinities.\n"
        "error scheduling.pending-pods: billing/frontend apps.Deployment.billing.frontend "
        "(out/prod/billing/deployment-frontend.yaml:4)\n"
        "  2 pod(s) stay Pending (billing/frontend-2, billing/frontend-3): 0/2 nodes are available: "
        "1 node(s) didn't match pod affinity rules, 1 node(s) didn't match pod anti-affinity rules.\n"
        "  fix: add nodes or zones, relax required (anti-)affinity or spread, or lower requests\n"
        "3 errors, 0 warnings, 0 info (0 suppressed)\n"
    )


def test_check_places_the_services_together_as_place_does(tmp_path: Path) -> None:
    """On one-CPU nodes the two services compete for room: check and place find the same Pending pods
    (check placed each blueprint alone, and missed shop's frontend that billing's pods crowd out)."""
    root = write_project(tmp_path, node_cpu="1")
    placed = json.loads(run_hagen("place", "--target", "prod", "--format", "json", cwd=root).stdout)
    assert placed["targets"]["prod"]["pending"] == [
        "billing/frontend-2",
        "billing/frontend-3",
        "shop/frontend-2",
    ]
    found = json.loads(run_hagen("check", "--target", "prod", "--format", "json", cwd=root).stdout)
    assert [
        (f["blueprint"], f["object_id"], f["message"])
        for f in found["targets"]["prod"]["findings"]
        if f["id"] == "scheduling.pending-pods"
    ] == [
        (
            "billing",
            "apps.Deployment.billing.frontend",
            "2 pod(s) stay Pending (billing/frontend-2, billing/frontend-3): 0/2 nodes are available: "
            "1 node(s) didn't match pod affinity rules, 1 node(s) didn't match pod anti-affinity rules.",
        ),
        (
            "shop",
            "apps.Deployment.shop.frontend",
            "1 pod(s) stay Pending (shop/frontend-2): 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) "
            "didn't match pod anti-affinity rules.",
        ),
    ]


DEV_FINDINGS = [
    ("scheduling.anti-affinity-exceeds-domains", "shop", "frontend", "apps.Deployment.shop.frontend"),
    ("scheduling.colocated-exceeds-partner", "shop", "frontend", "apps.Deployment.shop.frontend"),
    ("scheduling.pending-pods", "shop", "frontend", "apps.Deployment.shop.frontend"),
    ("scheduling.node-failure-outage", "billing", "backend", "apps.Deployment.billing.backend"),
    ("scheduling.node-failure-outage", "billing", "frontend", "apps.Deployment.billing.frontend"),
    ("scheduling.node-failure-outage", "billing", "frontend", "apps.Deployment.billing.frontend"),
    ("scheduling.node-failure-outage", "shop", "backend", "apps.Deployment.shop.backend"),
    ("scheduling.node-failure-outage", "shop", "frontend", "apps.Deployment.shop.frontend"),
    ("scheduling.node-failure-outage", "shop", "frontend", "apps.Deployment.shop.frontend"),
]


def _out_file(oid: str) -> str:
    _, _, namespace, name = oid.split(".")
    return f"out/dev/{namespace}/deployment-{name}.yaml"


def test_check_json_and_sarif_point_each_finding_at_its_namespace(project: Path) -> None:
    data = json.loads(run_hagen("check", "--target", "dev", "--format", "json", cwd=project).stdout)
    findings = data["targets"]["dev"]["findings"]
    assert [(f["id"], f["blueprint"], f["tier"], f["object_id"]) for f in findings] == DEV_FINDINGS
    assert [f["file"] for f in findings] == [_out_file(oid) for *_, oid in DEV_FINDINGS]
    assert [f["message"] for f in findings if f["id"] == "scheduling.node-failure-outage"] == [
        f"if node-1 fails, {what}".format(ns=ns)
        for ns in ("billing", "shop")
        for what in (
            "tier {ns}/backend has no running pod ({ns}/backend-1: 0/0 nodes are available.)",
            "no node runs both {ns}/frontend and {ns}/backend",
            "tier {ns}/frontend has no running pod ({ns}/frontend-1: 0/0 nodes are available.)",
        )
    ]
    sarif = json.loads(run_hagen("check", "--target", "dev", "--format", "sarif", cwd=project).stdout)
    results = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        )
        for r in sarif["runs"][0]["results"]
    ]
    assert results == [(i, _out_file(oid), f"{bp}/{tier}/{oid}") for i, bp, tier, oid in DEV_FINDINGS]
    assert len({r["partialFingerprints"]["hagenFinding/v1"] for r in sarif["runs"][0]["results"]}) == 9


def test_check_of_the_written_files_keeps_the_namespaces_apart(project: Path) -> None:
    """Plain objects of both namespaces in one check: each finding names its own workload and pods."""
    proc = run_hagen("check", "out/dev", "--nodes", "1", "--format", "json", cwd=project)
    placed = [
        (f["id"], f["tier"], f["object_id"], f["message"])
        for f in json.loads(proc.stdout)["findings"]
        if f["id"] in ("scheduling.pending-pods", "scheduling.node-failure-outage")
    ]
    pending = "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules."
    lost = "0/0 nodes are available."
    assert placed == [
        (
            "scheduling.pending-pods",
            "frontend",
            "apps.Deployment.shop.frontend",
            f"1 pod(s) stay Pending (shop/frontend-2): {pending}",
        ),
        (
            "scheduling.node-failure-outage",
            "backend",
            "apps.Deployment.billing.backend",
            f"if node-1 fails, tier billing/backend has no running pod (billing/backend-1: {lost})",
        ),
        (
            "scheduling.node-failure-outage",
            "backend",
            "apps.Deployment.shop.backend",
            f"if node-1 fails, tier shop/backend has no running pod (shop/backend-1: {lost})",
        ),
        (
            "scheduling.node-failure-outage",
            "frontend",
            "apps.Deployment.billing.frontend",
            "if node-1 fails, no node runs both billing/frontend and billing/backend",
        ),
        (
            "scheduling.node-failure-outage",
            "frontend",
            "apps.Deployment.billing.frontend",
            f"if node-1 fails, tier billing/frontend has no running pod (billing/frontend-1: {lost})",
        ),
        (
            "scheduling.node-failure-outage",
            "frontend",
            "apps.Deployment.shop.frontend",
            "if node-1 fails, no node runs both shop/frontend and shop/backend",
        ),
        (
            "scheduling.node-failure-outage",
            "frontend",
            "apps.Deployment.shop.frontend",
            f"if node-1 fails, tier shop/frontend has no running pod (shop/frontend-1: {lost})",
        ),
    ]


def test_a_failure_is_judged_per_namespace_tier() -> None:
    """shop's `backend` survives node-1; billing's, pinned there, does not, and billing's frontend has no
    backend of its own namespace left to sit beside."""
    proc = run_hagen("place", PINNED, "--nodes", "2", "--fail", "node-1", "--format", "json")
    assert proc.returncode == 1
    failure = json.loads(proc.stdout)["failures"][0]
    assert failure["lost_tiers"] == ["billing/backend", "billing/frontend"]
    assert failure["broken_pairs"] == [["billing/frontend", "billing/backend"]]
    assert failure["outage"] is True
    found = json.loads(run_hagen("check", PINNED, "--nodes", "2", "--format", "json").stdout)["findings"]
    assert [(f["id"], f["object_id"], f["message"]) for f in found if f["id"].startswith("scheduling.")] == [
        (
            "scheduling.rollout-stuck",
            "apps.Deployment.shop.backend",
            "Deployment backend: 2 replicas on 2 kubernetes.io/hostname domains with required anti-affinity, "
            "maxSurge 1 and maxUnavailable 0: the surge pod has nowhere to go",
        ),
        (
            "scheduling.node-failure-outage",
            "apps.Deployment.billing.backend",
            "if node-1 fails, tier billing/backend has no running pod (billing/backend-1: 0/1 nodes are "
            "available: 1 node(s) didn't match Pod's node affinity/selector.)",
        ),
        (
            "scheduling.node-failure-outage",
            "apps.Deployment.billing.frontend",
            "if node-1 fails, no node runs both billing/frontend and billing/backend",
        ),
        (
            "scheduling.node-failure-outage",
            "apps.Deployment.billing.frontend",
            "if node-1 fails, tier billing/frontend has no running pod (billing/frontend-1: 0/1 nodes are "
            "available: 1 node(s) didn't match pod affinity rules.)",
        ),
    ]


def test_equal_notes_of_two_namespaces_stay_two_findings() -> None:
    """The same workload name and topology key in two namespaces: a note and a finding each, on its own
    object (one finding, on the last namespace's object, was all that was left)."""
    note = (
        "topologySpreadConstraints uses topologyKey 'zones', a label no node of the cluster carries; "
        "well-known keys: topology.kubernetes.io/zone, kubernetes.io/hostname, topology.kubernetes.io/region"
    )
    proc = run_hagen("place", TOPOLOGY, "--nodes", "1")
    assert proc.stdout.splitlines()[-2:] == [
        f"note: Deployment shop/api: {note}",
        f"note: Deployment billing/api: {note}",
    ]
    found = json.loads(run_hagen("check", TOPOLOGY, "--nodes", "1", "--format", "json").stdout)["findings"]
    assert [
        (f["object_id"], f["line"], f["message"])
        for f in found
        if f["id"] == "scheduling.unknown-topology-key"
    ] == [
        ("apps.Deployment.billing.api", 14, f"Deployment billing/api: {note}"),
        ("apps.Deployment.shop.api", 2, f"Deployment shop/api: {note}"),
    ]


def _renamed(objects: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    out = json.loads(json.dumps(objects))
    for obj in out:
        meta = obj["metadata"]
        if obj["kind"] == "Namespace" and meta["name"] == old:
            meta["name"] = new
        elif meta.get("namespace") == old:
            meta["namespace"] = new
    return out


def _shop_view(objects: list[dict[str, Any]], cluster: ClusterProfile) -> tuple[Any, ...]:
    found = check(objects, cluster=ClusterCounts(nodes=len(cluster.nodes), zones=len(cluster.zones())))
    findings = sorted(
        (f.id, f.tier, f.object_id, f.message) for f in found.findings if ".shop." in (f.object_id or "")
    )
    sim = place(objects, cluster).simulation
    pods = [(p.pod.name, p.node) for p in sim.placements if p.pod.namespace == "shop"]
    return tuple(findings), tuple(pods)


@pytest.fixture(scope="module")
def prod_objects(project: Path) -> list[dict[str, Any]]:
    return [o for o in objects_in(project / "out" / "prod") if o["kind"] != "Kustomization"]


@settings(max_examples=20)
@given(name=st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True).filter(lambda n: n != "shop"))
def test_renaming_one_namespace_never_changes_the_others_findings_or_placement(
    prod_objects: list[dict[str, Any]], name: str
) -> None:
    cluster = ClusterProfile.shorthand(2, 2, "2", "8Gi")
    renamed = _renamed(prod_objects, "billing", name)
    assert _shop_view(renamed, cluster) == _shop_view(prod_objects, cluster)


@pytest.mark.parametrize("source", ["prod", "pairs", "pinned"])
def test_rollouts_on_a_restored_placement_are_those_of_a_fresh_one(project: Path, source: str) -> None:
    """`hagen check` rolls every tier out on one placement, restoring it after each: each rollout is the
    one `hagen place --rollout` simulates from scratch, and the placement ends as it began."""
    from dataclasses import asdict

    from hagen._place._rollout import rollout, rollout_placed

    files = {"pairs": DATA / "place" / "pairs.yaml", "pinned": Path(PINNED)}
    objects = (
        objects_in(project / "out" / "prod") if source == "prod" else load_objects(files[source].read_text())
    )
    cluster = ClusterProfile.shorthand(2, 2, "2", "8Gi")
    placed = place(objects, cluster)
    start = [(p.pod.namespace, p.pod.name, p.node) for p in placed.simulation.placements]
    snapshot = placed.simulator.snapshot()
    targets = [f"{w.namespace}/{w.name}" for w in placed.workloads if w.kind == "Deployment"]
    assert len(targets) >= 2
    for target in targets:
        _, again = rollout_placed(placed, target)
        placed.simulator.restore(snapshot)
        assert asdict(again) == asdict(rollout(objects, cluster, target)[1])
    assert [(p.pod.namespace, p.pod.name, p.node) for p in placed.simulation.placements] == start

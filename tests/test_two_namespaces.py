"""A platform team's project: two services in two namespaces with the same tier names (backend and frontend,
the frontend beside a backend, both separate()), different replicas and resources, one cluster profile.

Kubernetes identifies objects by apiVersion, kind, namespace and name, and a pod affinity term selects pods
of its own pod's namespace unless it says otherwise; so every command keeps `shop/backend` and
`billing/backend` apart: placement, findings (their objects, files, reasons), rollouts, failures, the
report's colours. The blueprints use the bare `tier` selectors, so the two services' labels are identical
and only the namespace tells them apart.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._check import ClusterCounts, check
from hagen._objects import object_id
from hagen._place import ClusterProfile, place
from hagen._yaml import load_objects

from .conftest import DATA, run_hagen

HAGEN_TOML = """
blueprints = ["blueprints"]
out = "out"
profile = { nodes = 2, zones = 2, cpu = "2", memory = "8Gi" }

[targets.prod]
cluster = "prod"

[targets.dev]
cluster = "dev"
profile = { nodes = 1, zones = 1 }

[gitops.flux]
source_name = "platform"
"""

BLUEPRINT = """
from hagen import Blueprint, Port, Resources, Tier, colocate, separate


class {cls}(Blueprint):
    name = "{name}"
    namespace = "{name}"
    bare_tier_selectors = True
    tiers = [
        Tier(name="backend", image="registry.example.com/{name}/backend:1.0.0", replicas={backends},
             ports=[Port(name="http", port=8080)], resources=Resources(cpu="{cpu}", memory="{memory}"),
             placement=[separate()]),
        Tier(name="frontend", image="registry.example.com/{name}/frontend:1.0.0", replicas={frontends},
             ports=[Port(name="http", port=8080, service_port=80)],
             resources=Resources(cpu="{front_cpu}", memory="{front_memory}"),
             placement=[separate(), colocate("backend")]),
    ]
"""

DEV = """
blueprints:
  billing:
    tiers:
      frontend:
        replicas: 1
  shop:
    tiers:
      backend:
        replicas: 1
"""

PINNED = str(DATA / "place" / "two-namespaces-pinned.yaml")
TOPOLOGY = str(DATA / "place" / "two-namespaces-topology.yaml")


def write_project(root: Path, node_cpu: str = "2") -> Path:
    (root / "blueprints").mkdir(parents=True)
    (root / "targets").mkdir()
    (root / "hagen.toml").write_text(HAGEN_TOML.replace('cpu = "2"', f'cpu = "{node_cpu}"'))
    (root / "targets" / "dev.yaml").write_text(DEV)
    shop = dict(cls="Shop", name="shop", backends=2, frontends=2, cpu="250m", memory="256Mi")
    billing = dict(cls="Billing", name="billing", backends=1, frontends=3, cpu="500m", memory="512Mi")
    shop |= dict(front_cpu="100m", front_memory="64Mi")
    billing |= dict(front_cpu="200m", front_memory="128Mi")
    (root / "blueprints" / "shop.py").write_text(BLUEPRINT.format(**shop))
    (root / "blueprints" / "billing.py").write_text(BLUEPRINT.format(**billing))
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("platform"))
    proc = run_hagen("synth", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "hagen synth: 2 targets x 2 blueprints -> out/: 30 written, 0 unchanged, 0 removed\n"
        "  dev: 13 written, 0 unchanged, 0 removed\n"
        "  prod: 15 written, 0 unchanged, 0 removed\n"
        "  gitops: 2 written, 0 unchanged, 0 removed\n"
    )
    return root


def _objects(root: Path) -> list[dict[str, Any]]:
    return [o for f in sorted(root.rglob("*.yaml")) for o in load_objects(f.read_text(), str(f))]


def test_synth_gives_each_namespace_its_objects(project: Path) -> None:
    files = sorted(
        p.relative_to(project / "out" / "prod").as_posix() for p in (project / "out/prod").rglob("*")
    )
    per_service = [
        "deployment-backend.yaml",
        "deployment-frontend.yaml",
        "kustomization.yaml",
        "namespace-{}.yaml",
        "poddisruptionbudget-backend.yaml",
        "poddisruptionbudget-frontend.yaml",
        "service-backend.yaml",
        "service-frontend.yaml",
    ]
    expected = ["billing", *[f"billing/{f.format('billing')}" for f in per_service if "pod" not in f]]
    expected.insert(3, "billing/poddisruptionbudget-frontend.yaml")  # billing runs one backend: no PDB
    expected += ["shop", *[f"shop/{f.format('shop')}" for f in per_service]]
    assert files == sorted(expected)
    stdout = run_hagen("synth", "--target", "prod", "--stdout", cwd=project)
    assert stdout.returncode == 0, stdout.stderr
    ids = [object_id(o) for o in load_objects(stdout.stdout)]
    assert ids == [
        "core.Namespace._.billing",
        "core.Service.billing.backend",
        "core.Service.billing.frontend",
        "policy.PodDisruptionBudget.billing.frontend",
        "apps.Deployment.billing.backend",
        "apps.Deployment.billing.frontend",
        "core.Namespace._.shop",
        "core.Service.shop.backend",
        "core.Service.shop.frontend",
        "policy.PodDisruptionBudget.shop.backend",
        "policy.PodDisruptionBudget.shop.frontend",
        "apps.Deployment.shop.backend",
        "apps.Deployment.shop.frontend",
    ]
    flux = load_objects((project / "out/gitops/flux/prod.yaml").read_text())
    assert [(k["metadata"]["name"], k["spec"]["path"]) for k in flux] == [
        ("prod-billing", "./out/prod/billing"),
        ("prod-shop", "./out/prod/shop"),
    ]


def test_services_and_budgets_select_their_own_namespace(project: Path) -> None:
    objects = _objects(project / "out" / "prod")
    selecting = {
        object_id(o): (o["metadata"]["namespace"], o["spec"]["selector"])
        for o in objects
        if o["kind"] in ("Service", "PodDisruptionBudget")
    }
    billing, shop = {"app.kubernetes.io/instance": "billing"}, {"app.kubernetes.io/instance": "shop"}
    assert selecting == {
        "core.Service.billing.backend": ("billing", billing | {"tier": "backend"}),
        "core.Service.billing.frontend": ("billing", billing | {"tier": "frontend"}),
        "core.Service.shop.backend": ("shop", shop | {"tier": "backend"}),
        "core.Service.shop.frontend": ("shop", shop | {"tier": "frontend"}),
        "policy.PodDisruptionBudget.billing.frontend": (
            "billing",
            {"matchLabels": billing | {"tier": "frontend"}},
        ),
        "policy.PodDisruptionBudget.shop.backend": ("shop", {"matchLabels": shop | {"tier": "backend"}}),
        "policy.PodDisruptionBudget.shop.frontend": ("shop", {"matchLabels": shop | {"tier": "frontend"}}),
    }
    # Affinity terms select by the bare tier label: only the namespace keeps the services apart.
    terms = {
        object_id(o): o["spec"]["template"]["spec"]["affinity"]
        for o in objects
        if o["kind"] == "Deployment" and o["metadata"]["name"] == "frontend"
    }
    bare = {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["backend"]}]}
    for affinity in terms.values():
        (term,) = affinity["podAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        assert term == {"labelSelector": bare, "topologyKey": "kubernetes.io/hostname"}
    assert sorted(terms) == ["apps.Deployment.billing.frontend", "apps.Deployment.shop.frontend"]


def test_diff_and_validate_see_both_services(project: Path) -> None:
    drift = run_hagen("diff", cwd=project)
    assert (drift.returncode, drift.stdout) == (0, "no drift\n")
    between = run_hagen("diff", "--target", "dev", "--against", "prod", cwd=project)
    assert between.returncode == 1
    assert [line for line in between.stdout.splitlines() if line[:2] in ("~ ", "- ", "+ ")] == [
        "~ apps.Deployment.billing.frontend  (billing/deployment-frontend.yaml)",
        "~ billing/kustomization.yaml",
        "- policy.PodDisruptionBudget.billing.frontend  (billing/poddisruptionbudget-frontend.yaml)",
        "~ apps.Deployment.shop.backend  (shop/deployment-backend.yaml)",
        "~ shop/kustomization.yaml",
        "- policy.PodDisruptionBudget.shop.backend  (shop/poddisruptionbudget-backend.yaml)",
    ]
    valid = run_hagen("validate", "--target", "prod", cwd=project)
    assert valid.returncode == 0, valid.stdout
    assert valid.stdout.splitlines()[-1] == (
        "13 objects validated against Kubernetes 1.35: 0 errors in 0 objects, 2 not validated"
    )


def test_place_keeps_each_frontend_beside_its_own_backend(project: Path) -> None:
    proc = run_hagen("place", "--target", "prod", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == (
        "target prod:\n"
        "2 node(s), 8 pod(s): 6 running, 2 Pending\n"
        "\n"
        "zone-a\n"
        "  node-1  cpu 1050m/2        memory 960Mi/8Gi         pods 4/110\n"
        "    billing/backend-1 (backend), billing/frontend-1 (frontend), shop/backend-2 (backend), "
        "shop/frontend-2 (frontend)\n"
        "zone-b\n"
        "  node-2  cpu 350m/2         memory 320Mi/8Gi         pods 2/110\n"
        "    shop/backend-1 (backend), shop/frontend-1 (frontend)\n"
        "\n"
        "Chosen among several feasible nodes (the real scheduler may pick any of them):\n"
        "  billing/backend-1 -> node-1; feasible: node-1, node-2\n"
        "  shop/backend-1 -> node-2; feasible: node-1, node-2\n"
        "  shop/frontend-1 -> node-2; feasible: node-1, node-2\n"
        "\n"
        "Pending (2):\n"
        "  billing/frontend-2 (frontend): 0/2 nodes are available: 1 node(s) didn't match pod affinity "
        "rules, 1 node(s) didn't match pod anti-affinity rules.\n"
        "  billing/frontend-3 (frontend): 0/2 nodes are available: 1 node(s) didn't match pod affinity "
        "rules, 1 node(s) didn't match pod anti-affinity rules.\n"
    )


def test_place_creates_each_blueprints_tiers_in_its_own_order(project: Path) -> None:
    proc = run_hagen("place", "--target", "prod", "--format", "json", cwd=project)
    data = json.loads(proc.stdout)["targets"]["prod"]
    assert [(p["namespace"], p["name"], p["node"]) for p in data["placements"]] == [
        ("billing", "backend-1", "node-1"),
        ("billing", "frontend-1", "node-1"),
        ("billing", "frontend-2", None),
        ("billing", "frontend-3", None),
        ("shop", "backend-1", "node-2"),
        ("shop", "backend-2", "node-1"),
        ("shop", "frontend-1", "node-2"),
        ("shop", "frontend-2", "node-1"),
    ]
    assert data["pending"] == ["billing/frontend-2", "billing/frontend-3"]


def test_rollout_of_a_tier_name_two_namespaces_share_asks_which(project: Path) -> None:
    proc = run_hagen("place", "--target", "dev", "--rollout", "backend", cwd=project)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "hagen place: error: --rollout: 'backend' names workloads in 2 namespaces; give one of: "
        "billing/backend, shop/backend\n"
    )
    proc = run_hagen("place", "--target", "dev", "--rollout", "shop/backend", cwd=project)
    assert proc.stdout.splitlines()[-4:] == [
        "Rollout of tier shop/backend (Deployment backend, 1 replica, RollingUpdate (maxSurge 0, "
        "maxUnavailable 1, keep 0 available)):",
        "  1. delete old pods: backend-1",
        "  2. create new pods: backend-2 => backend-2 -> node-1",
        "  finishes",
    ]
    data = json.loads(
        run_hagen(
            "place", "--target", "dev", "--rollout", "billing/backend", "--format", "json", cwd=project
        ).stdout
    )["targets"]["dev"]["rollout"]
    assert (data["namespace"], data["workload"], data["replicas"], data["finished"]) == (
        "billing",
        "backend",
        1,
        True,
    )


def test_check_text_names_each_namespace_workload(project: Path) -> None:
    proc = run_hagen("check", "--target", "prod", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == (
        "target prod:\n"
        "error scheduling.anti-affinity-exceeds-domains: billing/frontend apps.Deployment.billing.frontend "
        "(out/prod/billing/deployment-frontend.yaml)\n"
        "  Deployment frontend: 3 replicas with required anti-affinity over kubernetes.io/hostname, which "
        "has 2 domains: 1 pod stays Pending\n"
        "  fix: Lower the replicas, add nodes/zones, or make the anti-affinity preferred.\n"
        "error scheduling.colocated-exceeds-partner: billing/frontend apps.Deployment.billing.frontend "
        "(out/prod/billing/deployment-frontend.yaml)\n"
        "  Deployment frontend: 3 replicas must each share a kubernetes.io/hostname domain with Deployment "
        "backend (1) while repelling each other: at most 1 can run\n"
        "  fix: Give the tier at most as many replicas as its partner, or relax one of the two affinities.\n"
        "error scheduling.pending-pods: billing/frontend apps.Deployment.billing.frontend "
        "(out/prod/billing/deployment-frontend.yaml)\n"
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


def test_report_graph_colours_each_tier_as_its_pods(project: Path, tmp_path: Path) -> None:
    proc = run_hagen("report", "--target", "prod", "-o", str(tmp_path), cwd=project)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "prod.html").read_text()
    chips = set(re.findall(r'fill="(#[0-9a-f]{6})"><title>(\w+)/(\w+)-\d \(\w+\)</title>', page))
    pods = {(ns, name): color for color, ns, name in chips}
    assert pods == {
        ("billing", "backend"): "#0072b2",
        ("billing", "frontend"): "#e69f00",
        ("shop", "backend"): "#009e73",
        ("shop", "frontend"): "#cc79a7",
    }
    # Graphviz draws each blueprint's graph in the blueprints' order; a tier node's first fill is its colour.
    nodes = re.findall(r"<title>tier:(\w+)</title>\s*<[^>]*fill=\"(#[0-9a-f]{6})\"", page)
    assert nodes == [
        ("backend", "#0072b2"),
        ("frontend", "#e69f00"),
        ("backend", "#009e73"),
        ("frontend", "#cc79a7"),
    ]


EXTRA = (
    '    objects = [{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}, '
    '"metadata": {"name": "extra", "labels": {"app.kubernetes.io/instance": "payments"}}}]\n'
)


def test_report_draws_a_removed_object_in_its_own_blueprints_graph(tmp_path: Path) -> None:
    """shop (the second graph) drops an extra object whose instance label names no blueprint: it is drawn
    as removed in shop's graph, the folder it was written to, not in the first graph (billing's)."""
    root = write_project(tmp_path / "p")
    shop = root / "blueprints" / "shop.py"
    plain = shop.read_text()
    shop.write_text(
        plain.replace("    bare_tier_selectors = True\n", "    bare_tier_selectors = True\n" + EXTRA)
    )
    assert run_hagen("synth", cwd=root).returncode == 0
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        git = ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", *args]
        subprocess.run(git, cwd=root, check=True, capture_output=True)
    shop.write_text(plain)
    assert run_hagen("synth", cwd=root).returncode == 0
    proc = run_hagen("report", "--base", "HEAD", "--target", "prod", "-o", str(tmp_path / "r"), cwd=root)
    assert proc.returncode == 0, proc.stderr
    rows = re.findall(r"<tr>(.*?)</tr>", (tmp_path / "r" / "prod.html").read_text(), re.S)
    text = [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))).strip() for row in rows]
    assert [row for row in text if row.endswith("ConfigMap extra")] == [
        "blueprint shop (namespace shop) owns ConfigMap extra"
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
    return [o for o in _objects(project / "out" / "prod") if o["kind"] != "Kustomization"]


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
        _objects(project / "out" / "prod") if source == "prod" else load_objects(files[source].read_text())
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

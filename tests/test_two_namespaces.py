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

import pytest

from hagen._objects import object_id
from hagen._yaml import load_objects

from ._two_namespaces import objects_in, synthesized, write_project
from .conftest import run_hagen


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthesized(tmp_path_factory.mktemp("platform"))


def test_synth_gives_each_namespace_itsobjects_in(project: Path) -> None:
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
    objects = objects_in(project / "out" / "prod")
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

"""Blueprints synthesized together run on one cluster: `hagen place`, `hagen check` and `hagen report`
(and `hagen.place`, `hagen.check`) place them on the same profile. The example project (shop declares
1930m-cpu, 7Gi nodes) with a second blueprint, blog, that declares none: blog shares shop's nodes in every
command. Two blueprints declaring different profiles, with nothing to settle it, are refused (exit 2)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import hagen

from .conftest import ROOT, run_hagen

BLOG = """
from hagen import Blueprint, ClusterProfile, Port, Resources, Tier, colocate, separate


class Blog(Blueprint):
    name = "blog"
    namespace = "blog"{cluster}
    tiers = [
        Tier(name="backend", image="registry.example.com/blog/backend:1.0.0", replicas=2,
             ports=[Port(name="http", port=8080)], resources=Resources(cpu="1700m", memory="256Mi"),
             placement=[separate()]),
        Tier(name="frontend", image="registry.example.com/blog/frontend:1.0.0", replicas=2,
             ports=[Port(name="http", port=8080, service_port=80)],
             placement=[separate(), colocate("backend")]),
    ]
"""

OWN_CLUSTER = '\n    cluster = ClusterProfile.shorthand(nodes=2, zones=2, cpu="4", memory="7Gi")'

PLACED = """\
target prod:
2 node(s), 8 pod(s): 4 running, 4 Pending

zone-a
  node-1  cpu 1800m/1930m    memory 384Mi/7Gi         pods 2/110
    blog/backend-1 (backend), blog/frontend-1 (frontend)
zone-b
  node-2  cpu 1800m/1930m    memory 384Mi/7Gi         pods 2/110
    blog/backend-2 (backend), blog/frontend-2 (frontend)

Chosen among several feasible nodes (the real scheduler may pick any of them):
  blog/backend-1 -> node-1; feasible: node-1, node-2
  blog/frontend-1 -> node-1; feasible: node-1, node-2

Pending (4):
  shop/backend-1 (backend): 0/2 nodes are available: 2 Insufficient cpu.
  shop/backend-2 (backend): 0/2 nodes are available: 2 Insufficient cpu.
  shop/frontend-1 (frontend): 0/2 nodes are available: 2 node(s) didn't match pod affinity rules.
  shop/frontend-2 (frontend): 0/2 nodes are available: 2 node(s) didn't match pod affinity rules.

note: Helm release jenkins not placed: release jenkins: no local copy of chart jenkins to render
"""

PENDING = [
    (
        "apps.Deployment.shop.backend",
        "2 pod(s) stay Pending (shop/backend-1, shop/backend-2): 0/2 nodes are available: "
        "2 Insufficient cpu.",
    ),
    (
        "apps.Deployment.shop.frontend",
        "2 pod(s) stay Pending (shop/frontend-1, shop/frontend-2): 0/2 nodes are available: "
        "2 node(s) didn't match pod affinity rules.",
    ),
]

REFUSED = (
    "blueprints/blog.py: Blog and blueprints/shop.py: Shop declare different cluster profiles "
    "(node cpu 4 vs 1930m), but blueprints deployed together run on one cluster: declare cluster= in one "
    "blueprint only (the others share it), or set what differs in the target's profile (profile in "
    "hagen.toml, or cluster: in targets/<target>.yaml)\n"
)


def _project(root: Path, cluster: str = "") -> Path:
    """The example project (hagen.toml, blueprints/, targets/, out/) with blog beside shop."""
    for name in ("blueprints", "targets", "out"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "hagen.toml", root / "hagen.toml")
    (root / "blueprints" / "blog.py").write_text(BLOG.format(cluster=cluster))
    return root


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("shared"))


def test_place_puts_the_undeclared_blueprint_on_the_declared_nodes(shared: Path) -> None:
    proc = run_hagen("place", "--target", "prod", cwd=shared)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, PLACED, "")


def test_check_finds_the_pending_pods_place_shows(shared: Path) -> None:
    proc = run_hagen("check", "--target", "prod", "--format", "json", cwd=shared)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["targets"]["prod"]["findings"]
    pending = [(f["object_id"], f["message"]) for f in findings if f["id"] == "scheduling.pending-pods"]
    assert pending == PENDING
    result = hagen.check(None, target="prod", project=hagen.load_project(shared))
    assert [(f.object_id, f.message) for f in result.findings if f.id == "scheduling.pending-pods"] == PENDING


def test_report_shows_the_pending_pods_place_and_check_show(shared: Path, tmp_path: Path) -> None:
    proc = run_hagen("report", "--target", "prod", "-o", str(tmp_path / "report"), cwd=shared)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "report" / "prod.html").read_text()
    assert "2 nodes, 8 pods: 4 running, 4 Pending" in page
    shown = sorted(set(re.findall(r"shop/(?:backend|frontend)-\d", page)))
    assert shown == ["shop/backend-1", "shop/backend-2", "shop/frontend-1", "shop/frontend-2"]
    for _, message in PENDING:
        assert message.replace("'", "&#39;") in page


def test_target_build_gives_the_undeclared_blueprint_the_declared_profile(shared: Path) -> None:
    project = hagen.load_project(shared)
    specs = {s.name: s for s in hagen.build_target(project, "prod").specs}
    assert specs["blog"].cluster == specs["shop"].cluster
    assert specs["blog"].cluster == hagen.ClusterProfile.shorthand(2, 2, "1930m", "7Gi")


@pytest.mark.parametrize("command", ["place", "check", "report"])
@pytest.mark.parametrize("target", [("--target", "prod"), ("blueprints",)])
def test_two_different_profiles_are_refused(tmp_path: Path, command: str, target: tuple[str, ...]) -> None:
    root = _project(tmp_path, OWN_CLUSTER)
    output = ("-o", str(tmp_path / "report")) if command == "report" else ()
    proc = run_hagen(command, *target, *output, cwd=root)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"hagen {command}: error: {REFUSED}")
    assert not (tmp_path / "report").exists()


def test_flags_that_make_the_profiles_one_settle_it(tmp_path: Path) -> None:
    root = _project(tmp_path, OWN_CLUSTER)
    proc = run_hagen("place", "--target", "prod", "--node-cpu", "3", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1:5] == [
        "2 node(s), 8 pod(s): 8 running, 0 Pending",
        "",
        "zone-a",
        "  node-1  cpu 2150m/3        memory 704Mi/7Gi         pods 4/110",
    ]
    # --nodes leaves the node size to the blueprints, which still disagree on it
    proc = run_hagen("place", "--target", "prod", "--nodes", "3", cwd=root)
    assert (proc.returncode, proc.stderr) == (2, f"hagen place: error: {REFUSED}")


def test_place_api_on_syntheses_refuses_two_profiles_and_shares_one(tmp_path: Path) -> None:
    root = _project(tmp_path, OWN_CLUSTER)
    loaded = hagen.load_blueprints([root / "blueprints"], project=hagen.load_project(root))
    specs = {s.name: s for s in loaded}
    syntheses = [hagen.synthesize(specs["blog"]), hagen.synthesize(specs["shop"])]
    with pytest.raises(hagen.InputError) as refused:
        hagen.place(syntheses)
    assert str(refused.value) == REFUSED.rstrip("\n").replace("blueprints/", f"{root}/blueprints/")
    undeclared = specs["blog"].model_copy(update={"cluster": None})
    placed = hagen.place([hagen.synthesize(undeclared), syntheses[1]])
    assert placed.cluster == specs["shop"].cluster
    assert [placed.simulation.pod_name(p.pod) for p in placed.simulation.pending] == [
        "shop/backend-1",
        "shop/backend-2",
        "shop/frontend-1",
        "shop/frontend-2",
    ]

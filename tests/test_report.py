"""hagen report: the resource graph from objects, the page's sections, the pull-request summary, and the
CLI's folder rules, through the real entry point."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import hagen
from hagen._report import Mark, build_graph
from hagen._report._render import MAX_SUMMARY, _env, summary_markdown
from tests._report_project import make_project
from tests.conftest import ROOT, run_hagen


def _example_graph() -> Any:
    spec = next(s for s in hagen.load_blueprints([ROOT / "blueprints"]) if s.name == "shop")
    return build_graph(hagen.synthesize(spec))


def test_example_graph_draws_tiers_storage_chain_calls_and_release() -> None:
    graph = _example_graph()
    assert {"tier:backend", "tier:frontend", "outside", "release:jenkins", "prov:ebs.csi.aws.com"} <= set(
        graph.nodes
    )
    rows = {(r.kind, r.name) for r in graph.nodes["tier:backend"].rows}
    assert ("Deployment", "backend") in rows and ("Service", "backend") in rows
    edges = {(e.src, e.dst): e.label for e in graph.edges}
    assert edges[("tier:frontend", "tier:backend")] == "connects_to · NetworkPolicy allows"
    assert "LoadBalancer Service" in edges[("outside", "tier:frontend")]
    assert ("outside", "tier:backend") not in edges  # the backend is reachable from the frontend only
    gp3 = "obj:storage.k8s.io.StorageClass._.gp3"
    assert (("release:jenkins", gp3) in edges) and ((gp3, "prov:ebs.csi.aws.com") in edges)
    addon = graph.nodes["addon:aws-ebs-csi-driver"]
    assert not addon.missing and addon.note.startswith("declared")


def _synthesis(objects: list[dict[str, Any]]) -> Any:
    tier = SimpleNamespace(name="web", connects_to=())
    spec = SimpleNamespace(name="demo", namespace="demo", tiers=[tier], releases=(), csi_drivers=())
    return SimpleNamespace(blueprint=spec, objects=objects, values={}, extras={})


def _obj(kind: str, name: str, api: str = "v1", **rest: Any) -> dict[str, Any]:
    labels = rest.pop("labels", {})
    return {
        "apiVersion": api,
        "kind": kind,
        "metadata": {"name": name, "namespace": "demo", "labels": labels},
        **rest,
    }


def test_graph_follows_references_of_any_kind() -> None:
    pod = {
        "metadata": {"labels": {"app": "web"}},
        "spec": {
            "containers": [
                {
                    "name": "c",
                    "envFrom": [{"configMapRef": {"name": "web-config"}}],
                    "env": [
                        {"name": "P", "valueFrom": {"secretKeyRef": {"name": "db-password", "key": "p"}}}
                    ],
                }
            ],
            "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "web-data"}}],
        },
    }
    tier = {"app.kubernetes.io/component": "web"}
    objects = [
        _obj("Deployment", "web", "apps/v1", labels=tier, spec={"replicas": 3, "template": pod}),
        _obj(
            "HorizontalPodAutoscaler",
            "web",
            "autoscaling/v2",
            labels=tier,
            spec={"minReplicas": 3, "maxReplicas": 9},
        ),
        _obj("ConfigMap", "web-config", labels=tier),
        _obj("PersistentVolumeClaim", "web-data", spec={}),
        _obj("Service", "web", labels=tier, spec={"selector": {"app": "web"}, "ports": [{"port": 80}]}),
        _obj(
            "Ingress",
            "web",
            "networking.k8s.io/v1",
            spec={"rules": [{"http": {"paths": [{"backend": {"service": {"name": "web"}}}]}}]},
        ),
    ]
    graph = build_graph(_synthesis(objects), {"apps.Deployment.demo.web": Mark("changed", "rollout")})
    rows = {r.kind: r for r in graph.nodes["tier:web"].rows}
    assert rows["HorizontalPodAutoscaler"].detail == "3–9 replicas"
    assert rows["Deployment"].mark == Mark("changed", "rollout")
    edges = {(e.src, e.dst) for e in graph.edges}
    assert ("tier:web", "obj:core.ConfigMap.demo.web-config") in edges
    secret = graph.nodes["obj:core.Secret.demo.db-password"]
    assert secret.missing and ("tier:web", secret.key) in edges  # referenced, created elsewhere
    claim = "obj:core.PersistentVolumeClaim.demo.web-data"
    assert (claim, "obj:storage.k8s.io.StorageClass._.(cluster default)") in edges
    ingress = "obj:networking.k8s.io.Ingress.demo.web"
    assert ("outside", ingress) in edges and (ingress, "tier:web") in edges


def test_summary_stays_within_a_pull_request_comment() -> None:
    callouts = [
        f"REFUSED apps.StatefulSet.ns.db-{i}: {'spec.volumeClaimTemplates ' * 5}" for i in range(3000)
    ]
    lines = [
        {
            "name": "prod",
            "page": "prod.html",
            "placement": "",
            "errors": 0,
            "warnings": 0,
            "schema": 0,
            "verdict": "refused",
            "callouts": callouts,
            "description": "",
            "pending": 0,
            "counts": {},
        }
    ]
    options = hagen.ReportOptions(base="origin/main", link="https://pages.example.com/pr-7/")
    text = summary_markdown(_env(), lines, options)
    assert len(text) <= MAX_SUMMARY
    assert "[prod](https://pages.example.com/pr-7/prod.html)" in text and "**REFUSED**" in text
    assert re.search(r"and \d+ more: see the report", text)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("report") / "proj")


def test_cli_writes_pages_verdict_banner_pending_reasons_and_summary(project: Path) -> None:
    result = run_hagen(
        "report", "--base", "HEAD", "--format", "markdown", "--link", "https://ci/run/1", cwd=project
    )
    assert result.returncode == 0, result.stderr
    page = (project / "report" / "index.html").read_text()
    banner = re.search(r'<div class="banner refused"[^>]*>(.*?)</div>', page, re.S)
    assert banner and "REFUSED" in banner.group(1) and "storage.k8s.io.StorageClass._.fast" in banner.group(1)
    assert (
        "api-2" in page
        and "0/1 nodes are available: 1 node(s) didn&#39;t match pod anti-affinity rules." in page
    )
    marked = (
        r'fill="#fbe5b4".*?>~</text>\n<text[^>]*> Deployment api &#160;×2 </text>\n'
        r"<text[^>]*>\(changed, rollout\)<"
    )
    assert re.search(marked, page, re.S)  # the graph marks the Deployment: sign, tint and verdict
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert result.stdout == (project / "report" / "summary.md").read_text()
    assert "| blueprints (`index.html`) | 1 node, 3 pods: 2 running, 1 Pending |" in result.stdout
    assert "is in the `report` artefact of https://ci/run/1" in result.stdout
    assert "`REFUSED storage.k8s.io.StorageClass._.fast: parameters.iops`" in result.stdout


def test_same_bytes_every_run_and_time_only_when_asked(project: Path) -> None:
    first = hagen.report(options=hagen.ReportOptions(base="HEAD"), project=hagen.load_project(project))
    second = hagen.report(options=hagen.ReportOptions(base="HEAD"), project=hagen.load_project(project))
    assert first == second and "<!--" not in first["index.html"]
    assert not re.search(r"\d{4}-\d\d-\d\d", first["index.html"])
    stamped = run_hagen("report", "-o", "stamped", "--timestamp", cwd=project, env={"SOURCE_DATE_EPOCH": "0"})
    assert (
        stamped.returncode == 0
        and "on 1970-01-01 00:00 UTC" in (project / "stamped" / "index.html").read_text()
    )


def test_cli_refuses_out_and_files_it_did_not_write(project: Path) -> None:
    inside = run_hagen("report", "-o", "out/report", cwd=project)
    assert inside.returncode == 2
    assert (
        "hagen report: error: -o out/report: inside out/, which holds only what hagen synth writes"
        in inside.stderr
    )
    (project / "mine").mkdir()
    (project / "mine" / "index.html").write_text("my page")
    foreign = run_hagen("report", "-o", "mine", cwd=project)
    assert foreign.returncode == 2 and "hagen did not generate index.html" in foreign.stderr
    assert (project / "mine" / "index.html").read_text() == "my page"


def test_without_dot_the_page_says_so_and_lists_the_graph(project: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    git = shutil.which("git")
    assert git is not None
    os.symlink(git, bin_dir / "git")
    result = run_hagen("report", "-o", str(tmp_path / "r"), cwd=project, env={"PATH": str(bin_dir)})
    assert result.returncode == 0, result.stderr
    assert "note: Graphviz's dot is not installed" in result.stdout
    page = (tmp_path / "r" / "index.html").read_text()
    assert "the resource graph needs Graphviz&#39;s `dot` program, which is not installed" in page
    assert '<td data-label="from">tier api</td>' in page  # the table behind the picture


def test_pending_chip_hover_lists_each_node_reason(project: Path) -> None:
    page = hagen.report(project=hagen.load_project(project))["index.html"]
    chip = re.search(r"<title>(api-2 \(api\): [^<]*)</title>", page)
    assert chip is not None
    assert chip.group(1).splitlines() == [
        "api-2 (api): 0/1 nodes are available: 1 node(s) didn&#39;t match pod anti-affinity rules.",
        "node-1: node(s) didn&#39;t match pod anti-affinity rules",
    ]


def test_rollout_and_failure_simulations_on_the_page(tmp_path: Path) -> None:
    args = ["report", "--target", "prod", "--rollout", "backend", "--fail", "zone=zone-a"]
    result = run_hagen(*args, "-o", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "r" / "prod.html").read_text()
    assert "<h3>Rollout of tier backend (Deployment backend, 2 replicas)</h3>" in page
    assert '<p class="verdict">finishes</p>' in page
    assert "<h3>Failure of zone=zone-a (nodes node-1)</h3>" in page
    assert '<p class="verdict">every tier keeps a running pod</p>' in page


def test_each_target_page_names_and_marks_its_own_copy_of_a_shared_object(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "hagen.toml").write_text('blueprints = ["blueprints"]\n[targets.dev]\n[targets.prod]\n')
    project = hagen.load_project(make_project(root))
    files = hagen.report(options=hagen.ReportOptions(base="HEAD", markdown=True), project=project)
    for target in ("dev", "prod"):  # both write the cluster-scoped StorageClass fast
        page = files[f"{target}.html"]
        assert "<li><code>REFUSED storage.k8s.io.StorageClass._.fast: parameters.iops</code></li>" in page
        assert "fast#2" not in page
        assert re.search(r">StorageClass fast</text>\n<text[^>]*>~ changed, refused<", page)  # graph mark
    assert "fast#2" not in files["summary.md"]


def test_an_unknown_base_revision_is_named_and_nothing_is_written(project: Path) -> None:
    for command in (["report", "-o", "nobase"], ["diff"]):
        result = run_hagen(*command, "--base", "no-such-rev", cwd=project)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == (
            f"hagen {command[0]}: error: --base no-such-rev: no such commit in the git repository at "
            f"{project.resolve()} (a branch, tag or commit, e.g. origin/main or HEAD~1)\n"
        )
    assert not (project / "nobase").exists()

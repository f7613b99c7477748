"""Every command that shows the same thing says the same notes: the recovery of an interrupted write of out/
(`hagen report --base`, as `hagen diff --base` says it), a Helm release not hydrated (`hagen check` in text,
JSON and SARIF, `hagen diff` in every format, the report's pages, index and summary, as `hagen synth` says
it); and `hagen check` names out/ files only once they exist."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import hagen
from hagen._output import write_tree
from tests._killed_write import interrupted
from tests._report_project import make_project
from tests.conftest import run_hagen

FINISHED = "out: finished the write an interrupted `hagen synth` had committed (its new files are in)"
NOT_HYDRATED = (
    "release jenkins not hydrated: no local copy of chart jenkins 5.9.53 (give --chart jenkins=PATH or "
    "chart_path=, or `helm pull` it); values only"
)
NOT_PLACED = "Helm release jenkins not placed: release jenkins: no local copy of chart jenkins to render"

CI_BLUEPRINT = """
from hagen import Blueprint, ClusterProfile, Jenkins, Port, Tier


class Ci(Blueprint):
    name = "ci"
    namespace = "ci"
    cluster = ClusterProfile.shorthand(nodes=1, zones=1, cpu="2", memory="4Gi")
    tiers = [Tier(name="api", image="registry.example.com/api:1.0.0", replicas=1,
                  ports=[Port(name="http", port=8080)])]
    releases = [Jenkins(hydrate=True)]
"""

LATEST_BLUEPRINT = """
from hagen import Blueprint, Port, Tier


class App(Blueprint):
    name = "app"
    namespace = "app"
    tiers = [Tier(name="api", image="registry.example.com/api:latest", allow_latest=True, replicas=2,
                  ports=[Port(name="http", port=8080)])]
"""


def _notes_div(html: str) -> list[str]:
    found = re.search(r'<div class="notes" id="notes" role="note">(.*?)</div>', html, re.S)
    return re.findall(r'<p class="missing">note: (.*?)</p>', found.group(1)) if found else []


def test_report_base_says_it_finished_an_interrupted_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p")
    bp = root / "blueprints" / "app.py"
    bp.write_text(bp.read_text().replace("api:1.1.0", "api:1.2.0").replace("db:16.1", "db:16.2"))
    monkeypatch.chdir(root)
    planned = {p: t for p, t in hagen.plan([root / "blueprints"]).items() if p != ".hagen-owned"}
    interrupted(monkeypatch, planned, root / "out", "applied")
    result = run_hagen("report", "--base", "HEAD", "-o", "rep", "--format", "markdown", cwd=root)
    assert result.returncode == 0, result.stderr
    assert f"note: {FINISHED}\n" in result.stderr  # as `hagen diff --base` says it
    assert not (root / "out" / ".hagen-staging").exists()
    assert _notes_div((root / "rep" / "index.html").read_text()) == [FINISHED]
    assert f"\n- note: {FINISHED}\n" in (root / "rep" / "summary.md").read_text()
    assert f"\n- note: {FINISHED}\n" in result.stdout  # the summary printed
    # nothing left to recover: the next run says nothing
    again = run_hagen("report", "--base", "HEAD", "-o", "rep", cwd=root)
    assert "note:" not in again.stderr and _notes_div((root / "rep" / "index.html").read_text()) == []


def test_report_says_it_finished_an_interrupted_write_of_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p")
    rep = root / "rep"
    write_tree({"old.html": "old\n"}, rep)
    interrupted(monkeypatch, {"a.html": "a\n", "b.html": "b\n"}, rep, "applied")
    result = run_hagen("report", "-o", "rep", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "note: rep: finished the write an interrupted `hagen synth` had committed (its new files are in)\n"
    )
    assert sorted(p.name for p in rep.iterdir()) == [".hagen-owned", "index.html"]


@pytest.fixture
def ci_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A blueprint whose Jenkins release asks to be hydrated, no chart copy anywhere, synthesized."""
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "ci.py").write_text(CI_BLUEPRINT)
    empty = tmp_path / "helm-cache"
    empty.mkdir()
    env = {"HELM_REPOSITORY_CACHE": str(empty)}
    synth = run_hagen("synth", cwd=tmp_path, env=env)
    assert synth.returncode == 0, synth.stderr
    assert f"note: {NOT_HYDRATED}\n" in synth.stderr  # what every other command must say too
    return tmp_path, env


def test_check_says_a_release_was_not_hydrated_in_every_format(
    ci_project: tuple[Path, dict[str, str]],
) -> None:
    root, env = ci_project
    text = run_hagen("check", cwd=root, env=env).stdout
    assert text.endswith(f"\nnote: {NOT_HYDRATED}\n0 errors, 2 warnings, 1 info (0 suppressed)\n")
    assert json.loads(run_hagen("check", "--format", "json", cwd=root, env=env).stdout)["notes"] == [
        NOT_HYDRATED
    ]
    [run] = json.loads(run_hagen("check", "--format", "sarif", cwd=root, env=env).stdout)["runs"]
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [{"level": "note", "message": {"text": NOT_HYDRATED}}],
        }
    ]


def test_diff_says_a_release_was_not_hydrated_in_every_format(
    ci_project: tuple[Path, dict[str, str]],
) -> None:
    root, env = ci_project
    human = run_hagen("diff", cwd=root, env=env)
    assert (human.returncode, human.stdout, human.stderr) == (0, "no drift\n", f"note: {NOT_HYDRATED}\n")
    assert json.loads(run_hagen("diff", "--format", "json", cwd=root, env=env).stdout)["notes"] == [
        NOT_HYDRATED
    ]
    github = run_hagen("diff", "--format", "github", cwd=root, env=env).stdout
    assert github == f"::notice title=hagen diff%3A note::{NOT_HYDRATED}\nno drift\n"
    markdown = run_hagen("diff", "--format", "markdown", cwd=root, env=env).stdout
    assert f"\n- note: {NOT_HYDRATED}\n\n`out/` → `hagen synth`" in markdown


def test_report_says_a_release_was_not_hydrated_nor_placed(ci_project: tuple[Path, dict[str, str]]) -> None:
    root, env = ci_project
    result = run_hagen("report", "-o", "rep", "--format", "markdown", cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith(f"note: {NOT_HYDRATED}\nnote: {NOT_PLACED}\n")
    page = (root / "rep" / "index.html").read_text()
    assert _notes_div(page) == [NOT_HYDRATED]  # the whole page: the chart's objects are in no section
    assert f'<p class="missing">note: {NOT_PLACED}</p>' in page  # in the placement, as `hagen place`
    assert f"\n- note: {NOT_HYDRATED}\n- note: {NOT_PLACED}\n" in result.stdout
    place = run_hagen("place", cwd=root, env=env)
    assert place.stdout.endswith(f"\nnote: {NOT_PLACED}\n")


def test_check_points_at_the_blueprint_until_synth_wrote_the_file(tmp_path: Path) -> None:
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "app.py").write_text(LATEST_BLUEPRINT)
    (tmp_path / "out").mkdir()  # empty: nothing synthesized yet

    def where(fmt: str) -> str:
        output = run_hagen("check", "--format", fmt, cwd=tmp_path).stdout
        if fmt == "text":
            return output.splitlines()[0]
        if fmt == "json":
            [finding] = json.loads(output)["findings"]
            return str(finding["file"])
        [result] = json.loads(output)["runs"][0]["results"]
        return str(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])

    head = "warning workload.image-latest: app/api apps.Deployment.app.api"
    assert [where(f) for f in ("text", "json", "sarif")] == [
        f"{head} (blueprints/app.py)",
        "blueprints/app.py",
        "blueprints/app.py",
    ]
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    assert [where(f) for f in ("text", "json", "sarif")] == [
        f"{head} (out/app/deployment-api.yaml:4)",  # its document, after the header
        "out/app/deployment-api.yaml",
        "out/app/deployment-api.yaml",
    ]


def test_api_report_and_plan_carry_the_notes(ci_project: tuple[Path, dict[str, str]]) -> None:
    root, env = ci_project
    project = hagen.load_project(root, env={**os.environ, **env})
    sources = [root / "blueprints"]
    assert hagen.plan(sources, project=project).notes == [NOT_HYDRATED]
    assert hagen.report(sources, project=project).notes == [NOT_HYDRATED, NOT_PLACED]
    assert hagen.diff_output(sources, root / "out", project=project).notes == (NOT_HYDRATED,)

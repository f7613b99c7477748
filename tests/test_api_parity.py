"""Every command is also a function: `hagen.check`, `hagen.place` and `hagen.plan` given a project with a
release declared hydrate=True give what `hagen check`, `hagen place` and `hagen synth` give (one code
path), with the chart copy at hand and without it (the rendered objects kept as committed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import hagen
from tests.test_helm_keys import JENKINS_CHART_DIR
from tests.test_hydrate_chart import CHART, KEPT, NOT_HYDRATED
from tests.test_hydrate_committed import STALE, _committed, _engine, _hagen, _hydra  # noqa: F401

KEPT_FILES = [
    "hydra/helm/hydra/configmap-hydra-settings.yaml",
    "hydra/helm/hydra/customresourcedefinition-widgets.example.com.yaml",
    "hydra/helm/hydra/job-hydra-migrate.yaml",
    "hydra/helm/hydra/kustomization.yaml",
    "hydra/helm/hydra/provenance.yaml",
    "hydra/helm/hydra/secret-hydra-password.yaml",
]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _planned(planned: hagen.Planned) -> dict[str, bytes]:
    return {path: text.encode() for path, text in planned.items()}


def _notes(stderr: str) -> list[str]:
    return [line.removeprefix("note: ") for line in stderr.splitlines() if line.startswith("note: ")]


@pytest.mark.parametrize("with_chart", [True, False], ids=["chart", "committed"])
def test_check_of_a_path_is_hagen_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_chart: bool
) -> None:
    project = _committed(tmp_path)
    monkeypatch.chdir(project)
    flags = ["--chart", f"hydra={CHART}"] if with_chart else []
    context = hagen.load_project(charts={"hydra": CHART} if with_chart else {}, env={})
    for form, render in (("json", hagen.json_report), ("sarif", hagen.sarif_report)):
        cli = _hagen(project, "check", "--format", form, *flags)
        result = hagen.check("blueprints", project=context)
        if form == "sarif":
            assert cli.stdout == hagen.sarif_report(result, default_uri="hagen.toml")
        else:
            assert cli.stdout == render(result)
        assert cli.returncode == 1  # the Secret's plaintext value
    assert list(result.notes) == _notes(cli.stderr)
    expected_notes = [] if with_chart else [NOT_HYDRATED[6:-1], KEPT[6:-1]]
    assert list(result.notes) == expected_notes
    on_rendered = [
        (f.id, f.object_id, f.file, f.line)
        for f in result.findings
        if f.object_id and "hydra-" in f.object_id
    ]
    assert on_rendered == [
        (
            "secret.plaintext-secret",
            "core.Secret.hydra.hydra-password",
            "out/hydra/helm/hydra/secret-hydra-password.yaml",
            5,
        ),
        (
            "workload.may-run-as-root",
            "batch.Job.hydra.hydra-migrate",
            "out/hydra/helm/hydra/job-hydra-migrate.yaml",
            6,
        ),
        (
            "workload.no-resource-requests",
            "batch.Job.hydra.hydra-migrate",
            "out/hydra/helm/hydra/job-hydra-migrate.yaml",
            6,
        ),
        (
            "workload.privilege-escalation",
            "batch.Job.hydra.hydra-migrate",
            "out/hydra/helm/hydra/job-hydra-migrate.yaml",
            6,
        ),
    ]
    assert result.sources == {"hydra": "blueprints/hydra.py"}


@pytest.mark.parametrize("with_chart", [True, False], ids=["chart", "committed"])
def test_place_of_a_path_is_hagen_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_chart: bool
) -> None:
    project = _committed(tmp_path)
    monkeypatch.chdir(project)
    flags = ["--chart", f"hydra={CHART}"] if with_chart else []
    cli = json.loads(
        _hagen(project, "place", "--nodes", "1", "--zones", "1", "--format", "json", *flags).stdout
    )
    context = hagen.load_project(charts={"hydra": CHART} if with_chart else {}, env={})
    placed = hagen.place("blueprints", hagen.ClusterProfile.shorthand(nodes=1, zones=1), project=context)
    placements = [(p.pod.name, p.pod.namespace, p.node) for p in placed.simulation.placements]
    assert placements == [(p["name"], p["namespace"], p["node"]) for p in cli["placements"]]
    assert placements == [("hydra-migrate", "hydra", "node-1")]
    assert placed.notes == cli.get("notes", []) == ([] if with_chart else [NOT_HYDRATED[6:-1], KEPT[6:-1]])


def test_plan_is_what_synth_writes_with_and_without_the_chart_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _hydra(tmp_path)
    monkeypatch.chdir(project)
    with_chart = hagen.load_project(charts={"hydra": CHART}, env={})
    without = hagen.load_project(env={})
    # A fresh out/: with the chart, everything hydration makes; without it, the values only.
    planned = hagen.plan(project=with_chart)
    assert planned.notes == []
    first = _hagen(project, "synth", "--chart", f"hydra={CHART}")
    assert (first.returncode, first.stderr) == (0, "")
    assert _planned(planned) == _tree(project / "out")
    assert sorted(set(planned) - set(hagen.plan(project=without, out_dir=tmp_path / "fresh"))) == KEPT_FILES
    fresh = _hagen(project, "synth", "-o", "fresh")
    assert fresh.returncode == 0, fresh.stderr
    bare = hagen.plan(project=without, out_dir="fresh")
    assert _planned(bare) == _tree(project / "fresh")
    assert bare.notes == _notes(fresh.stderr) == [NOT_HYDRATED[6:-1]]
    # Without the chart over the committed out/: the rendered files synth keeps, and its notes.
    kept = hagen.plan(project=without)
    again = _hagen(project, "synth")
    assert again.stdout == "hagen synth: 1 blueprint -> out/: 0 written, 10 unchanged, 0 removed\n"
    assert _planned(kept) == _tree(project / "out")
    assert kept.notes == _notes(again.stderr) == [NOT_HYDRATED[6:-1], KEPT[6:-1]]
    assert sorted(set(kept) - set(bare)) == KEPT_FILES


def test_plan_leaves_stale_rendered_files_out_as_synth_removes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _committed(tmp_path)
    _hydra(tmp_path, password="other")
    monkeypatch.chdir(project)
    planned = hagen.plan(project=hagen.load_project(env={}))
    diff = _hagen(project, "diff")
    assert diff.returncode == 1
    written = _hagen(project, "synth")
    assert _planned(planned) == _tree(project / "out")
    assert planned.notes == _notes(written.stderr) == _notes(diff.stderr) == [NOT_HYDRATED[6:-1], STALE[6:-1]]
    assert [p for p in planned if "/helm/" in p] == ["hydra/helm/hydra/values.yaml"]


def test_plan_targets_is_what_synth_writes_for_a_target_that_hydrates_jenkins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not JENKINS_CHART_DIR.is_dir():
        pytest.skip(f"{JENKINS_CHART_DIR} missing")
    from tests.test_helm_hydrate import _project

    project = _project(tmp_path)
    monkeypatch.chdir(project)
    shutil.rmtree(project / "out", ignore_errors=True)
    chart = f"jenkins={JENKINS_CHART_DIR}"
    planned = hagen.plan(project=hagen.load_project(charts={"jenkins": JENKINS_CHART_DIR}, env={}))
    assert _hagen(project, "synth", "--chart", chart).returncode == 0
    assert _planned(planned) == _tree(project / "out")
    kept = hagen.plan(project=hagen.load_project(env={}))
    again = _hagen(project, "synth")
    assert _planned(kept) == _tree(project / "out") == _planned(planned)
    assert "prod/shop/helm/jenkins/statefulset-jenkins.yaml" in kept
    assert kept.notes == _notes(again.stderr)
    assert (
        kept.notes[-1] == "prod/shop/helm/jenkins: rendered objects kept as committed (no chart copy here); "
        "their values match"
    )
    check = _hagen(project, "check", "--target", "prod", "--format", "json")
    result = hagen.check(None, target="prod", project=hagen.load_project(env={}))
    assert json.loads(check.stdout)["targets"]["prod"] == json.loads(hagen.json_report(result))
    assert list(result.notes) == _notes(check.stderr)

"""`hagen validate` reads out/ as synth left it: a write a killed `hagen synth` left half-applied is
finished or discarded first, and said as `hagen synth` and `hagen diff` say it (stderr, JSON, the API's
report notes), whether out/ is read by default, for each target or through a PATH inside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hagen
from tests._killed_write import interrupted
from tests.conftest import run_hagen

APP = """
from hagen import Blueprint, Port, Tier


class App(Blueprint):
    name = "app"
    namespace = "app"
    tiers = [Tier(name="api", image="registry.example.com/api:{version}", replicas=2,
                  ports=[Port(name="http", port=80{version[0]}0)])]
"""

FINISHED = "out: finished the write an interrupted `hagen synth` had committed (its new files are in)"
DISCARDED = "out: discarded the write an interrupted `hagen synth` had not committed (its old files stand)"
SUMMARY = "4 objects validated against Kubernetes 1.35: 0 errors in 0 objects, 1 not validated\n"


def _interrupted(monkeypatch: pytest.MonkeyPatch, root: Path, version: str, where: str) -> None:
    """A synth of `version` into root/out killed at its second file staged (before the journal:
    "staged") or its second rename (after it: "applied")."""
    (root / "blueprints" / "app.py").write_text(APP.format(version=version))
    files = {p: t for p, t in hagen.plan([root / "blueprints"]).items() if p != ".hagen-owned"}
    interrupted(monkeypatch, files, root / "out", where)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """blueprints/app.py at api:1.0.0, synthesized into out/."""
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "app.py").write_text(APP.format(version="1.0.0"))
    monkeypatch.chdir(tmp_path)
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    return tmp_path


def _image(root: Path) -> str:
    text = (root / "out" / "app" / "deployment-api.yaml").read_text()
    return next(line.strip() for line in text.splitlines() if "image:" in line)


def test_validate_finishes_an_interrupted_write_first_and_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interrupted(monkeypatch, project, "2.0.0", "applied")
    result = run_hagen("validate", cwd=project)
    assert (result.returncode, result.stderr) == (0, f"note: {FINISHED}\n")  # as synth and diff say it
    assert result.stdout.endswith(SUMMARY)
    assert not (project / "out" / ".hagen-staging").exists()
    assert _image(project) == "image: registry.example.com/api:2.0.0"  # the new tree, whole
    again = run_hagen("validate", cwd=project)  # nothing left to recover: nothing said
    assert (again.returncode, again.stderr) == (0, "")


def test_validate_json_discards_an_uncommitted_write_and_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interrupted(monkeypatch, project, "2.0.0", "staged")
    result = run_hagen("validate", "--format", "json", cwd=project)
    assert (result.returncode, result.stderr) == (0, f"note: {DISCARDED}\n")
    data = json.loads(result.stdout)
    assert (data["notes"], data["validated"], data["errors"]) == ([DISCARDED], 4, [])
    assert _image(project) == "image: registry.example.com/api:1.0.0"  # the old tree stands
    assert json.loads(run_hagen("validate", "--format", "json", cwd=project).stdout)["notes"] == []


def test_validate_of_a_folder_in_out_recovers_out(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _interrupted(monkeypatch, project, "2.0.0", "applied")
    result = run_hagen("validate", "out/app", cwd=project)
    assert (result.returncode, result.stderr) == (0, f"note: {FINISHED}\n")
    assert _image(project) == "image: registry.example.com/api:2.0.0"


def test_validate_paths_recovers_the_out_folder_it_is_given(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interrupted(monkeypatch, project, "2.0.0", "applied")
    (project / "cm.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    elsewhere = hagen.validate_paths([Path("cm.yaml")], out_dir=Path("out"))  # out/ is not read: left as is
    assert (elsewhere.notes, (project / "out" / ".hagen-staging").is_dir()) == ((), True)
    report = hagen.validate_paths([Path("out/app")], out_dir=Path("out"))
    assert (report.ok, report.notes, len(report.validated)) == (True, (FINISHED,), 4)
    assert hagen.validate_paths([Path("out/app")], out_dir=Path("out")).notes == ()


def test_validate_of_each_target_recovers_out_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "app.py").write_text(APP.format(version="1.0.0"))
    (tmp_path / "hagen.toml").write_text("[targets.dev]\n[targets.prod]\n")
    monkeypatch.chdir(tmp_path)
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    (tmp_path / "blueprints" / "app.py").write_text(APP.format(version="2.0.0"))
    files = {p: t for p, t in hagen.plan().items() if p != ".hagen-owned"}
    interrupted(monkeypatch, files, tmp_path / "out", "applied")
    result = run_hagen("validate", "--format", "json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, f"note: {FINISHED}\n")
    targets = json.loads(result.stdout)["targets"]
    assert [targets[n]["notes"] for n in ("dev", "prod")] == [
        [FINISHED],
        [],
    ]  # said by the reading that did it


def test_check_and_place_of_yaml_in_out_recover_out_first(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every command that reads out/ finishes or discards a killed write first and says so, as validate does.
    _interrupted(monkeypatch, project, "2.0.0", "applied")
    checked = run_hagen("check", "out/app", "--format", "json", cwd=project)
    assert (checked.returncode, checked.stderr) == (0, f"note: {FINISHED}\n")
    assert json.loads(checked.stdout)["notes"] == [FINISHED]
    assert not (project / "out" / ".hagen-staging").exists()
    assert _image(project) == "image: registry.example.com/api:2.0.0"
    _interrupted(monkeypatch, project, "3.0.0", "staged")
    placed = run_hagen("place", "out/app", "--nodes", "2", "--format", "json", cwd=project)
    assert placed.returncode == 0, placed.stderr
    assert json.loads(placed.stdout)["notes"] == [DISCARDED]
    assert _image(project) == "image: registry.example.com/api:2.0.0"  # the 3.0.0 write never committed


def test_the_api_check_of_yaml_in_out_recovers_out_first(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interrupted(monkeypatch, project, "2.0.0", "applied")
    result = hagen.check([Path("out/app")], project=hagen.load_project(project))
    said = f"{project / 'out'}{FINISHED.removeprefix('out')}"  # the project's out folder, as it was found
    assert (result.notes, (project / "out" / ".hagen-staging").exists()) == ((said,), False)

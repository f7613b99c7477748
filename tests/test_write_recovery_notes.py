"""A command that finishes or discards an interrupted write says so: the tree it reads changed under the
user, even if to a consistent state (`hagen diff` in CI, `hagen synth` locally, the Python API alike)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import hagen
from hagen._diff._sources import diff_revision
from hagen._output import recover_output
from tests._killed_write import interrupted
from tests._write_trees import blueprint, snapshot
from tests.conftest import ROOT

HAGEN = [sys.executable, "-m", "hagen"]


def _planned(source: Path) -> dict[str, str]:
    return {p: t for p, t in hagen.plan([source]).items() if p != ".hagen-owned"}


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Blueprint folders v1 and v2 (every file changes), and out/ holding v1."""
    v1 = blueprint(tmp_path / "v1", "1.0", range(0, 4))
    v2 = blueprint(tmp_path / "v2", "2.0", range(0, 4))
    out = tmp_path / "out"
    hagen.synth([v1], out)
    return v1, v2, out


def test_diff_says_it_finished_a_committed_write(
    versions: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, v2, out = versions
    interrupted(monkeypatch, _planned(v2), out, "applied")
    result = subprocess.run(
        [*HAGEN, "diff", str(v2), "-o", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr  # the finished tree is v2's: no drift
    assert f"note: {out}: finished the write an interrupted `hagen synth` had committed" in result.stderr
    assert not (out / ".hagen-staging").exists()


def test_diff_says_it_discarded_an_uncommitted_write(
    versions: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    v1, v2, out = versions
    before = snapshot(out)
    interrupted(monkeypatch, _planned(v2), out, "staged")
    result = subprocess.run(
        [*HAGEN, "diff", str(v1), "-o", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr  # the old tree stands: no drift
    assert f"note: {out}: discarded the write an interrupted `hagen synth` had not committed" in result.stderr
    assert snapshot(out) == before


def test_synth_and_the_api_report_the_recovery_once(
    versions: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    v1, v2, out = versions
    interrupted(monkeypatch, _planned(v2), out, "applied")
    report = hagen.synth([v2], out)
    assert report.notes == [
        f"{out}: finished the write an interrupted `hagen synth` had committed (its new files are in)"
    ]
    assert report.written == []  # the recovery wrote them: nothing left to write
    assert hagen.synth([v2], out).notes == []  # nothing left to recover
    interrupted(monkeypatch, _planned(v1), out, "staged")  # back to v1, stopped before the journal
    assert recover_output(out) == (
        f"{out}: discarded the write an interrupted `hagen synth` had not committed (its old files stand)"
    )
    assert recover_output(out) is None


def test_diff_against_a_revision_says_so_too(
    versions: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, v2, out = versions
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    for args in (["init", "-q", "-b", "main"], ["add", "out"], ["commit", "-q", "-m", "v1"]):
        subprocess.run(["git", *args], cwd=out.parent, env=env, check=True, capture_output=True)
    interrupted(monkeypatch, _planned(v2), out, "applied")
    result = diff_revision(out, "HEAD")
    assert result.notes[0] == (
        f"{out}: finished the write an interrupted `hagen synth` had committed (its new files are in)"
    )
    assert result.drift  # v1 as committed against v2 as finished

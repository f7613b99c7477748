"""A command that finishes or discards an interrupted write says so: the tree it reads changed under the
user, even if to a consistent state (`hagen diff` in CI, `hagen synth` locally, the Python API alike)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import hagen
from hagen._diff._sources import diff_revision
from hagen._output import _journal, recover_output, write_tree
from tests._write_trees import blueprint, snapshot
from tests.conftest import ROOT

HAGEN = [sys.executable, "-m", "hagen"]


class _Killed(BaseException):
    """Stands for kill -9: nothing after it runs, no handler catches it."""


class _Os:
    def __init__(self, **replaced: object) -> None:
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)


def _dying(real: Callable[..., object], at: int) -> Callable[..., object]:
    calls = 0

    def step(*args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == at:
            raise _Killed
        return real(*args)

    return step


def _interrupted(monkeypatch: pytest.MonkeyPatch, files: dict[str, str], out: Path, where: str) -> None:
    """`write_tree(files, out)` stopped at its second file staged (before the journal: "staged") or its
    second rename (after it: "applied")."""
    with monkeypatch.context() as patch:
        if where == "staged":
            patch.setattr(_journal, "_write_file", _dying(_journal._write_file, 2))
        else:
            patch.setattr(_journal, "os", _Os(replace=_dying(os.replace, 2)))
        with pytest.raises(_Killed):
            write_tree(files, out)
    assert (out / ".hagen-staging").is_dir()


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
    _interrupted(monkeypatch, _planned(v2), out, "applied")
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
    _interrupted(monkeypatch, _planned(v2), out, "staged")
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
    _interrupted(monkeypatch, _planned(v2), out, "applied")
    report = hagen.synth([v2], out)
    assert report.notes == [
        f"{out}: finished the write an interrupted `hagen synth` had committed (its new files are in)"
    ]
    assert report.written == []  # the recovery wrote them: nothing left to write
    assert hagen.synth([v2], out).notes == []  # nothing left to recover
    _interrupted(monkeypatch, _planned(v1), out, "staged")  # back to v1, stopped before the journal
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
    _interrupted(monkeypatch, _planned(v2), out, "applied")
    result = diff_revision(out, "HEAD")
    assert result.notes[0] == (
        f"{out}: finished the write an interrupted `hagen synth` had committed (its new files are in)"
    )
    assert result.drift  # v1 as committed against v2 as finished

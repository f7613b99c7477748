"""All or nothing under kill -9: out/ reads as exactly the old or the new tree once the next command ran.

The real entry point is killed at random moments of its write phase (found by watching for the writer's
lock file, then waiting a random few milliseconds), the next `hagen diff` runs, and the tree must be one of
the two, with no staging folder, lock or temporary file left. A second, in-process test stops the writer
at every single step (each file staged, each rename, each removal) and recovers from each.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hagen._output import _journal, recover_output, write_tree
from tests._write_trees import blueprint, restore, snapshot
from tests.conftest import ROOT

HAGEN = [sys.executable, "-m", "hagen"]
TRIALS = 6  # a fixed count, whatever the machine's speed; the step-by-step test below covers every step


def _synth(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HAGEN, "synth", str(source), "-o", str(out)], cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], dict[str, str]]:
    work = tmp_path_factory.mktemp("crash")
    old_bp = blueprint(work / "old", "1.0", range(0, 80))
    new_bp = blueprint(work / "new", "2.0", range(10, 90))  # every file changes, 10 tiers go, 10 come
    for source, out in ((old_bp, work / "old-out"), (new_bp, work / "new-out")):
        assert _synth(source, out).returncode == 0
    return old_bp, new_bp, snapshot(work / "old-out"), snapshot(work / "new-out")


def _leftovers(out: Path) -> list[str]:
    return [
        p for p in snapshot(out) if p.rsplit("/", 1)[-1] in (".hagen-staging", ".hagen-lock") or ".tmp" in p
    ]


def test_kill_9_during_synth_leaves_the_old_or_the_new_tree(
    tmp_path: Path, trees: tuple[Path, Path, dict[str, str], dict[str, str]]
) -> None:
    _, new_bp, old, new = trees
    assert len(new) > 240 and old != new
    out = tmp_path / "out"
    rng = random.Random(13)
    outcomes: list[tuple[str, bool, str]] = []
    for _ in range(TRIALS):
        restore(out, old)
        proc = subprocess.Popen(
            [*HAGEN, "synth", str(new_bp), "-o", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL
        )
        while proc.poll() is None and not os.path.lexists(out / ".hagen-lock"):
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.25))
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)  # a no-op once poll() has reaped it (os.kill would then raise)
        proc.wait()
        staging = out / ".hagen-staging"
        phase = "applying" if (staging / "journal").exists() else "staging" if staging.exists() else "-"
        after = subprocess.run(
            [*HAGEN, "diff", str(new_bp), "-o", str(out)], cwd=ROOT, capture_output=True, text=True
        )
        tree = snapshot(out)
        assert _leftovers(out) == []
        assert tree in (old, new), sorted(
            set(tree.items()) ^ set((new if len(tree) == len(new) else old).items())
        )[:5]
        state = "new" if tree == new else "old"
        assert after.returncode == (0 if state == "new" else 1), after.stderr
        outcomes.append((state, alive, phase))
    killed_writing = [state for state, alive, _ in outcomes if alive]
    assert len(outcomes) == TRIALS and len(killed_writing) >= 1, outcomes


def test_two_synths_at_once_leave_one_whole_tree(
    tmp_path: Path, trees: tuple[Path, Path, dict[str, str], dict[str, str]]
) -> None:
    old_bp, new_bp, old, new = trees
    out = tmp_path / "out"
    procs = [
        subprocess.Popen(
            [*HAGEN, "synth", str(bp), "-o", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for bp in (old_bp, new_bp)
    ]
    results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    for code, err in results:
        # the holder's pid is named once it is written: the other may look between its lock and that write
        assert code == 0 or (code == 2 and "another hagen synth is writing this folder" in err), err
    assert snapshot(out) in (old, new)
    assert _leftovers(out) == []


class _Os:
    """The os module with some functions replaced."""

    def __init__(self, **replaced: object) -> None:
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)


class _Killed(BaseException):
    """Stands for kill -9: nothing after it runs, no handler catches it."""


@pytest.mark.parametrize("where", ["_write_file", "replace", "unlink"])
def test_every_step_of_a_write_can_be_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    old = {f"a/{i:02d}.yaml": f"old {i}\n" for i in range(6)} | {"b/x.yaml": "x\n"}
    new = {f"a/{i:02d}.yaml": f"new {i}\n" for i in range(3, 9)} | {"c/d/y.yaml": "y\n"}
    out = tmp_path / "out"
    write_tree(old, out)
    old_tree = snapshot(out)
    write_tree(new, out)
    new_tree = snapshot(out)
    real = {"_write_file": _journal._write_file, "replace": os.replace, "unlink": os.unlink}[where]
    seen: set[str] = set()
    for step in range(1, 40):
        restore(out, old_tree)
        calls = 0

        def dying(*args: object, _step: int = step) -> object:
            nonlocal calls
            calls += 1
            if calls == _step:
                raise _Killed
            return real(*args)  # type: ignore[operator]

        if where == "_write_file":
            monkeypatch.setattr(_journal, "_write_file", dying)
        else:  # only the journal's calls: the lock's own clean-up must still run
            monkeypatch.setattr(_journal, "os", _Os(**{where: dying}))
        try:
            write_tree(new, out)
        except _Killed:
            pass
        else:
            break
        finally:
            monkeypatch.undo()
        recover_output(out)
        tree = snapshot(out)
        assert tree in (old_tree, new_tree), (where, step)
        assert _leftovers(out) == []
        seen.add("new" if tree == new_tree else "old")
    assert step > 2
    assert seen == ({"old"} if where == "_write_file" else {"new"})

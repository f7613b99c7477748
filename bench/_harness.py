"""Whole-process measurement: wall time and peak memory of a command, medians over several runs.

Each run is a fresh process (start-up is part of what users wait for). Peak memory is the child's own
maximum resident set size, read from wait4(), so runs never see each other's peaks.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass(frozen=True)
class Measurement:
    label: str
    seconds: float
    peak_mib: float
    runs: int

    def row(self) -> str:
        return f"| {self.label} | {self.seconds:.3f} | {self.peak_mib:.0f} | {self.runs} |"


def run_once(
    argv: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    setup: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one run of `argv` (after `setup`, untimed); raises if it fails."""
    if setup is not None:
        setup()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(
    label: str,
    argv: Sequence[str],
    runs: int = 5,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    setup: Callable[[], None] | None = None,
) -> Measurement:
    """Median wall time and median peak memory over `runs` fresh processes (after one warm-up run)."""
    run_once(argv, cwd, env, setup)
    samples = [run_once(argv, cwd, env, setup) for _ in range(runs)]
    return Measurement(
        label,
        statistics.median(s for s, _ in samples),
        statistics.median(m for _, m in samples),
        runs,
    )


def table(title: str, rows: Sequence[Measurement]) -> str:
    """A Markdown table for docs/benchmarks.md."""
    head = f"### {title}\n\n| what | median wall s | median peak MiB | runs |\n|---|---|---|---|\n"
    return head + "\n".join(r.row() for r in rows) + "\n"

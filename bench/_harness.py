"""Whole-process measurement: wall time and peak memory of a command, medians over several runs.

Each run is a fresh process (start-up is part of what users wait for). Peak memory is the command's own
maximum resident set size, read by wait4() in a small launcher process: Linux keeps the pre-exec
high-water mark of whoever forked the command, so the (larger) harness must not fork it itself.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Users' interpreters cache bytecode; a shell that forbids it would time compilation instead of hagen.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
cpu = usage.ru_utime + usage.ru_stime
os.write(int(sys.argv[1]), f"{time.perf_counter() - start} {usage.ru_maxrss} {code} {cpu}".encode())
"""


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
    wall, peak, _ = run_once_cpu(argv, cwd, env, setup)
    return wall, peak


def run_once_cpu(
    argv: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    setup: Callable[[], None] | None = None,
) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB, user + system CPU seconds) of one run of `argv`, all three from the
    launcher's wait4() of the command: the CPU time is the command's own (its children's included)."""
    if setup is not None:
        setup()
    read, write = os.pipe()
    proc = subprocess.Popen(
        [PYTHON, "-I", "-S", "-c", _LAUNCHER, str(write), *argv],
        cwd=cwd,
        env=BASE_ENV if env is None else {**BASE_ENV, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(write,),
    )
    os.close(write)
    _, err = proc.communicate()
    with os.fdopen(read) as report:
        fields = report.read().split()
    if len(fields) != 4 or int(fields[2]) not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} failed: {err.decode()[-2000:]}")
    return float(fields[0]), int(fields[1]) / 1024, float(fields[3])


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


def set_aside(folder: Path) -> Callable[[], None]:
    """A setup step that moves `folder` out of the way (into a sibling trash folder) before a fresh run.

    Moving instead of deleting matters: on file systems mounted with `discard`, a large delete right before
    the run slows the next file creations by seconds (measured here), which would time the disk. The
    setup also flushes what earlier commands wrote (sync(2)): otherwise their write-back runs during this
    one (a tmpfs write measured 3.5 s right after 30,000 files went to disk, 2.6 s alone).
    """
    trash = folder.parent / f".{folder.name}-trash"

    def setup() -> None:
        trash.mkdir(exist_ok=True)
        if folder.exists():
            folder.rename(trash / str(len(list(trash.iterdir()))))
        os.sync()

    return setup


def table(title: str, rows: Sequence[Measurement]) -> str:
    """A Markdown table for docs/benchmarks.md."""
    head = f"### {title}\n\n| what | median wall s | median peak MiB | runs |\n|---|---|---|---|\n"
    return head + "\n".join(r.row() for r in rows) + "\n"


def helm_engine_missing() -> str | None:
    """Why the Helm engine (helm-python-sdk) cannot run here, or None when it can."""
    try:
        import helm_python  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"helm-python-sdk is not available here ({exc}); skipped"
    return None

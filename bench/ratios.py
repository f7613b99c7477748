"""Every goal of the performance issue as a ratio against its alternative, measured in one run.

    .venv/bin/python bench/ratios.py [--runs 5] [--tiers 10000]

Each command is a whole process (start-up included). The commands alternate: every round runs each of them
once, after one warm-up round, so a change of load on a shared machine touches hagen and its alternative
alike; each figure is the median of the rounds. Besides wall time, the table gives user + system CPU time
of the command (wait4() of its process, children included), which load distorts much less than wall time
on a machine whose other work competes for the cores; the goal verdict is read on CPU time.

The generated blueprints build their tiers in a loop over the tier numbers (bench/synth.py), as the
Helm chart ranges over a values list and the dicts script loops; the same tiers written as a 10,000-line
literal file are timed beside them, and differ by what Python takes to compile that file.

Alternatives: Helm's Go engine (helm-python-sdk, bench/helm_template.py's chart) for the seed and for the
same tiers; a Python script building the same objects as dicts and writing them with PyYAML's libyaml
dumper (bench/_dicts.py, checked to give the same objects); `python -c pass` for start-up; one pydantic
model, alone and with the schema validator imported, for the floor under any synth built on those
libraries. Placement
compares sizes of one scenario (bench/place.py), and memory is a peak against a fixed budget.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _create_files import listing
from _dicts import same_objects, write_script
from _harness import PYTHON, ROOT, run_once_cpu, set_aside
from helm_template import RENDER, make_chart
from place import scenario
from synth import generated_blueprint

HAGEN = [PYTHON, "-m", "hagen"]
# The floor of any start-up that defines its blueprint classes with pydantic, as hagen does.
PYDANTIC_FLOOR = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)"
# The floor of a synth that checks its objects against the Kubernetes schemas before writing: the same
# model, and the schema validator's import (jsonschema_rs), nothing of hagen's own.
LIBRARY_FLOOR = f"{PYDANTIC_FLOOR}\nimport jsonschema_rs"


@dataclass
class Command:
    label: str
    argv: list[str]
    setup: Callable[[], None] | None = None
    samples: list[tuple[float, float, float]] | None = None

    def median(self, i: int) -> float:
        return statistics.median(s[i] for s in self.samples or [])

    @property
    def wall(self) -> float:
        return self.median(0)

    @property
    def peak(self) -> float:
        return self.median(1)

    @property
    def cpu(self) -> float:
        return self.median(2)


def _memory_folder() -> Path | None:
    """A folder on tmpfs (file creation at memory speed), or None where /dev/shm is missing."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        return None
    return Path(tempfile.mkdtemp(prefix="hagen-bench-ratios-", dir=shm))


def _commands(work: Path, tiers: int, memory: Path | None) -> dict[str, Command]:
    # The generated tiers come from a loop over their numbers, as the alternatives' do; the literal
    # file of one line per tier is timed too, for what compiling it costs.
    big, thousand, seed_sized = (generated_blueprint(work, n, loop=True) for n in (tiers, 1000, 2))
    literal = generated_blueprint(work, tiers)
    render = work / "render.py"
    render.write_text(RENDER)
    dicts = write_script(work, generated_blueprint(work, 4))
    if not same_objects(dicts, generated_blueprint(work, 7), 7):
        raise SystemExit("bench/_dicts.py no longer makes hagen's objects; fix it before timing")
    helm_seed, helm_big = make_chart(work, 2), make_chart(work, tiers)
    scenarios = {}
    for pods, nodes in ((10, 1000), (1000, 200), (1000, 1000), (5000, 1000)):
        scenarios[pods, nodes] = work / f"scenario-{pods}-{nodes}.json"
        scenarios[pods, nodes].write_text(json.dumps(scenario(pods, nodes)))
    seed_out, big_out = work / "out-seed", work / "out-big"
    stdout = ["synth", "--stdout"]
    commands = [
        Command("python -c pass", [PYTHON, "-c", "pass"]),
        Command("hagen --help", [*HAGEN, "--help"]),
        Command("hagen --version", [*HAGEN, "--version"]),
        Command(
            "seed (blueprints/) to files",
            [*HAGEN, "synth", str(ROOT / "blueprints"), "-o", str(seed_out)],
            set_aside(seed_out),
        ),
        Command("Helm engine, 2-tier chart", [PYTHON, str(render), *map(str, helm_seed)]),
        Command("python: pydantic, one model, one instance", [PYTHON, "-c", PYDANTIC_FLOOR]),
        Command("python: the same, and import jsonschema_rs", [PYTHON, "-c", LIBRARY_FLOOR]),
        Command("2 tiers --stdout", [*HAGEN, *stdout[:1], str(seed_sized), stdout[1]]),
        Command("1,000 tiers --stdout", [*HAGEN, *stdout[:1], str(thousand), stdout[1]]),
        Command(f"{tiers:,} tiers --stdout", [*HAGEN, *stdout[:1], str(big), stdout[1]]),
        Command(f"{tiers:,} tiers --stdout, one line per tier", [*HAGEN, "synth", str(literal), "--stdout"]),
        Command(
            f"{tiers:,} tiers to files", [*HAGEN, "synth", str(big), "-o", str(big_out)], set_aside(big_out)
        ),
    ]
    # The disk's share of a write: the same files created bare (bench/_create_files.py), and hagen writing
    # them to tmpfs, where creating a file costs memory speed.
    subprocess.run(
        [*HAGEN, "synth", str(big), "-o", str(work / "reference")], check=True, capture_output=True
    )
    files = listing(work / "reference", work / "listing")
    bare = [PYTHON, str(ROOT / "bench" / "_create_files.py"), str(work / "listing")]
    commands += [
        Command(
            f"{files:,} files created bare, same sizes", [*bare, str(work / "bare")], set_aside(work / "bare")
        ),
    ]
    if memory is not None:
        commands.append(
            Command(
                f"{tiers:,} tiers to files on tmpfs",
                [*HAGEN, "synth", str(big), "-o", str(memory / "out-big")],
                set_aside(memory / "out-big"),
            )
        )
    commands += [
        Command(f"{tiers:,} tiers, dicts + PyYAML (libyaml)", [PYTHON, str(dicts), str(tiers)]),
        Command(f"{tiers:,} tiers, Helm engine", [PYTHON, str(render), *map(str, helm_big)]),
    ]
    for (pods, nodes), path in scenarios.items():
        argv = [*HAGEN, "place", "--format", "json", "--scenario", str(path)]
        commands.append(Command(f"place {pods:,} pods, {nodes:,} nodes", argv))
    return {c.label: c for c in commands}


def _run(commands: dict[str, Command], runs: int) -> None:
    for c in commands.values():
        c.samples = []
    for round_ in range(runs + 1):
        for c in commands.values():
            sample = run_once_cpu(c.argv, setup=c.setup)
            if round_:  # the first round warms caches
                assert c.samples is not None
                c.samples.append(sample)
        print(f"round {round_} of {runs} done", file=sys.stderr, flush=True)


Goal = tuple[str, float, float, float, float]  # (goal, wall figure, CPU figure, lowest, highest allowed)


def _goals(c: dict[str, Command], tiers: int) -> list[Goal]:
    """The issue's goal list, each figure from wall and from CPU time (peaks: the same figure twice)."""
    big = f"{tiers:,} tiers"
    stdout, files = c[f"{big} --stdout"], c[f"{big} to files"]
    small, mid, large = (
        c[f"place {p:,} pods, {n:,} nodes"] for p, n in ((1000, 200), (1000, 1000), (5000, 1000))
    )
    start, two, thousand = c["place 10 pods, 1,000 nodes"], c["2 tiers --stdout"], c["1,000 tiers --stdout"]

    def both(figure: Callable[[int], float]) -> tuple[float, float]:
        return figure(0), figure(2)

    def ratio(a: Command, b: Command) -> tuple[float, float]:
        return both(lambda i: a.median(i) / b.median(i))

    def per_tier(i: int) -> float:  # marginal cost of the tiers beyond 1,000 against the first ones
        first = (thousand.median(i) - two.median(i)) / 998
        return (stdout.median(i) - thousand.median(i)) / (tiers - 1000) / first

    def per_pod(i: int) -> float:  # per pod beyond start-up and reading the nodes (10 pods), 1,000 nodes
        return ((large.median(i) - start.median(i)) / 4990) / ((mid.median(i) - start.median(i)) / 990)

    seed, helm_seed = c["seed (blueprints/) to files"], c["Helm engine, 2-tier chart"]
    memory = c.get(f"{big} to files on tmpfs")
    bare = next(command for label, command in c.items() if label.endswith("files created bare, same sizes"))
    return [
        ("seed to files / Helm engine (2-tier chart)", *ratio(seed, helm_seed), 0, 2),
        (
            "pydantic floor (one model) / Helm engine (2-tier chart)",
            *ratio(c["python: pydantic, one model, one instance"], helm_seed),
            0,
            2,
        ),
        (
            "pydantic and jsonschema_rs floor / Helm engine (2-tier chart)",
            *ratio(c["python: the same, and import jsonschema_rs"], helm_seed),
            0,
            2,
        ),
        ("`hagen --help` / `python -c pass`", *ratio(c["hagen --help"], c["python -c pass"]), 0, 3),
        (f"{big} --stdout / dicts + PyYAML", *ratio(stdout, c[f"{big}, dicts + PyYAML (libyaml)"]), 0, 1),
        (f"{big} --stdout / Helm engine", *ratio(stdout, c[f"{big}, Helm engine"]), 0, 4),
        (f"cost per tier, {big} / 1,000 tiers", *both(per_tier), 0.85, 1.15),
        (f"{big} to files / --stdout", *ratio(files, stdout), 0, 1.4),
        *([(f"{big} to files on tmpfs / --stdout", *ratio(memory, stdout), 0, 1.4)] if memory else []),
        (
            f"{big} to files less the files created bare / --stdout",
            *both(lambda i: (files.median(i) - bare.median(i)) / stdout.median(i)),
            0,
            1.4,
        ),
        (f"{big} --stdout, peak MiB", stdout.peak, stdout.peak, 0, 150),
        (f"{big} to files, peak MiB", files.peak, files.peak, 0, 150),
        ("place: cost per pod at 1,000 nodes, 5,000 / 1,000 pods", *both(per_pod), 0.75, 1.25),
        ("place 5,000 pods on 1,000 nodes / 1,000 on 200", *ratio(large, small), 0, 4),
        ("place 5,000 pods on 1,000 nodes, peak MiB", large.peak, large.peak, 0, 400),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tiers", type=int, default=10000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-ratios-"))
    memory = _memory_folder()
    try:
        commands = _commands(work, args.tiers, memory)
        _run(commands, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if memory is not None:
            shutil.rmtree(memory, ignore_errors=True)
    lines = ["| command | median wall s | median CPU s (user + sys) | median peak MiB |", "|---|---|---|---|"]
    lines += [f"| {c.label} | {c.wall:.3f} | {c.cpu:.3f} | {c.peak:.0f} |" for c in commands.values()]
    lines += ["", "| goal | from wall | from CPU | target | verdict (CPU) |", "|---|---|---|---|---|"]
    for goal, wall, cpu, low, high in _goals(commands, args.tiers):
        target = f"{low:g}-{high:g}" if low else f"<= {high:g}"
        verdict = "met" if low <= cpu <= high else "missed"
        digits = 0 if "MiB" in goal else 2
        lines.append(f"| {goal} | {wall:.{digits}f} | {cpu:.{digits}f} | {target} | {verdict} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

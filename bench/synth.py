"""`hagen synth` as users run it: the example, generated blueprints of 250 to 1,000 tiers, and `--help`.

Each figure is a whole process (interpreter start-up included), median of several runs. A "fresh" run
writes into an empty folder; a "rerun" finds every file unchanged (the common case in CI and editors).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _harness import ROOT, Measurement, measure, set_aside, table

HAGEN = [sys.executable, "-m", "hagen"]


def generated_blueprint(folder: Path, tiers: int, *, loop: bool = False) -> Path:
    """A blueprint of `tiers` tiers, every other one colocated with its neighbour, all separated per node.

    By default every tier is a line of its own (a 10,000-line literal file, which Python takes about
    0.6 s to compile); with `loop` the same tiers come from a loop over their numbers, the form both
    alternatives of bench/ratios.py take (the Helm chart ranges over a values list, the dicts script
    loops), and the form a team generating thousands of tiers writes. Both give the same objects.
    """
    lines = [
        "from hagen import Blueprint, Port, Tier, colocate, separate",
        "",
        "",
        "class Big(Blueprint):",
        "    name = 'big'",
    ]
    if loop:
        lines += [
            "    tiers = [",
            "        Tier(name=f't{i:04d}', image=f'registry.example.com/t{i}:1.0', replicas=2,",
            "             ports=[Port(name='http', port=8080)],",
            "             placement=[separate(), *([colocate(f't{i - 1:04d}')] if i % 2 else [])])",
            f"        for i in range({tiers})",
            "    ]",
        ]
    else:
        lines.append("    tiers = [")
        for i in range(tiers):
            verbs = "separate()" + (f", colocate('t{i - 1:04d}')" if i % 2 else "")
            lines.append(
                f"        Tier(name='t{i:04d}', image='registry.example.com/t{i}:1.0', replicas=2,"
                f" ports=[Port(name='http', port=8080)], placement=[{verbs}]),"
            )
        lines.append("    ]")
    path = folder / f"big{tiers}{'-loop' if loop else ''}.py"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-"))
    out = work / "out"

    fresh = set_aside(out)

    rows: list[Measurement] = [
        measure("hagen --help", [*HAGEN, "--help"], runs),
        measure(
            "synth example (fresh)",
            [*HAGEN, "synth", str(ROOT / "blueprints"), "-o", str(out)],
            runs,
            setup=fresh,
        ),
        measure(
            "synth example (rerun, unchanged)",
            [*HAGEN, "synth", str(ROOT / "blueprints"), "-o", str(out)],
            runs,
        ),
    ]
    for tiers in (250, 500, 1000):
        source = generated_blueprint(work, tiers)
        argv = [*HAGEN, "synth", str(source), "-o", str(out)]
        rows.append(measure(f"synth {tiers} tiers (fresh)", argv, runs, setup=fresh))
        rows.append(measure(f"synth {tiers} tiers (rerun)", argv, runs))
        rows.append(
            measure(f"synth {tiers} tiers --stdout", [*HAGEN, "synth", str(source), "--stdout"], runs)
        )
    print(table("hagen synth", rows))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

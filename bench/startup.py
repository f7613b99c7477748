"""Start-up of `hagen --help`, `hagen diff` of two YAML trees and `hagen synth --stdout` on the example,
this tree against another checkout's `hagen` (default: none), runs alternating so that both see the same
machine load. Usage: python bench/startup.py [--other PATH/TO/.venv/bin/hagen] [--runs 7]."""

from __future__ import annotations

import argparse
import statistics

from _harness import ROOT, run_once

CASES = {
    "hagen --help": ["--help"],
    "hagen diff out/ out/ (YAML trees)": ["diff", "out/prod", "out/prod"],
    "hagen synth --stdout (example, prod)": ["synth", "--stdout", "--target", "prod"],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--other", help="another hagen executable to compare with")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sides = {"this tree": str(ROOT / ".venv" / "bin" / "hagen")}
    if args.other:
        sides["other"] = args.other
    print("| command | " + " | ".join(f"{s} (s)" for s in sides) + " |")
    print("|---|" + "---|" * len(sides))
    for label, argv in CASES.items():
        samples: dict[str, list[float]] = {s: [] for s in sides}
        for _ in range(args.runs + 1):  # the first round warms the page cache and is dropped
            for side, exe in sides.items():
                samples[side].append(run_once([exe, *argv], cwd=ROOT)[0])
        medians = [statistics.median(v[1:]) for v in samples.values()]
        print(f"| {label} | " + " | ".join(f"{m:.3f}" for m in medians) + " |")


if __name__ == "__main__":
    main()

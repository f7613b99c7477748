"""Benchmark `hagen report` on generated projects of 200 and 1,000 tiers (blueprints of 20 tiers, each odd
tier calling the one before, on a cluster too small for all pods), whole process, medians of fresh runs;
`hagen check` on the same projects alongside (the report runs it, plus the graph, placement and pages).

    .venv/bin/python bench/report.py [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import PYTHON, Measurement, measure, table

SIZES = (200, 1000)


def project(root: Path, count: int) -> Path:
    """`count` tiers in blueprints of 20, two replicas each, NetworkPolicies on."""
    (root / "blueprints").mkdir(parents=True)
    for b in range(0, count, 20):
        tiers = []
        for t in range(b, min(b + 20, count)):
            calls = f'connects_to=["t{t - 1}"], ' if t % 2 else ""
            tiers.append(
                f'        Tier(name="t{t}", image="registry.example.com/t:1.0.{t}", replicas=2, {calls}'
                'ports=[Port(name="http", port=8080)], resources=Resources(cpu="300m", memory="256Mi")),'
            )
        text = "\n".join(
            [
                "from hagen import Blueprint, ClusterProfile, Port, Resources, Tier",
                f"class B{b}(Blueprint):",
                f'    name = "b{b}"',
                f'    namespace = "b{b}"',
                "    network_policies = True",
                '    cluster = ClusterProfile.shorthand(nodes=4, zones=2, cpu="2", memory="8Gi")',
                "    tiers = [",
                *tiers,
                "    ]",
            ]
        )
        (root / "blueprints" / f"b{b}.py").write_text(text + "\n")
    return root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: list[Measurement] = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            root = project(Path(tmp) / f"p{count}", count)
            hagen = [PYTHON, "-m", "hagen"]
            rows.append(measure(f"hagen report, {count:,} tiers", [*hagen, "report"], args.runs, cwd=root))
            rows.append(measure(f"hagen check, {count:,} tiers", [*hagen, "check"], args.runs, cwd=root))
    print(table("hagen report", rows))


if __name__ == "__main__":
    main()

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
from _harness import PYTHON, ROOT, Measurement, measure, table

sys.path.insert(0, str(ROOT))
from tests._report_project import many_tiers  # the generated project the report's tests use too

SIZES = (200, 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: list[Measurement] = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            root = many_tiers(Path(tmp) / f"p{count}", count)
            hagen = [PYTHON, "-m", "hagen"]
            rows.append(measure(f"hagen report, {count:,} tiers", [*hagen, "report"], args.runs, cwd=root))
            rows.append(measure(f"hagen check, {count:,} tiers", [*hagen, "check"], args.runs, cwd=root))
    print(table("hagen report", rows))


if __name__ == "__main__":
    main()

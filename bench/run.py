"""Run every benchmark in bench/ and print their Markdown tables (copied into docs/benchmarks.md)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, str(HERE))
    for script in sorted(HERE.glob("[!_]*.py")):
        if script.name in ("run.py", "ratios.py"):  # ratios.py runs alone: `make bench`
            continue
        print(f"<!-- {script.name} -->", flush=True)
        runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":
    main()

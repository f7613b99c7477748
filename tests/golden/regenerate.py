"""Regenerate the golden files: `make golden` (never run by the tests themselves).

Each folder in tests/golden/cases/ holds a blueprint.py and the expected/ tree that `hagen synth` writes
for it. Review `git diff tests/golden` before committing the result.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import hagen

CASES = Path(__file__).resolve().parent / "cases"


def main() -> None:
    for case in sorted(p for p in CASES.iterdir() if (p / "blueprint.py").is_file()):
        expected = case / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        report = hagen.synth([case / "blueprint.py"], expected)
        print(f"{case.name}: {report.summary()}")


if __name__ == "__main__":
    main()

"""Golden files: the committed output of the examples and of the test cases, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from tests.conftest import ROOT
from tests.golden.regenerate import CASES


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_committed_example_output_is_current() -> None:
    # `make synth` regenerates out/; a blueprint change without it fails here and in `make check`.
    assert _tree(ROOT / "out") == hagen.plan_targets(hagen.load_project(ROOT))


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "blueprint.py").is_file()))
def test_golden_case(case: str) -> None:
    folder = CASES / case
    assert _tree(folder / "expected") == hagen.plan([folder / "blueprint.py"]), "run `make golden` and review"

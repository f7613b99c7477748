"""Everything hagen writes is yamllint-clean under the repository's documented config (.yamllint.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from yamllint import linter
from yamllint.config import YamlLintConfig

import hagen
from tests.conftest import ROOT
from tests.golden.regenerate import CASES

CONFIG = YamlLintConfig(file=str(ROOT / ".yamllint.yaml"))


def _sources() -> list[Path]:
    return [ROOT / "blueprints", *sorted(CASES.glob("*/blueprint.py"))]


@pytest.mark.parametrize("source", _sources(), ids=lambda p: p.parent.name if p.is_file() else p.name)
def test_output_is_yamllint_clean(source: Path) -> None:
    problems = []
    for path, text in hagen.plan([source]).items():
        if path.endswith(".yaml"):
            problems += [f"{path}:{p.line}: {p.desc} ({p.rule})" for p in linter.run(text, CONFIG)]
    assert problems == []

"""The README's example output is what the commands print: its `hagen place --target prod` block is
compared line by line with a real run on the example project."""

from __future__ import annotations

import shutil
from pathlib import Path

import hagen
from tests.conftest import ROOT, run_hagen

COMMAND = "$ .venv/bin/hagen place --target prod\n"
README_LINES = (ROOT / "README.md").read_text().splitlines(keepends=True)


def _shown(command: str) -> str:
    """The output the README shows under `command`, up to the next command or the end of the block."""
    text = (ROOT / "README.md").read_text()
    after = text[text.index(command) + len(command) :]
    block = after[: after.index("```")]
    lines = block.splitlines(keepends=True)
    return "".join(lines[: next((i for i, line in enumerate(lines) if line.startswith("$ ")), len(lines))])


def test_the_placement_shown_is_the_placement_printed() -> None:
    proc = run_hagen("place", "--target", "prod", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert _shown(COMMAND) == proc.stdout + proc.stderr


def test_the_abridged_blueprint_loads_and_makes_the_examples_workloads(tmp_path: Path) -> None:
    # the README's Python block as a blueprint file of its own: it loads, and makes the example's workloads
    text = (ROOT / "README.md").read_text()
    (tmp_path / "shop.py").write_text(text.split("```python\n", 1)[1].split("```", 1)[0])
    (shown,) = hagen.synthesize_all([tmp_path / "shop.py"])
    (whole,) = hagen.synthesize_all([ROOT / "blueprints"])

    def workloads(synthesis: hagen.Synthesis) -> list[str]:
        return sorted(hagen.object_id(o) for o in synthesis.objects if o["kind"] in ("Deployment", "Service"))

    assert (
        workloads(shown)
        == workloads(whole)
        == [
            "apps.Deployment.shop.backend",
            "apps.Deployment.shop.frontend",
            "core.Service.shop.backend",
            "core.Service.shop.frontend",
        ]
    )


def test_the_synth_shown_is_what_a_fresh_clone_prints(tmp_path: Path) -> None:
    shown = _shown(next(line for line in README_LINES if line.startswith("$ make synth")))
    for part in ("blueprints", "targets", "out"):  # a copy: the test never writes the checkout's out/
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "hagen.toml", tmp_path)
    proc = run_hagen("synth", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert shown == proc.stdout

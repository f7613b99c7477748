"""The README's example output is what the commands print: its `hagen place --target prod` block is
compared line by line with a real run on the example project."""

from __future__ import annotations

from tests.conftest import ROOT, run_hagen

COMMAND = "$ .venv/bin/hagen place --target prod\n"


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

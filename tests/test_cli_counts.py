"""`--nodes` and `--zones` mean one thing to every command: check counts with them, place builds nodes from
them, so both refuse the same values with the same words; an unknown target is named as such by diff too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_hagen

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("flag", "value", "said"),
    [
        ("--nodes", "0", "argument --nodes: expected at least 1, got 0"),
        ("--nodes", "-1", "argument --nodes: expected at least 1, got -1"),
        ("--zones", "0", "argument --zones: expected 1 to 26, got 0"),
        ("--zones", "27", "argument --zones: expected 1 to 26, got 27"),  # zone-a..zone-z
        ("--nodes", "two", "argument --nodes: expected a whole number, got 'two'"),
    ],
)
def test_check_and_place_refuse_the_same_counts(flag: str, value: str, said: str) -> None:
    for command in ("check", "place"):
        result = run_hagen(command, "--target", "prod", flag, value, cwd=ROOT)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.splitlines()[-1] == f"hagen: error: {said}"


def test_diff_names_an_unknown_target_as_every_command_does() -> None:
    expected = "--target 'nope': no such target in hagen.toml; targets: dev, prod"
    for argv in (("diff", "--target", "nope"), ("check", "--target", "nope"), ("place", "--target", "nope")):
        result = run_hagen(*argv, cwd=ROOT)
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            f"hagen {argv[0]}: error: {expected}\n",
        )

"""Hostile or broken blueprints through the real CLI: one message naming file, line and value; exit 2;
no traceback; nothing written or removed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_hagen

HEADER = "from hagen import Blueprint, Tier, colocate\n"


def _synth(tmp_path: Path, body: str) -> tuple[int, str, Path]:
    folder = tmp_path / "bp"
    folder.mkdir(exist_ok=True)
    (folder / "app.py").write_text(HEADER + textwrap.dedent(body))
    out = tmp_path / "out"
    result = run_hagen("synth", str(folder), "-o", str(out))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr, out


TIER = 'Tier(name="web", image="nginx:1.27", {})'


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("replicas=True", ["app.py", "App", "Tier[web].replicas", "True is a boolean", "int32"]),
        ("replicas='3'", ["Tier[web].replicas", "'3' is a str, not an integer", "2147483647"]),
        (
            "replicas=10**12",
            ["Tier[web].replicas", "1000000000000 is beyond int32", "-2147483648 to 2147483647"],
        ),
        ("run_as_user=True", ["Tier[web].run_as_user", "True is a boolean", "int64"]),
        ("resources=Resources(cpu='-1')", ["Resources.cpu", "'-1' is negative", "quantity >= 0"]),
        ("resources=Resources(memory='-1')", ["Resources.memory", "'-1' is negative"]),
        (
            "resources=Resources(memory='128MB')",
            ["Resources.memory", "'128MB' is not a quantity", "Ki to Ei"],
        ),
        ("resources=Resources(cpu='1000ms')", ["Resources.cpu", "'1000ms' is not a quantity"]),
    ],
)
def test_bad_fields_are_refused(tmp_path: Path, field: str, expected: list[str]) -> None:
    body = f"from hagen import Resources\nclass App(Blueprint):\n    tiers = [{TIER.format(field)}]\n"
    code, stderr, out = _synth(tmp_path, body)
    assert code == 2
    for text in expected:
        assert text in stderr
    assert not out.exists()


def test_colocate_cycle_names_both_tiers(tmp_path: Path) -> None:
    code, stderr, _ = _synth(
        tmp_path,
        """
        class App(Blueprint):
            tiers = [
                Tier(name="a", image="x/a:1", placement=[colocate("b")]),
                Tier(name="b", image="x/b:1", placement=[colocate("a")]),
            ]
        """,
    )
    assert code == 2
    assert "App: tiers[0].placement: colocate() rules form a cycle ('a' -> 'b' -> 'a')" in stderr
    assert "every pod stays Pending" in stderr and "soft=True" in stderr


def test_a_soft_rule_breaks_the_cycle(tmp_path: Path) -> None:
    code, stderr, _ = _synth(
        tmp_path,
        """
        class App(Blueprint):
            tiers = [
                Tier(name="a", image="x/a:1", placement=[colocate("b")]),
                Tier(name="b", image="x/b:1", placement=[colocate("a", soft=True)]),
            ]
        """,
    )
    assert code == 0, stderr


def test_empty_blueprints_folder_removes_nothing(tmp_path: Path) -> None:
    assert (
        run_hagen(
            "synth", str(Path(__file__).parent.parent / "blueprints"), "-o", str(tmp_path / "out")
        ).returncode
        == 0
    )
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*"))
    (tmp_path / "empty").mkdir()
    result = run_hagen("synth", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"no blueprints found in {(tmp_path / 'empty').as_posix()}" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*")) == before


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("import sys\nsys.exit(3)\n", "app.py:3: sys.exit(3) called (while the blueprint was imported)"),
        (
            "raise KeyboardInterrupt\n",
            "app.py:2: KeyboardInterrupt raised (while the blueprint was imported)",
        ),
        (
            "class App(Blueprint):\n    def tiers(self):\n        raise RuntimeError('no tiers today')\n",
            "app.py:4: App.tiers: RuntimeError: no tiers today (when hagen read the attribute)",
        ),
        (
            "class App(Blueprint):\n    def tiers(self):\n        raise SystemExit(4)\n",
            "app.py:4: App.tiers: sys.exit(4) called (when hagen read the attribute)",
        ),
        (
            "class App(Blueprint):\n    def __init__(self, size):\n        self.size = size\n",
            "app.py:2: App: a Blueprint is created without arguments, but its __init__ needs some",
        ),
    ],
)
def test_a_blueprints_own_exceptions_are_input_errors(tmp_path: Path, body: str, expected: str) -> None:
    code, stderr, out = _synth(tmp_path, body)
    assert code == 2
    assert expected in stderr
    assert stderr.count("\n") == 1
    assert not out.exists()

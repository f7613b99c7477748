"""What start-up loads, and the synth command's process policy (what is imported, what is restored)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import hagen
from hagen._cli import main

# Packages whose import costs more than `hagen --help` itself; they load when a command needs them.
HEAVY = ("pydantic", "pydantic_core", "yaml", "_yaml", "ruamel", "jsonschema_rs", "jinja2", "cdk8s")


def _imported(*argv: str) -> set[str]:
    """Top-level names of every module `python -m hagen ARGV` imports (from -X importtime's report)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hagen", *argv], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    return names


@pytest.mark.parametrize("argv", [("--help",), ("synth", "--help"), ("validate", "--help"), ("--version",)])
def test_help_imports_no_heavy_module(argv: tuple[str, ...]) -> None:
    names = _imported(*argv)
    assert "hagen._cli" in names  # the report is read: the entry point's own modules are in it
    heavy = sorted(n for n in names if n.split(".")[0] in HEAVY)
    assert heavy == []
    # pydantic's plugin discovery reads every installed package's metadata: never for help.
    assert "importlib.metadata" not in names


def test_stream_is_the_rendered_text_in_pieces() -> None:
    objects = [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"c{i}"}, "data": {"k": "a: b"}}
        for i in range(3)
    ]
    pieces = list(hagen.stream_objects(objects, "made by hagen"))
    assert "".join(pieces) == hagen.render_objects(objects, "made by hagen")
    assert pieces[0] == "# made by hagen\n"
    assert pieces[1] == "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c0\ndata:\n  k: 'a: b'\n"


def test_synth_restores_the_cycle_collector(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert gc.isenabled()
    code = main(["synth", "blueprints", "--stdout"])
    assert code == 0
    assert "kind: Deployment" in capsys.readouterr().out
    assert gc.isenabled()

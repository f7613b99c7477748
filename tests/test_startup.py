"""What start-up loads, and the process policy of synth and place (what is imported, what is restored)."""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen._cli import build_parser, main

# Packages whose import costs more than `hagen --help` itself; they load when a command needs them.
HEAVY = ("pydantic", "pydantic_core", "yaml", "_yaml", "ruamel", "jsonschema_rs", "jinja2", "cdk8s")
# Standard modules a help text does not need (annotations only, or used by one command's handler): each
# costs a few milliseconds, and together they were a quarter of `hagen --help`.
NOT_FOR_HELP = (
    "typing",
    "pathlib",
    "urllib.parse",
    "traceback",
    "importlib.metadata",
    "collections.abc",
    "dataclasses",
    "json",
    "tomllib",
    "subprocess",
)
COMMANDS = ("synth", "diff", "validate", "check", "place", "report")


# Runs `python -m hagen ARGV` as the console does and lists sys.modules at exit. (`-X importtime` is not
# enough: it does not see modules loaded through importlib.import_module, as the lazy namespaces do.)
_PROBE = """
import atexit, runpy, sys
atexit.register(lambda: print("modules:", *sorted(sys.modules), file=sys.stderr))
runpy.run_module("hagen", run_name="__main__", alter_sys=True)
"""


def _imported(*argv: str, cwd: Path | None = None) -> set[str]:
    """The name of every module `python -m hagen ARGV` (run in `cwd`) has imported when it exits."""
    result = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(result.stderr.rsplit("modules:", 1)[1].split())


@pytest.mark.parametrize("argv", [("--help",), ("--version",), *((c, "--help") for c in COMMANDS)])
def test_help_imports_no_heavy_module(argv: tuple[str, ...]) -> None:
    names = _imported(*argv)
    assert "hagen._cli" in names  # the report is read: the entry point's own modules are in it
    heavy = sorted(n for n in names if n.split(".")[0] in HEAVY)
    assert heavy == []
    # pydantic's plugin discovery reads every installed package's metadata: never for help.
    assert sorted(n for n in NOT_FOR_HELP if n in names) == []
    # The commands' own modules register their flags; the API behind them loads in their handlers.
    assert sorted(n for n in names if n.startswith("hagen.") and not n.startswith("hagen._cli")) == [
        "hagen._version"
    ]


def _command_help(parser: argparse.ArgumentParser, name: str) -> str:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return str(action.choices[name].format_help())


@pytest.mark.parametrize("argv", [["--help"], ["--debug"], *([c, "--help"] for c in COMMANDS)])
def test_a_run_builds_its_own_command_only_and_helps_the_same(argv: list[str]) -> None:
    full, partial = build_parser(), build_parser(argv)
    assert partial.format_help() == full.format_help()  # every command listed with its one-line help
    command = next((a for a in argv if not a.startswith("-")), None)
    for name in COMMANDS:
        if name == command:
            assert _command_help(partial, name) == _command_help(full, name)
        else:  # listed, flags not built
            assert _command_help(partial, name) != _command_help(full, name)


def test_synth_imports_neither_the_simulator_nor_the_check_rules(tmp_path: pytest.TempPathFactory) -> None:
    # The example uses ClusterProfile and the Jenkins values models: their own modules, not the scheduler
    # simulation, the `hagen check` rules or the Helm engine's renderer behind the same packages.
    names = _imported("synth", "-o", str(tmp_path))
    assert "hagen._place._cluster" in names
    assert "hagen._helm._jenkins" in names
    unneeded = ("hagen._place._command", "hagen._place._simulate", "hagen._check._run", "hagen._helm._render")
    assert sorted(n for n in unneeded if n in names) == []


def test_synth_of_a_folder_loads_no_target_machinery(tmp_path: pytest.TempPathFactory) -> None:
    # `hagen synth blueprints -o DIR` synthesizes the folder, not the targets: the per-target overrides,
    # the process pool and the GitOps renderers stay unloaded (the [gitops] tables are still checked).
    names = _imported("synth", "blueprints", "-o", str(tmp_path))
    assert "hagen._project._gitops_config" in names
    assert "hagen._gitops._fields" in names
    unneeded = (
        "hagen._project._overrides",
        "hagen._project._render",
        "hagen._project._plan",
        "hagen._gitops._argocd",
        "hagen._gitops._flux",
        "hagen._gitops._model",
    )
    assert sorted(n for n in unneeded if n in names) == []


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


def test_place_runs_without_the_cycle_collector_and_restores_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    real = hagen.place_command

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(hagen, "place_command", spy)
    assert gc.isenabled()
    code = main(["place", "tests/data/place/pairs.yaml", "--nodes", "2", "--zones", "2"])
    assert code == 0
    assert "2 node(s), 4 pod(s): 4 running, 0 Pending" in capsys.readouterr().out
    assert seen == [False]
    assert gc.isenabled()


def test_validating_a_file_outside_a_project_reads_no_configuration(tmp_path: Path) -> None:
    # inside a project the file is validated at its kube_version (tests/test_validate_cli.py); outside
    # one there is nothing to read, and the configuration's models (pydantic) are not loaded
    (tmp_path / "svc.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: b}\n")
    if hagen.find_project(tmp_path) is not None:
        pytest.skip(f"{tmp_path} is inside a project: {hagen.find_project(tmp_path)}")
    names = _imported("validate", "svc.yaml", cwd=tmp_path)
    assert "hagen._validate._run" in names
    assert sorted(n for n in names if n.split(".")[0] in ("pydantic", "pydantic_core")) == []

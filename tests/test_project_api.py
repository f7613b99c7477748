"""The public API as one vocabulary: str or Path everywhere, isolated blueprint folders, every user error a
HagenError (found by introspection), crashes as exit 3, and a CLI that uses only the public API."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hagen
from tests.conftest import ROOT, run_hagen
from tests.test_project_context import folder, images

FOLDERS = {
    "a": "registry.example.com/a:1.0",
    "b": "registry.example.com/b:2.0",
    "c": "registry.example.com/c:3.0",
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("folders")
    return {key: folder(root / key, f"app{key}", image) for key, image in FOLDERS.items()}


def test_loading_leaves_sys_path_and_sys_modules_clean(folders: dict[str, Path]) -> None:
    path_before, modules_before = list(sys.path), set(sys.modules)
    syntheses = hagen.synthesize_all([folders["a"], folders["b"]])
    assert sys.path == path_before
    leaked = [
        name
        for name in set(sys.modules) - modules_before
        if str(folders["a"].parent) in str(getattr(sys.modules[name], "__file__", "") or "")
    ]
    assert leaked == [] and "_common" not in sys.modules
    text = hagen.render_objects(o for s in syntheses for o in s.objects)
    assert images(text) == {"appa": FOLDERS["a"], "appb": FOLDERS["b"]}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(["a", "b", "c"]), twice=st.booleans())
def test_folder_order_and_repeated_loads_give_the_same_bytes(
    folders: dict[str, Path], order: list[str], twice: bool
) -> None:
    expected = hagen.plan([folders[k] for k in "abc"])
    files = hagen.plan([folders[k] for k in order])
    if twice:  # a second load in the same process must not pick up the first one's modules
        files = hagen.plan([folders[k] for k in order])
    assert files == expected
    assert images("".join(t for p, t in files.items() if p.endswith("deployment-web.yaml"))) == {
        f"app{k}": image for k, image in FOLDERS.items()
    }


def _release(**extra: Any) -> hagen.HelmRelease:
    chart = hagen.Chart(name="tiny", repository="https://c.example.org")
    return hagen.HelmRelease(name="demo", namespace="web", chart=chart, version="0.1.0", **extra)


@pytest.mark.parametrize("kind", [str, Path], ids=["str", "Path"])
def test_every_public_function_takes_str_and_path(
    kind: Any, folders: dict[str, Path], tmp_path: Path
) -> None:
    src, out = folders["a"], tmp_path / "out"
    assert [s.name for s in hagen.load_blueprints(kind(src))] == ["appa"]
    assert list(hagen.plan(kind(src))) == [".hagen-owned", *sorted(p for p in hagen.plan(src) if "/" in p)]
    assert "appa/deployment-web.yaml" in hagen.synth(kind(src), kind(out)).written
    assert hagen.diff_output(kind(src), kind(out)).drift is False
    assert hagen.diff_output([kind(src)], kind(out)).drift is False
    assert hagen.diff_paths(kind(out), kind(out)).drift is False
    assert "appa/deployment-web.yaml" in hagen.read_path(kind(out)).texts
    assert hagen.validate_paths([kind(out)]).ok
    assert hagen.validate_paths(kind(out)).to_dict() == hagen.validate_paths([out]).to_dict()
    report = json.loads(hagen.json_report(hagen.check(kind(src), out_dir=kind(out))))
    assert report == json.loads(
        hagen.json_report(hagen.check(hagen.synthesize_all(src), out_dir=out.as_posix()))
    )
    synthesis = hagen.synthesize_all(kind(src))[0]
    placed = hagen.place(synthesis)
    where = sorted((p.pod.name, p.node) for p in placed.simulation.placements)
    assert where == [("web-1", "node-1"), ("web-2", "node-2")]  # separate by default: one per node
    from_objects = hagen.place(synthesis.objects, synthesis.blueprint.cluster).simulation.placements
    assert sorted((p.pod.name, p.node) for p in from_objects) == where
    from_path = hagen.place(kind(src)).simulation.placements  # a folder is loaded, not iterated
    assert sorted((p.pod.name, p.node) for p in from_path) == where
    with pytest.raises(hagen.ChartError, match="no local copy of chart tiny"):
        hagen.render_release(_release(), {}, kind(tmp_path / "missing"))
    (tmp_path / "values.yaml").write_text("buildDate: 2024-01-01\n")
    assert hagen.release_values(_release(values_files=("values.yaml",)), kind(tmp_path)) == {
        "buildDate": "2024-01-01"
    }
    profile = hagen.load_profile(kind(ROOT / "tests" / "data" / "place" / "cluster.yaml"))
    assert profile == hagen.load_profile(ROOT / "tests" / "data" / "place" / "cluster.yaml") and profile.nodes
    assert hagen.load_project(kind(tmp_path)).root == tmp_path.resolve()


def _hagen_exceptions() -> set[type[BaseException]]:
    found: set[type[BaseException]] = set()
    for info in pkgutil.walk_packages(hagen.__path__, "hagen."):
        if "cdk8s" in info.name or info.name == "hagen.__main__":  # optional extra (checked below); the CLI
            continue
        module = importlib.import_module(info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            # private signals (_Name) never leave their module
            if (
                issubclass(value, BaseException)
                and value.__module__ in ("hagen", info.name)
                and name[0] != "_"
            ):
                found.add(value)
    return found


def test_every_exception_hagen_defines_is_a_hagen_error() -> None:
    found = _hagen_exceptions()
    assert {hagen.QuantityError, hagen.SelectorError, hagen.InvalidOutput} <= found
    assert [c.__qualname__ for c in found if not issubclass(c, hagen.HagenError)] == []
    from hagen._cdk8s._runtime import Cdk8sUnavailable

    assert issubclass(Cdk8sUnavailable, hagen.HagenError)


def test_every_public_blueprint_model_raises_blueprint_errors() -> None:
    """Found by introspection: each public model a blueprint builds (not the project configuration, whose
    errors are InputErrors of hagen.toml) turns pydantic's ValidationError into a BlueprintError."""
    from pydantic import BaseModel

    models = [
        getattr(hagen, n)
        for n in hagen.__all__
        if isinstance(getattr(hagen, n), type)
        and issubclass(getattr(hagen, n), BaseModel)
        and n not in ("Project", "ProjectConfig")
    ]
    assert {hagen.ClusterProfile, hagen.ConfigMap, hagen.Taint, hagen.JsonPatch} <= set(models)
    for model in models:
        with pytest.raises(hagen.BlueprintError) as caught:
            model(zzz_unknown=1)
        assert caught.value.field in (f"{model.__name__}.zzz_unknown", "zzz_unknown", model.__name__), model
    with pytest.raises(hagen.BlueprintError) as bad_cpu:
        hagen.ClusterProfile.shorthand(nodes=1, zones=1, cpu="-1")
    assert (bad_cpu.value.field, bad_cpu.value.value) == ("Allocatable.cpu", "-1")
    assert "is negative" in str(bad_cpu.value)
    with pytest.raises(hagen.BlueprintError) as bad_name:
        hagen.ConfigMap(name="Bad_Name", data={"a": "b"})
    assert (bad_name.value.field, bad_name.value.value) == ("ConfigMap.name", "Bad_Name")


def test_except_schema_error_catches_invalid_output() -> None:
    with pytest.raises(hagen.SchemaError) as caught:
        raise hagen.InvalidOutput({})
    assert caught.value.reports == {} and not issubclass(hagen.SchemaViolation, BaseException)
    with pytest.raises(hagen.QuantityError, match="1x"):
        hagen.parse_quantity("1x")


def test_the_hierarchy_in_the_docstring_is_the_classes() -> None:
    drawn: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    doc = (hagen.HagenError.__doc__ or "").split("::", 1)[1].strip("\n").split("\n\n")[0]  # the drawing
    for line in doc.splitlines():
        match = re.match(r"^\s*((?:[│ ]   )*)(?:[├└]── )?([A-Z]\w+)\s", line + " ")
        assert match, line
        depth = len(match.group(1)) // 4 + (1 if re.search(r"[├└]── ", line) else 0)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        drawn[match.group(2)] = stack[-1][1] if stack else ""
        stack.append((depth, match.group(2)))
    public = {
        n
        for n in hagen.__all__
        if isinstance(getattr(hagen, n), type) and issubclass(getattr(hagen, n), BaseException)
    }
    assert set(drawn) == public - {"SchemaError"}  # drawn as InvalidOutput's other name
    for name, parent in drawn.items():
        cls = getattr(hagen, name)
        bases = [b.__name__ for b in cls.__bases__ if issubclass(b, hagen.HagenError)]
        assert bases == ([parent] if parent else []), name


SITE_BUG = """
import hagen

def _boom(*args, **kwargs):
    raise ZeroDivisionError("simulated bug")

hagen.synthesize_all = hagen.synthesize_stream = _boom
"""


def test_a_crash_exits_3_with_one_line_and_the_traceback_only_with_debug(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(SITE_BUG)
    env = {"PYTHONPATH": str(tmp_path / "site")}
    plain = run_hagen("synth", "--stdout", str(ROOT / "blueprints" / "shop.py"), cwd=tmp_path, env=env)
    assert plain.returncode == 3 and plain.stdout == ""
    assert plain.stderr.splitlines() == [
        f"hagen synth: internal error (ZeroDivisionError: simulated bug); this is a bug in hagen "
        f"{hagen.__version__}: please report it with the command that caused it (--debug shows the traceback)"
    ]
    debug = run_hagen(
        "--debug", "synth", "--stdout", str(ROOT / "blueprints" / "shop.py"), cwd=tmp_path, env=env
    )
    assert debug.returncode == 3
    assert "Traceback (most recent call last)" in debug.stderr and "in _boom" in debug.stderr
    assert debug.stderr.splitlines()[-1] == plain.stderr.splitlines()[0]


def _private_imports(path: Path) -> list[str]:
    bad = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.level == 2 and node.module is None) or node.module == "hagen":
                if node.level == 2 or node.module == "hagen":
                    bad += [a.name for a in node.names if a.name not in [*hagen.__all__, "__version__"]]
                continue
            module = node.module or ""
            if node.level >= 2 or module.startswith("hagen."):
                bad.append(f"{'.' * node.level}{module}")
        elif isinstance(node, ast.Import):
            bad += [a.name for a in node.names if a.name.startswith("hagen.")]
    return [f"{path.name}: {b}" for b in bad]


def test_the_cli_imports_only_the_public_api() -> None:
    offenders = [b for path in sorted((ROOT / "hagen" / "_cli").glob("*.py")) for b in _private_imports(path)]
    assert offenders == []
    assert _private_imports_of(
        "from .._diff._tree import Tree\nfrom .. import Tree\nimport hagen._yaml\n"
    ) == [
        "x.py: .._diff._tree",
        "x.py: hagen._yaml",
    ]


def _private_imports_of(code: str) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.py"
        path.write_text(code)
        return _private_imports(path)


def _hagen_class(name: str, func: Any) -> type | None:
    """The class `name` in a public function's annotations refers to, if hagen defines it."""
    found = func.__globals__.get(name)
    if found is None:  # imported under TYPE_CHECKING only: look in hagen's loaded modules
        candidates = [getattr(m, name, None) for k, m in list(sys.modules.items()) if k.startswith("hagen.")]
        found = next((c for c in candidates if isinstance(c, type)), None)
    is_hagens = isinstance(found, type) and found.__module__.startswith("hagen")
    return found if is_hagens else None


def test_the_types_public_functions_take_and_return_are_exported() -> None:
    for name in hagen.__all__:
        getattr(hagen, name)  # load every module, so that annotation names resolve
    missing = set()
    for name in hagen.__all__:
        func = getattr(hagen, name)
        if not inspect.isfunction(func):
            continue
        signature = inspect.signature(func)
        texts = [
            str(signature.return_annotation),
            *(str(p.annotation) for p in signature.parameters.values()),
        ]
        for used in {n for text in texts for n in re.findall(r"\b([A-Z]\w+)\b", text)}:
            cls = _hagen_class(used, func)
            if cls is not None and getattr(hagen, cls.__name__, None) is not cls:
                missing.add(f"{name}: {used}")
    assert sorted(missing) == []

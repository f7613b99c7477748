"""One project context: folders honoured by every command, pure synthesis, isolated blueprint folders,
one input vocabulary for the API, every user error a HagenError, crashes distinct from findings."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import yaml

import hagen
from tests.conftest import ROOT, run_hagen

APP = """
from hagen import Blueprint, ClusterProfile, Port, Tier
from _common import IMAGE


class {cls}(Blueprint):
    name = "{name}"
    cluster = ClusterProfile.shorthand(nodes=2, zones=2)
    tiers = [Tier(name="web", image=IMAGE, replicas=2, ports=[Port(name="http", port=8080)])]
"""


def folder(path: Path, name: str, image: str) -> Path:
    path.mkdir(parents=True)
    (path / "_common.py").write_text(f"IMAGE = {image!r}\n")
    (path / "app.py").write_text(APP.format(cls=name.title(), name=name))
    return path


def images(text: str) -> dict[str, str]:
    found = {}
    for doc in yaml.safe_load_all(text):
        if doc and doc["kind"] == "Deployment":
            found[doc["metadata"]["namespace"]] = doc["spec"]["template"]["spec"]["containers"][0]["image"]
    return found


def test_each_blueprint_folder_gets_its_own_helpers(tmp_path: Path) -> None:
    folder(tmp_path / "a", "alpha", "registry.example.com/a:1.0")
    folder(tmp_path / "b", "beta", "registry.example.com/b:2.0")
    result = run_hagen("synth", "a", "b", "--stdout", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert images(result.stdout) == {
        "alpha": "registry.example.com/a:1.0",
        "beta": "registry.example.com/b:2.0",
    }


def test_every_command_honours_the_project_folders(tmp_path: Path) -> None:
    (tmp_path / "hagen.toml").write_text('blueprints = ["bp"]\nout = "build"\n')
    folder(tmp_path / "bp", "shop", "registry.example.com/shop:1.0")
    synth = run_hagen("synth", cwd=tmp_path)
    assert synth.stdout == "hagen synth: 1 blueprint -> build/: 5 written, 0 unchanged, 0 removed\n"
    assert (tmp_path / "build" / "shop" / "deployment-web.yaml").is_file() and not (tmp_path / "out").exists()
    diff = run_hagen("diff", cwd=tmp_path)
    assert (diff.returncode, diff.stdout) == (0, "no drift\n"), diff.stderr
    check = run_hagen("check", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (0, "0 errors, 0 warnings, 0 info (0 suppressed)\n"), (
        check.stderr
    )
    place = run_hagen("place", cwd=tmp_path)
    assert place.returncode == 0, place.stderr
    assert place.stdout.startswith("2 node(s), 2 pod(s): 2 running, 0 Pending\n")
    validate = run_hagen("validate", "build", cwd=tmp_path)
    assert validate.returncode == 0 and "4 objects validated" in validate.stdout, validate.stderr
    (tmp_path / "hagen.toml").write_text('blueprints = ["bp"]\nout = "build"\nkube_version = "1.33"\n')
    default = run_hagen("validate", cwd=tmp_path)  # no PATH: the project's out folder and its version
    assert default.returncode == 0, default.stderr
    assert default.stdout.endswith(
        "4 objects validated against Kubernetes 1.33: 0 errors in 0 objects, 1 not validated\n"
    )
    empty = run_hagen("validate", cwd=tmp_path / "bp")  # the configuration and its out folder found upward
    assert empty.returncode == 0, empty.stderr


def test_a_values_file_date_is_written_as_text_by_the_cli(tmp_path: Path) -> None:
    bp = folder(tmp_path / "bp", "shop", "registry.example.com/shop:1.0")
    (bp / "values.yaml").write_text("buildDate: 2024-01-01\n")
    release = (
        "\nfrom hagen import Chart, HelmRelease\n\n"
        "Shop.releases = [HelmRelease(name='demo', namespace='web', "
        "chart=Chart(name='tiny', repository='https://c.example.org'), version='0.1.0', "
        "values_files=('values.yaml',))]\n"
    )
    (bp / "app.py").write_text((bp / "app.py").read_text() + release)
    result = run_hagen("synth", "bp", "-o", "out", cwd=tmp_path, env={"HELM_REPOSITORY_CACHE": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    values = (tmp_path / "out" / "shop" / "helm" / "demo" / "values.yaml").read_text()
    assert values.endswith("---\nbuildDate: '2024-01-01'\n")


def test_synthesis_does_not_depend_on_the_environment(tmp_path: Path, monkeypatch: object) -> None:
    project = hagen.load_project(ROOT, env={})
    specs = hagen.load_blueprints(ROOT / "blueprints", project=project)
    before = [hagen.render(hagen.synthesize(s)) for s in specs]
    mp = monkeypatch  # a different home, cache and CLI history must not matter once loaded
    mp.setenv("HOME", str(tmp_path))  # type: ignore[attr-defined]
    mp.setenv("HELM_REPOSITORY_CACHE", str(tmp_path))  # type: ignore[attr-defined]
    # in this process, so that state a CLI run left behind (a chart copy, a context variable) would show
    from hagen._cli import main

    mp.chdir(ROOT)  # type: ignore[attr-defined]
    assert main(["synth", "--stdout", "--target", "prod", "--chart", f"jenkins={tmp_path}"]) == 2
    assert [hagen.render(hagen.synthesize(s)) for s in specs] == before
    assert not hasattr(importlib.import_module("hagen._helm._check"), "CHART_PATHS")


def test_schema_error_is_an_exception_and_the_record_is_data() -> None:
    assert issubclass(hagen.SchemaError, hagen.HagenError) and hagen.SchemaError is hagen.InvalidOutput
    assert not issubclass(hagen.SchemaViolation, BaseException)
    try:
        raise hagen.InvalidOutput({})
    except hagen.SchemaError as exc:
        assert exc.reports == {}


def test_misspelt_fields_are_blueprint_errors_with_a_suggestion() -> None:
    for make, field, hint in (
        (lambda: hagen.Tier(name="web", image="nginx:1.27", replica=2), "Tier[web].replica", "'replicas'"),
        (lambda: hagen.Jenkins(controler={}), "Jenkins.controler", "'controller'"),
        (
            lambda: hagen.Jenkins(controller={"serviceTyp": "x"}),
            "Jenkins.controller.serviceTyp",
            "'service_type'",
        ),
        # the misspelling, not the field it leaves missing, is what the one message names
        (
            lambda: hagen.Tier(name="web", image="nginx:1.27", ports=[{"name": "http", "prot": 80}]),
            "Tier[web].ports[0].prot",
            "'port'",
        ),
    ):
        try:
            make()
        except hagen.BlueprintError as exc:
            assert exc.field == field and f"did you mean {hint}?" in str(exc)
        else:
            raise AssertionError(field)
    try:
        hagen.Tier(name="Bad_Name", image="nginx:1.27")
    except hagen.BlueprintError as exc:
        assert exc.field == "Tier.name" and exc.value == "Bad_Name" and "DNS-1035" in str(exc)


def test_a_values_file_date_stays_a_string(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text("buildDate: 2024-01-01\n")
    release = hagen.HelmRelease(
        name="demo",
        namespace="web",
        chart=hagen.Chart(name="tiny", repository="https://c.example.org"),
        version="0.1.0",
        values_files=("values.yaml",),
    )
    assert hagen.release_values(release, str(tmp_path))["buildDate"] == "2024-01-01"


def test_no_module_inside_hagen_imports_the_package_root() -> None:
    offenders = []
    for path in (ROOT / "hagen").rglob("*.py"):
        if (path.name == "__init__.py" and path.parent.name == "hagen") or "_cli" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import) and any(a.name == "hagen" for a in node.names):
                offenders.append(path.name)
            if isinstance(node, ast.ImportFrom) and (
                node.module == "hagen"
                or (
                    node.level > 0
                    and node.module is None
                    and any(a.name not in ("_output", "_synth", "_validate", "_reasons") for a in node.names)
                    and path.parent.name == "hagen"
                )
            ):
                offenders.append(path.name)
    assert offenders == []


def test_a_chart_copy_for_no_release_is_refused_for_targets_too(tmp_path: Path) -> None:
    result = run_hagen("synth", "--chart", f"jenkns={tmp_path}", "-o", str(tmp_path / "out"))  # the example
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert (
        result.stderr
        == "hagen synth: error: --chart jenkns=...: no release is named 'jenkns'; releases: jenkins\n"
    )

"""Which PATHs are blueprints and which are manifests: one rule (`hagen.split_paths`) for check, place,
report, validate and diff, through the real entry point and the API. A blueprints folder's values files and
chart copies are the blueprints' inputs, never manifests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import hagen
from tests._check_objects import container, deployment
from tests.conftest import DATA, run_hagen

BLUEPRINT = """\
from hagen import Blueprint, Chart, HelmRelease, Port, Tier


class Web(Blueprint):
    name = "web"
    namespace = "web"
    tiers = [Tier(name="api", image="registry.example.com/api:1.0", replicas=2,
                  ports=[Port(name="http", port=8080)])]
    releases = [HelmRelease(name="tiny", namespace="web", version="0.1.0",
                            chart=Chart(name="tiny", repository="https://charts.example.org"),
                            values_files=["values/tiny.yaml"], chart_path="charts/tiny")]
"""


def _project(tmp: Path) -> Path:
    """blueprints/ holding a blueprint, the values file its release names and a chart copy, whose templates
    are not YAML until Helm renders them."""
    (tmp / "hagen.toml").write_text('blueprints = ["blueprints"]\nout = "out"\n')
    folder = tmp / "blueprints"
    (folder / "values").mkdir(parents=True)
    (folder / "web.py").write_text(BLUEPRINT)
    (folder / "values" / "tiny.yaml").write_text("greeting: hi\n")
    shutil.copytree(DATA / "charts" / "tiny", folder / "charts" / "tiny")
    assert "{{" in (folder / "charts" / "tiny" / "templates" / "configmap.yaml").read_text()
    return tmp


def _manifest(tmp: Path) -> Path:
    path = tmp / "manifests" / "cache.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(deployment("cache", containers=[container(image="redis:latest")])))
    return path


def test_a_blueprints_folder_with_a_values_file_and_a_chart_copy_is_blueprints(tmp_path: Path) -> None:
    # place read the folder as manifests and stopped on the chart's templates; check read them too
    project = _project(tmp_path)
    check = run_hagen("check", "blueprints", cwd=project)
    assert (check.returncode, check.stdout, check.stderr) == (
        0,
        "0 errors, 0 warnings, 0 info (0 suppressed)\n",
        "",
    )
    place = run_hagen("place", "blueprints", "--nodes", "2", "--format", "json", cwd=project)
    assert (place.returncode, place.stderr) == (0, "")
    placed = yaml.safe_load(place.stdout)
    assert sorted((p["name"], p["node"]) for p in placed["placements"]) == [
        ("api-1", "node-1"),
        ("api-2", "node-2"),
    ]
    report = run_hagen("report", "blueprints", "-o", "pages", cwd=project)
    assert (report.returncode, report.stdout.splitlines()[0]) == (
        0,
        "hagen report: 1 file -> pages/: 1 written, 0 unchanged, 0 removed",
    )


def test_validate_refuses_blueprints_by_the_same_rule(tmp_path: Path) -> None:
    project = _project(tmp_path)
    for path, what in (("blueprints", "a folder of blueprints"), ("blueprints/web.py", "a blueprint")):
        result = run_hagen("validate", path, cwd=project)
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            f"hagen validate: error: {path}: {what}, not YAML; hagen validate reads manifests (.yaml, "
            f".yml): `hagen synth --stdout {path}` validates the objects it makes, `hagen check {path}` "
            "reports them as schema.invalid\n",
        )


def test_report_refuses_manifests_by_the_same_rule(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _manifest(project)
    for path in ("manifests", "manifests/cache.yaml"):
        result = run_hagen("report", "blueprints", path, "-o", "pages", cwd=project)
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            f"hagen report: error: {path}: YAML manifests, not blueprints; the report draws blueprints: give "
            ".py files or folders holding them (hagen check and hagen place take manifests)\n",
        )
        assert not (project / "pages").exists()


def test_manifests_named_beside_blueprints_are_checked_and_placed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _manifest(project)
    check = run_hagen("check", "blueprints", "manifests", "--format", "json", cwd=project)
    assert check.returncode == 0, check.stderr
    findings = yaml.safe_load(check.stdout)["findings"]
    assert [(f["id"], f["object_id"], f["file"]) for f in findings] == [
        ("workload.image-latest", "apps.Deployment.shop.cache", "manifests/cache.yaml")
    ]
    place = run_hagen("place", "blueprints", "manifests", "--nodes", "2", "--format", "json", cwd=project)
    assert (place.returncode, place.stderr) == (0, "")
    names = sorted(p["name"] for p in yaml.safe_load(place.stdout)["placements"])
    assert names == ["api-1", "api-2", "cache-1", "cache-2"]


def test_the_api_takes_the_paths_as_the_commands_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    _manifest(project)
    monkeypatch.chdir(project)
    result = hagen.check(["blueprints", Path("manifests/cache.yaml")])
    assert [(f.id, f.object_id) for f in result.findings] == [
        ("workload.image-latest", "apps.Deployment.shop.cache")
    ]
    placed = hagen.place(["blueprints", "manifests"], hagen.ClusterProfile.shorthand(nodes=2))
    assert sorted(p.pod.name for p in placed.simulation.placements) == [
        "api-1",
        "api-2",
        "cache-1",
        "cache-2",
    ]


def test_split_paths(tmp_path: Path) -> None:
    def folder(name: str, *files: str) -> Path:
        for file in files:
            (tmp_path / name / file).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / file).write_text("")
        return tmp_path / name

    nested = folder("nested", "team/app.py", "team/values.yaml")  # blueprints in a subfolder
    helpers = folder("helpers", "_common.py", "web.yaml")  # a helper is never imported as a blueprint
    hidden = folder("hidden", ".venv/lib/x.py", "_tools/gen.py", "web.yaml")
    yaml_file = folder("files", "web.yaml") / "web.yaml"
    py_file = folder("files", "app.py") / "app.py"
    assert hagen.split_paths([nested, str(helpers), hidden, yaml_file, py_file]) == (
        [nested, py_file],
        [helpers, hidden, yaml_file],
    )
    with pytest.raises(hagen.InputError) as caught:
        hagen.split_paths([nested, tmp_path / "missing"])
    assert str(caught.value) == f"{tmp_path}/missing: no such file or directory"

"""A null in a Helm values layer: kept where it removes a chart default, dropped everywhere else, as
Helm's coalescing (pkg/chartutil/coalesce.go) would leave it for the templates."""

from __future__ import annotations

import json
from pathlib import Path

from hagen._helm import coalesce
from hagen._helm._merge import drop_nulls

from .conftest import run_hagen

CHART_VALUES = "replicas: 1\npersistence:\n  size: 8Gi\n  storageClass: null\nserviceAnnotations: {}\n"


def test_a_null_is_kept_only_where_the_chart_default_holds_a_value() -> None:
    values = {
        "serviceAnnotations": {"example.com/team": None},
        "persistence": {"size": None, "storageClass": None},
        "replicas": None,
        "extra": None,
        "list": [None],
    }
    defaults = {"replicas": 1, "persistence": {"size": "8Gi", "storageClass": None}, "serviceAnnotations": {}}
    kept, dropped = drop_nulls(values, defaults)
    assert kept == {"serviceAnnotations": {}, "persistence": {"size": None}, "replicas": None, "list": [None]}
    assert dropped == ["serviceAnnotations.example.com/team", "persistence.storageClass", "extra"]
    assert drop_nulls(values, None) == (
        {"serviceAnnotations": {}, "persistence": {}, "list": [None]},
        [
            "serviceAnnotations.example.com/team",
            "persistence.size",
            "persistence.storageClass",
            "replicas",
            "extra",
        ],
    )


def test_coalesce_hands_a_null_without_a_default_to_the_templates() -> None:
    defaults = {"replicas": 1, "annotations": {"a": "1"}}
    values = {"replicas": None, "annotations": {"b": None}, "extra": None}
    # Helm: a null deletes the chart's default; where the chart has none the key stays, its value null
    assert coalesce(defaults, values) == {"annotations": {"a": "1", "b": None}, "extra": None}


_BLUEPRINT = """from hagen import Blueprint, Chart, HelmRelease, Port, Tier


class Ci(Blueprint):
    name = "ci"
    namespace = "ci"
    tiers = [Tier(name="web", image="registry.example.com/web:1.0.0", ports=[Port(name="http", port=8080)])]
    releases = [HelmRelease(name="demo", namespace="ci", version="1.0.0", {chart_path}
                            chart=Chart(name="demo", repository="https://charts.example.com"),
                            values_files=("base.yaml",),
                            values={{"serviceAnnotations": {{"example.com/team": None}},
                                    "persistence": {{"size": None}}}})]
"""


def _project(tmp_path: Path, chart: bool) -> Path:
    folder = tmp_path / "bp"
    folder.mkdir()
    (folder / "base.yaml").write_text("serviceAnnotations:\n  example.com/team: platform\n")
    (folder / "ci.py").write_text(_BLUEPRINT.format(chart_path='chart_path="chart",' if chart else ""))
    if chart:
        (folder / "chart").mkdir()
        (folder / "chart" / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 1.0.0\n")
        (folder / "chart" / "values.yaml").write_text(CHART_VALUES)
    return folder


def _written(tmp_path: Path, folder: Path, env: dict[str, str]) -> str:
    proc = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"), env=env)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "out" / "ci" / "helm" / "demo" / "values.yaml").read_text()
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def test_synth_keeps_the_null_that_removes_a_chart_default(tmp_path: Path) -> None:
    env = {"HELM_REPOSITORY_CACHE": str(tmp_path / "no-cache")}
    assert _written(tmp_path, _project(tmp_path, chart=True), env) == (
        "---\nserviceAnnotations: {}\npersistence:\n  size: null"
    )


def test_without_a_chart_copy_every_null_is_dropped_and_said(tmp_path: Path) -> None:
    env = {"HELM_REPOSITORY_CACHE": str(tmp_path / "no-cache")}
    folder = _project(tmp_path, chart=False)
    assert _written(tmp_path, folder, env) == "---\nserviceAnnotations: {}\npersistence: {}"
    proc = run_hagen("check", str(folder), "--format", "json", env=env)
    (found,) = [f for f in json.loads(proc.stdout)["findings"] if f["id"] == "helm.null-dropped"]
    assert found["severity"] == "info" and found["blueprint"] == "ci"
    assert found["message"].startswith(
        "release demo: null dropped from the written values at serviceAnnotations.example.com/team, "
        "persistence.size: with no copy of chart demo 1.0.0 hagen cannot tell"
    )

"""`hagen synth` and the command line as users meet it, through the real entry point."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import hagen
from hagen import _api
from tests.conftest import ROOT, run_hagen


def test_version() -> None:
    result = run_hagen("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hagen {hagen.__version__}"


@pytest.mark.parametrize("command", ["synth", "diff", "validate", "check", "place"])
def test_every_command_has_help(command: str) -> None:
    result = run_hagen(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"usage: hagen {command}" in result.stdout


def test_unknown_flag_is_usage_error() -> None:
    result = run_hagen("synth", "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_synth_writes_the_tree_and_reports_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_hagen("synth", "-o", str(out))
    assert first.returncode == 0, first.stderr
    count = len(hagen.plan_targets(hagen.load_project(ROOT))) - 1  # the ownership record is not counted
    summary = first.stdout.splitlines()[0]
    assert (
        summary == f"hagen synth: 2 targets x 1 blueprint -> {out}/: {count} written, 0 unchanged, 0 removed"
    )
    second = run_hagen("synth", "-o", str(out))
    assert f"0 written, {count} unchanged, 0 removed" in second.stdout


def test_synth_removes_files_it_no_longer_produces(tmp_path: Path) -> None:
    blueprints = tmp_path / "bp"
    blueprints.mkdir()
    source = (ROOT / "blueprints" / "shop.py").read_text()
    (blueprints / "shop.py").write_text(source)
    out = tmp_path / "out"
    assert run_hagen("synth", str(blueprints), "-o", str(out)).returncode == 0
    (blueprints / "shop.py").write_text(source.replace("network_policies = True", "network_policies = False"))
    result = run_hagen("synth", str(blueprints), "-o", str(out))
    assert "2 removed" in result.stdout
    assert not (out / "shop" / "networkpolicy-backend.yaml").exists()
    assert "networkpolicy-backend.yaml" not in (out / "shop" / "kustomization.yaml").read_text()


def test_stdout_is_one_stream_of_every_object() -> None:
    result = run_hagen("synth", "blueprints", "--stdout")  # a PATH and no --target: the blueprint itself
    assert result.returncode == 0, result.stderr
    docs = list(yaml.safe_load_all(result.stdout))
    (spec,) = hagen.load_blueprints([ROOT / "blueprints"])
    assert docs == hagen.synthesize(spec).objects


def test_schema_failure_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _api.synthesize  # the example's blueprint has Helm releases: it is synthesized whole

    def broken(spec: hagen.BlueprintSpec, *args: Any, **options: Any) -> hagen.Synthesis:
        synthesis = real(spec, *args, **options)
        deployment = next(o for o in synthesis.objects if o["kind"] == "Deployment")
        deployment["spec"]["replicaz"] = 2
        return synthesis

    monkeypatch.setattr(_api, "synthesize", broken)
    with pytest.raises(hagen.InvalidOutput) as caught:
        hagen.synth([ROOT / "blueprints"], tmp_path / "out")
    assert "replicaz" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_unknown_kube_version_is_exit_2(tmp_path: Path) -> None:
    result = run_hagen("synth", "-o", str(tmp_path / "out"), "--kube-version", "0.1")
    assert result.returncode == 2
    assert "0.1" in result.stderr
    assert not (tmp_path / "out").exists()


def test_example_output_applies_with_kustomize(tmp_path: Path) -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed")
    import subprocess

    folder = ROOT / "out" / "prod" / "shop"
    result = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = [d for d in yaml.safe_load_all(result.stdout) if d]
    (spec,) = hagen.load_blueprints([ROOT / "blueprints"])
    key = lambda o: (o["kind"], o["metadata"]["name"])  # noqa: E731
    assert sorted(map(key, built)) == sorted(map(key, hagen.synthesize(spec).objects))


def test_chart_given_on_the_command_line_checks_the_values(tmp_path: Path) -> None:
    chart = tmp_path / "jenkins"
    chart.mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: jenkins\nversion: 5.9.53\n")
    # A chart whose controller knows no serviceType: the generated values no longer fit it.
    (chart / "values.yaml").write_text(
        "controller:\n  servicePort: 8080\n  serviceTypes: ClusterIP\n  admin:\n    existingSecret: ''\n"
        "persistence:\n  storageClass: ''\n"
    )
    out = tmp_path / "out"
    result = run_hagen("synth", "--target", "prod", "-o", str(out), "--chart", f"jenkins={chart}")
    assert result.returncode == 2, result.stdout
    assert "controller.serviceType" in result.stderr and "controller.serviceTypes" in result.stderr
    assert not out.exists()
    good = run_hagen(
        "synth", "--target", "prod", "-o", str(out), "--chart", "jenkins=" + str(chart.parent / "x")
    )
    assert good.returncode == 2 and "does not exist" in good.stderr

"""`hagen check` through the real entry point: inputs, formats, --fail-on, --nodes/--zones, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from ._check_objects import container, deployment, eksctl, separated, storage_class
from .conftest import ROOT, run_hagen


def _write(path: Path, *objects: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump_all(objects, sort_keys=False))
    return path


def test_clean_manifests_exit_0(tmp_path: Path) -> None:
    _write(tmp_path / "m" / "web.yaml", deployment("web"))
    proc = run_hagen("check", str(tmp_path / "m"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("(0 suppressed)")


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_threshold(tmp_path: Path, fail_on: str, code: int) -> None:
    _write(tmp_path / "web.yaml", deployment("web", containers=[container(image="nginx:latest")]))
    proc = run_hagen("check", str(tmp_path / "web.yaml"), "--fail-on", fail_on)
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "workload.image-latest" in proc.stdout


def test_cluster_profile_flags(tmp_path: Path) -> None:
    file = _write(tmp_path / "backend.yaml", separated("backend", 3))
    assert run_hagen("check", str(file)).returncode == 0
    proc = run_hagen("check", str(file), "--nodes", "2", "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert "scheduling.anti-affinity-exceeds-domains" in [f["id"] for f in data["findings"]]
    assert data["findings"][0]["file"] == str(file)


def test_driver_in_another_file_of_the_same_run(tmp_path: Path) -> None:
    _write(tmp_path / "out" / "sc.yaml", storage_class("gp3", type="gp3"))
    assert run_hagen("check", str(tmp_path / "out")).returncode == 1
    _write(tmp_path / "out" / "cluster" / "eksctl-addons.yaml", eksctl("aws-ebs-csi-driver"))
    assert run_hagen("check", str(tmp_path / "out")).returncode == 0


def test_sarif_output_is_json_with_locations(tmp_path: Path) -> None:
    file = _write(tmp_path / "web.yaml", deployment("web", containers=[container(image="nginx")]))
    proc = run_hagen("check", str(file), "--format", "sarif")
    log = json.loads(proc.stdout)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "workload.image-untagged"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == file.as_posix()


def test_blueprints_are_synthesized_in_memory(tmp_path: Path) -> None:
    if not (ROOT / "blueprints").is_dir():
        pytest.skip("no example blueprints")
    proc = run_hagen("check", "blueprints", "--nodes", "1", "--format", "json")
    data = json.loads(proc.stdout)
    findings = data["findings"]
    assert proc.returncode == (1 if any(f["severity"] == "error" for f in findings) else 0)
    assert all(f["blueprint"] for f in findings)


@pytest.mark.parametrize(
    "args",
    [("check", "no/such/path"), ("check", ".", "--nodes", "0"), ("check", ".", "--format", "xml")],
)
def test_usage_errors_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    assert run_hagen(*args, cwd=tmp_path).returncode == 2


def test_bad_yaml_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("a: [\n")
    proc = run_hagen("check", str(tmp_path / "bad.yaml"))
    assert proc.returncode == 2 and "bad.yaml" in proc.stderr


def test_output_is_the_same_for_any_hash_seed(tmp_path: Path) -> None:
    objects = [
        deployment("web", containers=[container(image="nginx")]),
        separated("backend", 3),
        storage_class("gp2", type="gp2"),
    ]
    for i, obj in enumerate(objects):
        _write(tmp_path / f"{i}.yaml", obj)
    outputs = {
        run_hagen(
            "check", str(tmp_path), "--nodes", "2", "--format", fmt, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("0", "1", "12345")
        for fmt in ("sarif",)
    }
    assert len(outputs) == 1 and "workload.image-untagged" in outputs.pop()

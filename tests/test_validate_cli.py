"""`hagen validate` through the real entry point: exit codes, text and json output, --kube-version."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ._check_objects import deployment
from .conftest import run_hagen

_CRD_OBJECT = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}


def _file(tmp_path: Path, *objects: object) -> Path:
    path = tmp_path / "objects.yaml"
    path.write_text(yaml.safe_dump_all(objects, sort_keys=False))
    return path


def test_valid_objects_exit_0_and_crds_are_listed(tmp_path: Path) -> None:
    path = _file(tmp_path, deployment(), _CRD_OBJECT)
    proc = run_hagen("validate", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "not validated" in proc.stdout and "example.com.Widget._.w" in proc.stdout
    assert "1 object validated" in proc.stdout


def test_errors_exit_1_with_every_error(tmp_path: Path) -> None:
    bad = deployment("backend")
    bad["spec"]["replicas"] = "two"
    bad["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    proc = run_hagen("validate", str(_file(tmp_path, bad)), "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert {e["path"] for e in data["errors"]} == {
        "spec.replicas",
        "spec.template.spec.containers[0].imagePullPolicyy",
    }
    assert all(e["blueprint"] == "shop" and e["tier"] == "backend" for e in data["errors"])
    assert data["ok"] is False and data["kube_version"]


TRAFFIC_SERVICE = {
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {"name": "s"},
    "spec": {"ports": [{"port": 80}], "trafficDistribution": "PreferClose"},
}


def test_kube_version_flag(tmp_path: Path) -> None:
    svc = TRAFFIC_SERVICE  # spec.trafficDistribution: Kubernetes 1.30+
    path = _file(tmp_path, svc)
    assert run_hagen("validate", str(path), "--kube-version", "1.33").returncode == 0
    old = run_hagen("validate", str(path), "--kube-version", "1.28")
    assert old.returncode == 1 and "trafficDistribution" in old.stdout
    bad = run_hagen("validate", str(path), "--kube-version", "9.9")
    assert bad.returncode == 2 and "available" in bad.stderr


def test_the_summary_counts_in_words_and_plain_data_has_no_identity(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text("replicas: 2\n")  # Helm values beside the manifests
    path = _file(tmp_path, {**TRAFFIC_SERVICE, "spec": {"ports": [{"port": 80}], "typo": 1}})
    proc = run_hagen("validate", str(tmp_path))
    assert proc.returncode == 1
    assert (
        f"not validated: {tmp_path / 'values.yaml'}: not a Kubernetes object (no apiVersion, no kind)\n"
        in (proc.stdout)
    )
    assert proc.stdout.endswith(
        "1 object validated against Kubernetes 1.35: 1 error in 1 object, 1 not validated\n"
    )
    assert path.name in proc.stdout


def test_named_files_are_validated_at_the_projects_version(tmp_path: Path) -> None:
    # the project's kube_version holds for files named outright too, as for synth and check
    svc = TRAFFIC_SERVICE  # spec.trafficDistribution: Kubernetes 1.30+
    path = _file(tmp_path, svc)
    (tmp_path / "bp").mkdir()
    (tmp_path / "hagen.toml").write_text('blueprints = ["bp"]\nkube_version = "1.28"\n')
    proc = run_hagen("validate", str(path), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["kube_version"] == "1.28"
    assert [e["path"] for e in data["errors"]] == ["spec.trafficDistribution"]
    assert run_hagen("validate", str(path), "--kube-version", "1.33", cwd=tmp_path).returncode == 0


def test_input_errors_exit_2(tmp_path: Path) -> None:
    assert run_hagen("validate", str(tmp_path / "missing.yaml")).returncode == 2
    (tmp_path / "list.yaml").write_text("- just\n- a list\n")
    proc = run_hagen("validate", str(tmp_path / "list.yaml"))
    assert proc.returncode == 2 and "not a mapping" in proc.stderr
    assert run_hagen("validate", cwd=tmp_path).returncode == 2  # no PATH, and no project with targets

"""Hydration: the example's prod target renders Jenkins from the real chart into helm/jenkins/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hagen._helm import render_available
from tests.test_helm_keys import JENKINS_CHART_DIR

ROOT = Path(__file__).resolve().parent.parent


def _need() -> None:
    reason = render_available()
    if reason is None and JENKINS_CHART_DIR.is_dir():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason or f"{JENKINS_CHART_DIR} missing")
    pytest.skip(reason or f"{JENKINS_CHART_DIR} missing")


def _project(tmp: Path) -> Path:
    for name in ("blueprints", "targets"):
        shutil.copytree(ROOT / name, tmp / name)
    text = (ROOT / "hagen.toml").read_text()
    (tmp / "hagen.toml").write_text(
        text.replace('region = "ap-northeast-2"', 'region = "ap-northeast-2"\nhydrate = true')
    )
    return tmp


def _hagen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hagen", *args], cwd=cwd, capture_output=True, text=True)


def test_prod_hydrates_jenkins_byte_identically(tmp_path: Path) -> None:
    _need()
    project = _project(tmp_path)
    chart = f"jenkins={JENKINS_CHART_DIR}"
    first = _hagen(project, "synth", "--chart", chart)
    assert first.returncode == 0, first.stderr
    folder = project / "out/prod/shop/helm/jenkins"
    pvc = (folder / "persistentvolumeclaim-jenkins.yaml").read_text()
    assert "storageClassName: gp3" in pvc
    svc = (folder / "service-jenkins.yaml").read_text()
    assert "type: LoadBalancer" in svc and "port: 8080" in svc
    prov = (folder / "provenance.yaml").read_text()
    assert (
        "version: 5.9.53" in prov
        and "digest: sha256:" in prov
        and "jenkins/templates/tests/jenkins-test.yaml" in prov
    )
    assert not any("test" in p.name for p in folder.iterdir() if p.name.startswith("pod-"))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = _hagen(project, "synth", "--target", "prod", "--chart", chart)
    assert again.returncode == 0 and "prod: 0 written" in again.stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # CI without the chart copy: the hydrated files are kept out of the comparison, not drift.
    diff = _hagen(project, "diff")
    assert diff.returncode == 0, diff.stdout
    assert "rendered objects not compared (no chart copy here)" in diff.stderr
    place = _hagen(project, "place", "--target", "prod", "--chart", chart)
    assert "jenkins-0 (jenkins-controller)" in place.stdout and "0 Pending" in place.stdout


def test_without_a_chart_copy_values_only_and_said_once(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _hagen(project, "synth")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("release jenkins not hydrated") == 1
    assert "prod: release jenkins not hydrated: no local copy of chart jenkins 5.9.53" in result.stderr
    assert sorted(p.name for p in (project / "out/prod/shop/helm/jenkins").iterdir()) == ["values.yaml"]


def test_random_admin_password_is_a_finding_naming_the_key(tmp_path: Path) -> None:
    _need()
    project = _project(tmp_path)
    bp = project / "blueprints/shop.py"
    bp.write_text(bp.read_text().replace('admin=Admin(existing_secret="jenkins-admin"),', ""))
    result = _hagen(project, "synth", "--target", "prod", "--chart", f"jenkins={JENKINS_CHART_DIR}")
    assert "helm.non-deterministic" in result.stderr, result.stderr
    assert "jenkins/templates/secret.yaml" in result.stderr
    assert "controller.admin.existingSecret" in result.stderr

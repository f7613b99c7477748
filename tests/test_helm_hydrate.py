"""Hydration: the example's prod target renders Jenkins from the real chart into helm/jenkins/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hagen._helm import render_available
from hagen._yaml import load_documents
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
    pvc = load_documents((folder / "persistentvolumeclaim-jenkins.yaml").read_text(), "pvc")[0]
    assert pvc["spec"]["storageClassName"] == "gp3"
    assert pvc["spec"]["accessModes"] == ["ReadWriteOnce"]
    svc = load_documents((folder / "service-jenkins.yaml").read_text(), "svc")[0]
    assert svc["spec"]["type"] == "LoadBalancer"
    assert [(p["port"], p["name"]) for p in svc["spec"]["ports"]] == [(8080, "http")]
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
    assert diff.stderr == (  # what `hagen synth` without the copy says: not hydrated here, files kept
        "note: prod: release jenkins not hydrated: no local copy of chart jenkins 5.9.53 (give --chart "
        "jenkins=PATH or chart_path=, or `helm pull` it); values only\n"
        "note: prod/shop/helm/jenkins: rendered objects kept as committed (no chart copy here); "
        "their values match\n"
    )
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
    assert (
        "warning helm.non-deterministic: shop: release jenkins: template jenkins/templates/secret.yaml "
        "renders differently each time, so every synth rewrites its objects and every diff shows them "
        "changed; fix: set controller.admin.existingSecret so that the chart stops generating the value\n"
    ) in result.stderr, result.stderr


def test_check_sees_the_pvc_the_chart_really_makes(tmp_path: Path) -> None:
    # Inline values slip an EFS class past the typed model: only the rendered PVC shows where home lands.
    _need()
    project = _project(tmp_path)
    bp = project / "blueprints/shop.py"
    text = bp.read_text().replace(
        'gp3 = StorageClass(name="gp3")',
        'gp3 = StorageClass(name="gp3")\n'
        'efs = EfsStorageClass(name="efs", file_system_id="fs-0123456789abcdef0")',
    )
    text = text.replace("    EksCluster,", "    EfsStorageClass,\n    EksCluster,")
    text = text.replace("storage_classes = [gp3]", "storage_classes = [gp3, efs]")
    text = text.replace(
        "        Jenkins(", '        Jenkins(\n            values={"persistence": {"storageClass": "efs"}},'
    )
    bp.write_text(text)
    # synthesized first: findings point at the out/ files that exist (else at the blueprint)
    assert _hagen(project, "synth", "--chart", f"jenkins={JENKINS_CHART_DIR}").returncode == 0
    result = _hagen(
        project, "check", "--target", "prod", "--format", "json", "--chart", f"jenkins={JENKINS_CHART_DIR}"
    )
    findings = json.loads(result.stdout)["targets"]["prod"]["findings"]
    on_pvc = [
        (f["id"], f["message"], f["file"])
        for f in findings
        if f["object_id"] and "PersistentVolumeClaim" in f["object_id"]
    ]
    assert on_pvc == [
        (
            "storage.rwo-data-on-efs",
            "PersistentVolumeClaim jenkins: ReadWriteOnce volume (jenkins data) on EFS class efs",
            "out/prod/shop/helm/jenkins/persistentvolumeclaim-jenkins.yaml",
        )
    ]


def test_place_puts_the_controller_in_its_volumes_zone(tmp_path: Path) -> None:
    _need()
    project = _project(tmp_path)
    chart = f"jenkins={JENKINS_CHART_DIR}"
    place = _hagen(project, "place", "--target", "prod", "--format", "json", "--chart", chart)
    placements = json.loads(place.stdout)["targets"]["prod"]["placements"]
    jenkins = [(p["name"], p["namespace"], p["tier"]) for p in placements if p["namespace"] == "jenkins"]
    assert jenkins == [("jenkins-0", "jenkins", "jenkins-controller")]  # no test hook pod
    zone_down = _hagen(project, "place", "--target", "prod", "--fail", "zone=zone-a", "--chart", chart)
    # shop's pods and the chart's (namespace jenkins) span two namespaces: pods and tiers are namespace/name
    assert "  jenkins/jenkins-0: pinned to zone zone-a by its EBS volume\n" in zone_down.stdout
    assert "  OUTAGE: tier jenkins/jenkins-controller has no running pod\n" in zone_down.stdout


@pytest.mark.parametrize(
    "command", [("synth",), ("diff",), ("check",), ("place",), ("report", "-o", "report")]
)
def test_a_chart_for_no_release_is_refused(tmp_path: Path, command: tuple[str, ...]) -> None:
    # A misspelt release would leave the chart unused and the release silently not hydrated.
    project = _project(tmp_path)
    result = _hagen(project, *command, "--chart", f"jenkns={tmp_path}")
    assert result.returncode == 2, result.stdout
    assert result.stderr == (
        f"hagen {command[0]}: error: --chart jenkns=...: no release is named 'jenkns'; releases: jenkins\n"
    )
    assert not (project / "out").exists() and not (project / "report").exists()


def test_a_chart_copy_that_is_no_archive_is_one_line(tmp_path: Path) -> None:
    project = _project(tmp_path)
    junk = tmp_path / "jenkins-5.9.53.tgz"
    junk.write_bytes(b"not gzip")
    result = _hagen(project, "synth", "--chart", f"jenkins={junk}")
    assert result.returncode == 2, result.stdout
    assert result.stderr == (
        f"hagen synth: error: blueprints/shop.py: Shop: {junk}: not a readable chart archive: it does not "
        "read as a tar archive (plain, gzip, bzip2 or xz); expected a .tgz as `helm pull` leaves it\n"
    )
    assert not (project / "out").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "controller: [unclosed\n",
            "blueprints/shop.py: Shop: releases[jenkins].values_files[0]: blueprints/jv.yaml:2:1: not valid "
            "YAML: did not find expected ',' or ']' (got 'jv.yaml'); allowed: a single YAML document whose "
            "top level is a mapping",
        ),
        (
            "- a list\n",
            "blueprints/shop.py: Shop: releases[jenkins].values_files[0]: blueprints/jv.yaml: a values file "
            "must hold one YAML mapping (got 'jv.yaml'); allowed: a single YAML document whose top level is "
            "a mapping",
        ),
    ],
)
def test_a_broken_values_file_writes_nothing(tmp_path: Path, text: str, message: str) -> None:
    project = _project(tmp_path)
    bp = project / "blueprints/shop.py"
    bp.write_text(
        bp.read_text().replace("        Jenkins(", '        Jenkins(\n            values_files=["jv.yaml"],')
    )
    (project / "blueprints/jv.yaml").write_text(text)
    result = _hagen(project, "synth", "--chart", f"jenkins={tmp_path}")
    assert result.returncode == 2, result.stdout
    assert result.stderr == f"hagen synth: error: {message}\n"
    assert not (project / "out").exists()

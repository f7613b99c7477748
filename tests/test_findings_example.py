"""The example's findings through every door: `check` on its objects with or without the synthesis's
extras, `hagen check`'s exact text, and schema findings at each target's Kubernetes version."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import hagen
from tests.conftest import ROOT, run_hagen
from tests.test_targets_layout import make_project

CSI = "storage.csi-driver-missing"


def _example() -> hagen.Synthesis:
    (spec,) = hagen.load_blueprints([ROOT / "blueprints"])
    return hagen.synthesize(spec)


def test_check_of_the_objects_reads_the_add_on_fragment_of_the_synthesis() -> None:
    synthesis = _example()
    assert "cluster/eksctl-addons.yaml" in synthesis.extras
    with_extras = hagen.check(synthesis.objects, extras=synthesis.extras)
    as_documents = hagen.check([*synthesis.objects, *synthesis.extras.values()])
    for result in (hagen.check(synthesis), with_extras, as_documents):
        assert CSI not in [f.id for f in result.findings]
    # the objects alone say nothing of the driver: the finding names the add-on they need
    (alone,) = [f for f in hagen.check(synthesis.objects).findings if f.id == CSI]
    assert alone.message == (
        "StorageClass gp3 (provisioner ebs.csi.aws.com) needs the aws-ebs-csi-driver add-on, which is "
        "neither emitted nor declared installed: its PVCs will stay Pending"
    )


def test_the_examples_check_states_its_info_findings(tmp_path: Path) -> None:
    env = {"HELM_REPOSITORY_CACHE": str(tmp_path / "no-helm-cache")}
    proc = run_hagen("check", env=env)
    assert proc.returncode == 0, proc.stderr
    info = [
        "info helm.chart-not-found: shop",
        "  release jenkins: no local copy of chart jenkins 5.9.53, so its values were checked against the "
        "keys hagen's Jenkins model knows",
        "  fix: run `helm pull jenkinsci/jenkins --version 5.9.53` and pass the .tgz (chart_path= or "
        "--chart), or install it once so Helm caches it",
    ]
    assert proc.stdout.splitlines() == [
        "target dev:",
        *info,
        "0 errors, 0 warnings, 1 info (3 suppressed)",
        "",
        "target prod:",
        *info,
        "0 errors, 0 warnings, 1 info (0 suppressed)",
    ]
    assert run_hagen("check", "--fail-on", "info", env=env).returncode == 1


_TRAFFIC = """from hagen import Blueprint, Port, Tier


class Web(Blueprint):
    name = "web"
    namespace = "web"
    tiers = [Tier(name="web", image="registry.example.com/web:1.0.0", ports=[Port(name="http", port=8080)])]
    objects = [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "near"},
                "spec": {"ports": [{"port": 80}], "trafficDistribution": "PreferClose"}}]
"""


def _schema_findings(proc: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    data = json.loads(proc.stdout)
    reports = list(data["targets"].values()) if "targets" in data else [data]
    found = [f for report in reports for f in report["findings"]]
    return [(f["object_id"], f["message"]) for f in found if f["id"] == "schema.invalid"]


def test_schema_findings_use_the_targets_kubernetes_version(tmp_path: Path) -> None:
    # Service spec.trafficDistribution exists from Kubernetes 1.30 on
    toml = '[targets.old]\nkube_version = "1.29"\n[targets.new]\n'
    make_project(tmp_path, toml, blueprint=_TRAFFIC)
    old = run_hagen("check", "--target", "old", "--format", "json", cwd=tmp_path)
    assert old.returncode == 1, old.stderr
    (only,) = _schema_findings(old)
    assert only[0] == "core.Service.web.near"
    assert only[1].startswith("spec.trafficDistribution: unknown field 'trafficDistribution'")
    new = run_hagen("check", "--target", "new", "--format", "json", cwd=tmp_path)
    assert _schema_findings(new) == [], new.stdout
    flag = run_hagen("check", "--target", "new", "--kube-version", "1.29", "--format", "json", cwd=tmp_path)
    assert [oid for oid, _ in _schema_findings(flag)] == ["core.Service.web.near"]


def test_check_without_targets_uses_the_projects_kubernetes_version(tmp_path: Path) -> None:
    make_project(tmp_path, 'kube_version = "1.29"\n', blueprint=_TRAFFIC)
    proc = run_hagen("check", "--format", "json", cwd=tmp_path)
    assert [oid for oid, _ in _schema_findings(proc)] == ["core.Service.web.near"]
    newer = run_hagen("check", "--kube-version", "1.35", "--format", "json", cwd=tmp_path)
    assert _schema_findings(newer) == []


def test_the_reports_findings_use_the_targets_kubernetes_version(tmp_path: Path) -> None:
    make_project(tmp_path, '[targets.old]\nkube_version = "1.29"\n[targets.new]\n', blueprint=_TRAFFIC)
    pages = hagen.report([tmp_path / "blueprints"], project=hagen.load_project(tmp_path))
    assert "schema.invalid" in pages["old.html"]
    assert "schema.invalid" not in pages["new.html"]

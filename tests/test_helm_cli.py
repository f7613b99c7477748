"""`hagen synth` on a blueprint with the seed's Jenkins release, through the real entry point."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import DATA, run_hagen

BLUEPRINT = """
from hagen import Blueprint
from hagen._helm import Controller, Jenkins, Persistence
from hagen._storage import StorageClass

gp3 = StorageClass(name="gp3")


class Ci(Blueprint):
    name = "ci"
    namespace = "ci"
    releases = [
        Jenkins(
            persistence=Persistence(storage_class=gp3),
            controller=Controller(service_type="LoadBalancer", service_port=8080),
            {extra}
        )
    ]
"""


def synth(tmp_path: Path, extra: str = "") -> tuple[int, str, Path]:
    (tmp_path / "ci.py").write_text(BLUEPRINT.format(extra=extra))
    out = tmp_path / "out"
    result = run_hagen(
        "synth", str(tmp_path / "ci.py"), "-o", str(out), env={"HELM_REPOSITORY_CACHE": str(tmp_path)}
    )
    return result.returncode, result.stderr, out / "ci"


def test_synth_writes_the_seed_values_helmfile_and_storage_class(tmp_path: Path) -> None:
    code, stderr, out = synth(tmp_path)
    assert code == 0, stderr
    values_text = (out / "helm" / "jenkins" / "values.yaml").read_text()
    target = yaml.safe_load((DATA / "seed-target.yaml").read_text())["jenkins-values.yaml"]
    assert yaml.safe_load(values_text) == target
    assert "helm upgrade --install jenkins jenkinsci/jenkins --version 5.9.53 -n jenkins" in values_text
    helmfile = yaml.safe_load((out / "helmfile.yaml").read_text())
    assert helmfile["releases"][0]["values"] == ["helm/jenkins/values.yaml"]
    assert (out / "helm" / "jenkins" / "values.yaml").relative_to(
        out
    ).as_posix() == "helm/jenkins/values.yaml"
    # the class named by the values is synthesized although the blueprint lists no storage_classes
    assert yaml.safe_load((out / "storageclass-gp3.yaml").read_text())["metadata"]["name"] == "gp3"


def test_synth_refuses_efs_home_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "ci.py").write_text(
        BLUEPRINT.format(extra="").replace(
            'gp3 = StorageClass(name="gp3")',
            "from hagen._storage import EfsStorageClass\n"
            'gp3 = EfsStorageClass(name="efs", file_system_id="fs-12345678")',
        )
    )
    result = run_hagen("synth", str(tmp_path / "ci.py"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "shared mount point" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.yaml"))

"""A release declared hydrate=True whose chart has no copy here: its rendered objects as committed in out/
are the target's objects for every command (synth to files and to stdout, check, place, report), each
saying the same notes; through the real entry point and the public API."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

import hagen
from hagen._yaml import load_documents
from tests.conftest import require_helm_engine
from tests.test_helm_keys import JENKINS_CHART_DIR
from tests.test_hydrate_chart import BLUEPRINT, CHART, FOLDER, KEPT, NOT_HYDRATED

STALE = (
    "note: hydra/helm/hydra: the rendered objects were made from other values or another chart version; "
    "hydrate again with `hagen synth --chart RELEASE=PATH`\n"
)
RENDERED = [  # what the chart makes besides the blueprint's Namespace (its test hook dropped)
    "apiextensions.k8s.io.CustomResourceDefinition._.widgets.example.com",
    "batch.Job.hydra.hydra-migrate",
    "core.ConfigMap.hydra.hydra-settings",
    "core.Secret.hydra.hydra-password",
]


@pytest.fixture(autouse=True)
def _engine() -> None:
    require_helm_engine()


def _hagen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hagen", *args], cwd=cwd, capture_output=True, text=True)


def _hydra(tmp: Path, password: str = "fixed") -> Path:
    (tmp / "blueprints").mkdir(exist_ok=True)
    (tmp / "hagen.toml").write_text('blueprints = ["blueprints"]\nout = "out"\n')
    text = BLUEPRINT.replace("VERSION", "0.1.0").replace("VALUES", f'{{"password": "{password}"}}')
    (tmp / "blueprints" / "hydra.py").write_text(text)
    return tmp


def _committed(tmp: Path) -> Path:
    """The project after `hagen synth` with the chart copy: helm/hydra/ rendered and committed."""
    project = _hydra(tmp)
    first = _hagen(project, "synth", "--chart", f"hydra={CHART}")
    assert first.returncode == 0, first.stderr
    return project


def test_check_sees_the_kept_objects_and_says_synths_notes(tmp_path: Path) -> None:
    project = _committed(tmp_path)
    with_chart = _hagen(project, "check", "--format", "json", "--chart", f"hydra={CHART}")
    without = _hagen(project, "check", "--format", "json")
    assert _hagen(project, "diff").stderr == NOT_HYDRATED + KEPT
    assert without.returncode == with_chart.returncode == 1  # the Secret's plaintext value, either way
    assert without.stderr == _hagen(project, "synth").stderr == NOT_HYDRATED + KEPT

    def on_rendered(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
        found = json.loads(result.stdout)["findings"]
        return [(f["id"], f["object_id"], f["file"]) for f in found if f["id"] != "helm.chart-not-found"]

    assert (
        on_rendered(without)
        == on_rendered(with_chart)
        == [
            (
                "secret.plaintext-secret",
                "core.Secret.hydra.hydra-password",
                "out/hydra/helm/hydra/secret-hydra-password.yaml",
            ),
            (
                "workload.may-run-as-root",
                "batch.Job.hydra.hydra-migrate",
                "out/hydra/helm/hydra/job-hydra-migrate.yaml",
            ),
            (
                "workload.no-resource-requests",
                "batch.Job.hydra.hydra-migrate",
                "out/hydra/helm/hydra/job-hydra-migrate.yaml",
            ),
            (
                "workload.privilege-escalation",
                "batch.Job.hydra.hydra-migrate",
                "out/hydra/helm/hydra/job-hydra-migrate.yaml",
            ),
        ]
    )


def test_place_places_the_kept_pods_and_says_synths_notes(tmp_path: Path) -> None:
    project = _committed(tmp_path)
    place = _hagen(project, "place", "--nodes", "1", "--zones", "1", "--format", "json")
    assert place.returncode == 0, place.stderr
    data = json.loads(place.stdout)
    assert [(p["name"], p["namespace"]) for p in data["placements"]] == [("hydra-migrate", "hydra")]
    assert data["notes"] == [NOT_HYDRATED[6:-1], KEPT[6:-1]]


def test_report_shows_the_kept_objects_and_synths_notes(tmp_path: Path) -> None:
    project = _committed(tmp_path)
    bp = project / "blueprints" / "hydra.py"  # a cluster: the page's placement section holds the notes
    text = bp.read_text().replace("import Blueprint,", "import Blueprint, ClusterProfile,")
    bp.write_text(
        text.replace(
            '    namespace = "hydra"\n',
            '    namespace = "hydra"\n'
            '    cluster = ClusterProfile.shorthand(nodes=1, zones=1, cpu="2", memory="4Gi")\n',
            1,
        )
    )
    assert _hagen(project, "report", "-o", "report").returncode == 0
    page = html.unescape((project / "report" / "index.html").read_text())
    assert NOT_HYDRATED[6:-1] in page and KEPT[6:-1] in page
    assert "core.Secret.hydra.hydra-password" in page  # its finding, on the kept file


def test_stale_committed_objects_are_left_out_of_the_stream_as_synth_removes_them(tmp_path: Path) -> None:
    project = _committed(tmp_path)
    _hydra(tmp_path, password="other")
    stream = _hagen(project, "synth", "--stdout")
    assert [hagen.object_id(d) for d in load_documents(stream.stdout, "stdout")] == ["core.Namespace._.hydra"]
    diff = _hagen(project, "diff")  # before the write: the stale files are drift, said as synth says it
    assert diff.returncode == 1
    written = _hagen(project, "synth")
    assert stream.stderr == written.stderr == diff.stderr == NOT_HYDRATED + STALE
    assert sorted(p.name for p in (project / "out/hydra/helm/hydra").iterdir()) == ["values.yaml"]


def test_the_api_keeps_the_committed_objects_where_it_is_told_to_read_them(tmp_path: Path) -> None:
    project = _committed(tmp_path)
    context = hagen.load_project(project, env={})
    with_chart = hagen.synthesize_stream(project=hagen.load_project(project, charts={"hydra": CHART}, env={}))
    stream = hagen.synthesize_stream(project=context)
    assert list(stream) == list(with_chart)
    assert stream.notes == [NOT_HYDRATED[6:-1], KEPT[6:-1]]
    syntheses, files, notes = hagen.hydrate_syntheses(
        hagen.synthesize_all(project=context), project=context, out_dir=project / "out", files=False
    )
    assert notes == stream.notes
    assert sorted(syntheses[0].rendered) == RENDERED
    assert syntheses[0].rendered["batch.Job.hydra.hydra-migrate"] == "helm/hydra/job-hydra-migrate.yaml"
    assert sorted(files) == [
        "hydra/helm/hydra/configmap-hydra-settings.yaml",
        "hydra/helm/hydra/customresourcedefinition-widgets.example.com.yaml",
        "hydra/helm/hydra/job-hydra-migrate.yaml",
        "hydra/helm/hydra/kustomization.yaml",
        "hydra/helm/hydra/provenance.yaml",
        "hydra/helm/hydra/secret-hydra-password.yaml",
    ]
    # Without out_dir nothing is read from out/: values only, as before.
    _, _, bare = hagen.hydrate_syntheses(hagen.synthesize_all(project=context), project=context)
    assert bare == [NOT_HYDRATED[6:-1]]


# The Jenkins chart 5.9.53 (../shared/reference/jenkins-chart): a blueprint that declares Jenkins hydrated.
JENKINS_BLUEPRINT = """from hagen import Admin, Blueprint, Controller, Jenkins, Persistence, StorageClass

gp3 = StorageClass(name="gp3")


class Ci(Blueprint):
    name = "ci"
    namespace = "ci"
    storage_classes = [gp3]
    releases = [
        Jenkins(
            hydrate=True,
            persistence=Persistence(storage_class=gp3),
            controller=Controller(admin=Admin(existing_secret="jenkins-admin")),
        )
    ]
"""
JENKINS_OBJECTS = [
    "core.ConfigMap.jenkins.jenkins",
    "core.ConfigMap.jenkins.jenkins-jenkins-jcasc-config",
    "core.Namespace._.ci",
    "core.PersistentVolumeClaim.jenkins.jenkins",
    "core.Service.jenkins.jenkins",
    "core.Service.jenkins.jenkins-agent",
    "core.ServiceAccount.jenkins.jenkins",
    "apps.StatefulSet.jenkins.jenkins",
    "rbac.authorization.k8s.io.Role.jenkins.jenkins-casc-reload",
    "rbac.authorization.k8s.io.Role.jenkins.jenkins-schedule-agents",
    "rbac.authorization.k8s.io.RoleBinding.jenkins.jenkins-schedule-agents",
    "rbac.authorization.k8s.io.RoleBinding.jenkins.jenkins-watch-configmaps",
    "storage.k8s.io.StorageClass._.gp3",
]


def _need_jenkins() -> None:
    if not JENKINS_CHART_DIR.is_dir():
        pytest.skip(f"{JENKINS_CHART_DIR} missing")


def test_jenkins_without_its_chart_streams_what_synth_keeps(tmp_path: Path) -> None:
    _need_jenkins()
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "hagen.toml").write_text('blueprints = ["blueprints"]\nout = "out"\n')
    (tmp_path / "blueprints" / "ci.py").write_text(JENKINS_BLUEPRINT)
    chart = f"jenkins={JENKINS_CHART_DIR}"
    assert _hagen(tmp_path, "synth", "--chart", chart).returncode == 0
    printed = _hagen(tmp_path, "synth", "--stdout", "--chart", chart)
    assert sorted(hagen.object_id(d) for d in load_documents(printed.stdout, "stdout")) == sorted(
        JENKINS_OBJECTS
    )
    written = _hagen(tmp_path, "synth")
    assert written.stdout == "hagen synth: 1 blueprint -> out/: 0 written, 18 unchanged, 0 removed\n"
    streamed = _hagen(tmp_path, "synth", "--stdout")
    assert streamed.stdout == printed.stdout
    notes = (
        "note: release jenkins not hydrated: no local copy of chart jenkins 5.9.53 (give --chart "
        "jenkins=PATH or chart_path=, or `helm pull` it); values only\n"
        "note: ci/helm/jenkins: rendered objects kept as committed (no chart copy here); "
        "their values match\n"
    )
    assert streamed.stderr == written.stderr == notes


def test_a_target_that_hydrates_streams_what_synth_writes_and_keeps(tmp_path: Path) -> None:
    # `hydrate = true` on the target (not on the release): --stdout --target renders it as synth does.
    _need_jenkins()
    from tests.test_helm_hydrate import _project

    project = _project(tmp_path)
    chart = f"jenkins={JENKINS_CHART_DIR}"
    assert _hagen(project, "synth", "--chart", chart).returncode == 0
    printed = _hagen(project, "synth", "--target", "prod", "--stdout", "--chart", chart)
    assert printed.returncode == 0, printed.stderr
    not_objects = {"kustomization.yaml", "provenance.yaml", "values.yaml", "helmfile.yaml"}
    written = sorted(
        hagen.object_id(doc)
        for path in sorted((project / "out/prod/shop").rglob("*.yaml"))
        if path.name not in not_objects and path.parent.name != "cluster"
        for doc in load_documents(path.read_text(), str(path))
    )
    streamed = [hagen.object_id(d) for d in load_documents(printed.stdout, "stdout")]
    assert sorted(streamed) == written
    assert "apps.StatefulSet.jenkins.jenkins" in streamed
    kept = _hagen(project, "synth", "--target", "prod")
    without = _hagen(project, "synth", "--target", "prod", "--stdout")
    assert without.stdout == printed.stdout
    assert (
        without.stderr
        == kept.stderr
        == (
            "note: prod: release jenkins not hydrated: no local copy of chart jenkins 5.9.53 (give --chart "
            "jenkins=PATH or chart_path=, or `helm pull` it); values only\n"
            "note: prod/shop/helm/jenkins: rendered objects kept as committed (no chart copy here); "
            "their values match\n"
        )
    )
    check = _hagen(project, "check", "--target", "prod", "--format", "json")
    assert check.stderr == kept.stderr
    diff = _hagen(project, "diff")
    assert (diff.returncode, diff.stdout, diff.stderr) == (0, "no drift\n", kept.stderr)
    place = _hagen(project, "place", "--target", "prod")
    assert "jenkins-0 (jenkins-controller)" in place.stdout
    assert place.stdout.endswith(kept.stderr)


def test_a_kept_file_edited_past_reading_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    project = _committed(tmp_path)
    edited = project / FOLDER / "configmap-hydra-settings.yaml"
    edited.write_text(edited.read_text() + "kind: [unclosed\n")
    before = {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    for command in (("synth",), ("synth", "--stdout"), ("check",)):
        result = _hagen(project, *command)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.splitlines()[-1] == (
            f"hagen {command[0]}: error: blueprints/hydra.py: Hydra: "
            "out/hydra/helm/hydra/configmap-hydra-settings.yaml:13:1: not valid "
            "YAML: did not find expected ',' or ']'; the rendered objects of release hydra are kept as "
            "committed without a chart copy: restore the file, or hydrate again with "
            "`hagen synth --chart hydra=PATH`"
        )
    assert {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()} == before

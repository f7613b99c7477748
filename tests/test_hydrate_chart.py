"""Hydration with a chart written for these tests (tests/data/charts/hydra): CRDs, a pre-install hook, a
test hook, a generated password; rendered by the real Helm engine, through the real entry point."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import hagen
from hagen._yaml import load_documents
from tests.conftest import require_helm_engine

CHART = Path(__file__).resolve().parent / "data" / "charts" / "hydra"
BLUEPRINT = """from hagen import Blueprint, Chart, HelmRelease


class Hydra(Blueprint):
    name = "hydra"
    namespace = "hydra"
    releases = [
        HelmRelease(
            name="hydra",
            namespace="hydra",
            chart=Chart(repository="https://charts.example.com", name="hydra"),
            version="VERSION",
            values=VALUES,
            hydrate=True,
        )
    ]
"""
FOLDER = "out/hydra/helm/hydra"
NOT_HYDRATED = (
    "note: release hydra not hydrated: no local copy of chart hydra 0.1.0 (give --chart hydra=PATH or "
    "chart_path=, or `helm pull` it); values only\n"
)
KEPT = "note: hydra/helm/hydra: rendered objects kept as committed (no chart copy here); their values match\n"


@pytest.fixture(autouse=True)
def _engine() -> None:
    require_helm_engine()


def _project(tmp: Path, values: str = '{"password": "fixed"}', version: str = "0.1.0") -> Path:
    (tmp / "blueprints").mkdir(exist_ok=True)
    (tmp / "hagen.toml").write_text('blueprints = ["blueprints"]\nout = "out"\n')
    text = BLUEPRINT.replace("VERSION", version).replace("VALUES", values)
    (tmp / "blueprints" / "hydra.py").write_text(text)
    return tmp


def _pack(chart: Path, dest: Path) -> Path:
    """The chart as `helm pull` leaves it: NAME-VERSION.tgz with the files under NAME/."""
    meta = load_documents((chart / "Chart.yaml").read_text(), "Chart.yaml")[0]
    archive = dest / f"{meta['name']}-{meta['version']}.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(chart.rglob("*")):
            tar.add(path, arcname=f"{meta['name']}/{path.relative_to(chart).as_posix()}", recursive=False)
    return archive


def _hagen(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hagen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _provenance(project: Path) -> dict[str, object]:
    docs = load_documents((project / FOLDER / "provenance.yaml").read_text(), "provenance.yaml")
    assert isinstance(docs[0], dict)
    return docs[0]


def test_one_file_per_object_crds_in_test_hooks_out_other_hooks_marked(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _hagen(project, "synth", "--chart", f"hydra={CHART}")
    assert result.returncode == 0, result.stderr
    folder = project / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [
        "configmap-hydra-settings.yaml",
        "customresourcedefinition-widgets.example.com.yaml",
        "job-hydra-migrate.yaml",
        "kustomization.yaml",
        "provenance.yaml",
        "secret-hydra-password.yaml",
        "values.yaml",
    ]
    job = (folder / "job-hydra-migrate.yaml").read_text()
    assert "# Rendered from hydra/templates/job-migrate.yaml of Helm release hydra" in job
    assert (
        "# Helm hook pre-install,pre-upgrade: Helm runs it at that point; "
        "kubectl apply applies it as a plain object." in job
    )
    crd = (folder / "customresourcedefinition-widgets.example.com.yaml").read_text()
    assert "# Rendered from hydra/crds/widgets.yaml of Helm release hydra" in crd
    kustomization = load_documents((folder / "kustomization.yaml").read_text(), "k")[0]
    assert kustomization["resources"][0] == "customresourcedefinition-widgets.example.com.yaml"
    assert _provenance(project)["testHooksDropped"] == ["hydra/templates/tests/test-connection.yaml"]
    owned = (project / "out/.hagen-owned").read_text().splitlines()
    assert "hydra/helm/hydra/job-hydra-migrate.yaml" in owned
    assert "hydra/helm/hydra/provenance.yaml" in owned
    # The blueprint's own folder does not get the rendered objects a second time.
    assert not (project / "out/hydra/job-hydra-migrate.yaml").exists()


def test_provenance_records_chart_values_engine_and_command(tmp_path: Path) -> None:
    project = _project(tmp_path)
    archive = _pack(CHART, tmp_path)
    result = _hagen(project, "synth", "--kube-version", "1.33", "--chart", f"hydra={archive}")
    assert result.returncode == 0, result.stderr
    values = (project / FOLDER / "values.yaml").read_bytes()
    assert _provenance(project) == {
        "release": "hydra",
        "namespace": "hydra",
        "chart": {
            "name": "hydra",
            "reference": "example/hydra",
            "version": "0.1.0",
            "digest": "sha256:" + hashlib.sha256(archive.read_bytes()).hexdigest(),
        },
        "values": {"file": "values.yaml", "sha256": hashlib.sha256(values).hexdigest()},
        "hagen": hagen.__version__,
        "engine": _provenance(project)["engine"],
        "kubeVersion": "1.33",
        "reproduce": "hagen synth --chart hydra=PATH/TO/hydra-0.1.0.tgz",
        "testHooksDropped": ["hydra/templates/tests/test-connection.yaml"],
    }
    assert str(_provenance(project)["engine"]).startswith("helm-python-sdk ")
    assert hagen.chart_digest(archive) == _provenance(project)["chart"]["digest"]  # type: ignore[index]


def test_the_chart_from_helms_repository_cache(tmp_path: Path) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    _pack(CHART, cache)
    result = _hagen(project, "synth", env={"HELM_REPOSITORY_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    assert "not hydrated" not in result.stderr
    assert (project / FOLDER / "configmap-hydra-settings.yaml").is_file()


def test_a_chart_version_change_is_its_own_line_in_diff(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _hagen(project, "synth", "--chart", f"hydra={CHART}").returncode == 0
    newer = tmp_path / "hydra-0.2.0"
    shutil.copytree(CHART, newer)
    chart_yaml = newer / "Chart.yaml"
    chart_yaml.write_text(chart_yaml.read_text().replace("version: 0.1.0", "version: 0.2.0"))
    _project(tmp_path, version="0.2.0")
    diff = _hagen(project, "diff", "--chart", f"hydra={newer}")
    assert diff.returncode == 1
    assert "~ hydra/helm/hydra/provenance.yaml" in diff.stdout
    assert "    chart.version: 0.1.0 -> 0.2.0\n" in diff.stdout


def test_a_generated_password_is_a_non_deterministic_finding(tmp_path: Path) -> None:
    project = _project(tmp_path, values="{}")
    result = _hagen(project, "synth", "--chart", f"hydra={CHART}")
    assert result.returncode == 0, result.stderr
    line = (
        "warning helm.non-deterministic: hydra: release hydra: template hydra/templates/secret.yaml renders "
        "differently each time, so every synth rewrites its objects and every diff shows them changed"
    )
    assert line in result.stderr
    check = _hagen(project, "check", "--format", "json", "--chart", f"hydra={CHART}")
    found = [f for f in json.loads(check.stdout)["findings"] if f["id"] == "helm.non-deterministic"]
    assert [(f["blueprint"], f["fix"]) for f in found] == [
        (
            "hydra",
            "set the value the template generates (randAlphaNum, now, lookup) through its values key",
        )
    ]


def test_a_rendered_object_the_api_server_refuses_stops_synth(tmp_path: Path) -> None:
    project = _project(tmp_path)
    broken = tmp_path / "broken"
    shutil.copytree(CHART, broken)
    (broken / "templates" / "service.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: hydra\nspec:\n  ports:\n  - port: 70000\n"
    )
    result = _hagen(project, "synth", "--chart", f"hydra={broken}")
    assert result.returncode == 2
    assert "core.Service.hydra.hydra" in result.stderr and "spec.ports[0].port" in result.stderr
    assert not (project / "out").exists()


def test_validate_and_place_read_the_rendered_objects(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _hagen(project, "synth", "--chart", f"hydra={CHART}").returncode == 0
    job = project / FOLDER / "job-hydra-migrate.yaml"
    job.write_text(job.read_text().replace("backoffLimit: 1", "backoffLimit: many"))
    report = json.loads(_hagen(project, "validate", "--format", "json", "out").stdout)
    assert [(e["object"], e["path"], e["source"]) for e in report["errors"]] == [
        ("batch.Job.hydra.hydra-migrate", "spec.backoffLimit", "out/hydra/helm/hydra/job-hydra-migrate.yaml")
    ]
    place = _hagen(
        project, "place", "blueprints", "--nodes", "1", "--zones", "1", "--chart", f"hydra={CHART}"
    )
    # The test hook's pod is not among what the hydrated release makes, so it is not placed.
    assert "test-connection" not in place.stdout
    assert "not placed" not in place.stdout, place.stdout


def test_without_a_chart_copy_the_committed_render_stays_while_values_match(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _hagen(project, "synth", "--chart", f"hydra={CHART}").returncode == 0
    before = {p.name: p.read_bytes() for p in (project / FOLDER).iterdir()}
    again = _hagen(project, "synth")
    assert again.returncode == 0 and "0 written" in again.stdout and "0 removed" in again.stdout
    assert again.stderr.count("release hydra not hydrated: no local copy of chart hydra 0.1.0") == 1
    assert "note: hydra/helm/hydra: rendered objects kept as committed (no chart copy here)" in again.stderr
    assert {p.name: p.read_bytes() for p in (project / FOLDER).iterdir()} == before
    assert _hagen(project, "diff").returncode == 0
    _project(tmp_path, values='{"password": "other"}')
    stale = _hagen(project, "synth")
    assert "hydra/helm/hydra: the rendered objects were made from other values" in stale.stderr
    assert sorted(p.name for p in (project / FOLDER).iterdir()) == ["values.yaml"]


def test_without_the_helm_engine_values_only_and_said_once(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code = "import sys; sys.modules['helm_python'] = None; from hagen._cli import main; sys.exit(main())"
    result = subprocess.run(
        [sys.executable, "-c", code, "synth", "--chart", f"hydra={CHART}"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("not hydrated") == 1
    assert (
        "note: release hydra not hydrated: rendering charts needs the helm-python-sdk package"
        in result.stderr
    )
    assert sorted(p.name for p in (project / FOLDER).iterdir()) == ["values.yaml"]


def test_hydration_reads_the_charts_and_helm_cache_of_the_project_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    _pack(CHART, cache)
    monkeypatch.setenv("HELM_REPOSITORY_CACHE", str(cache))  # the process environment is not read below
    bare = hagen.load_project(root, env={})
    syntheses = hagen.synthesize_all(project=bare)
    _, files, notes = hagen.hydrate_syntheses(syntheses, project=bare)
    assert notes == [
        "release hydra not hydrated: no local copy of chart hydra 0.1.0 "
        "(give --chart hydra=PATH or chart_path=, or `helm pull` it); values only"
    ]
    assert sorted(p for p in files if p.startswith("hydra/helm/")) == ["hydra/helm/hydra/values.yaml"]
    for project in (
        hagen.load_project(root, helm_cache=cache),
        hagen.load_project(root, charts={"hydra": CHART}),
    ):
        _, files, notes = hagen.hydrate_syntheses(syntheses, project=project)
        assert notes == []
        assert "hydra/helm/hydra/configmap-hydra-settings.yaml" in files
        assert "hydra/helm/hydra/configmap-hydra-settings.yaml" in hagen.plan(project=project)


def test_a_chart_directorys_digest_is_the_documented_one() -> None:
    # Each relative path in sorted order, a NUL, its file's sha256 in hex, a newline (docs/helm.md).
    outer = hashlib.sha256()
    for path in sorted(p for p in CHART.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        outer.update(f"{path.relative_to(CHART).as_posix()}\0{digest}\n".encode())
    assert hagen.chart_digest(CHART) == "sha256:" + outer.hexdigest()


def test_diff_gives_a_rendered_object_its_verdict(tmp_path: Path) -> None:
    project = _project(tmp_path, values='{"password": "fixed", "replicas": 1}')
    assert _hagen(project, "synth", "--chart", f"hydra={CHART}").returncode == 0
    _project(tmp_path, values='{"password": "fixed", "replicas": 2}')
    diff = _hagen(project, "diff", "--chart", f"hydra={CHART}")
    assert diff.returncode == 1
    assert (
        "~ core.ConfigMap.hydra.hydra-settings  (hydra/helm/hydra/configmap-hydra-settings.yaml)\n"
        "    verdict: in place\n"
        "    data.replicas: '1' -> '2'\n"
    ) in diff.stdout


@pytest.mark.parametrize(
    ("version", "name", "pinned"), [("0.2.0", "hydra", "hydra 0.2.0"), ("0.1.0", "hydrant", "hydrant 0.1.0")]
)
def test_a_chart_copy_of_another_chart_or_version_writes_nothing(
    tmp_path: Path, version: str, name: str, pinned: str
) -> None:
    project = _project(tmp_path, version=version)
    bp = project / "blueprints" / "hydra.py"
    bp.write_text(bp.read_text().replace('name="hydra")', f'name="{name}")'))
    result = _hagen(project, "synth", "--chart", f"hydra={CHART}")
    assert result.returncode == 2, result.stdout
    assert result.stderr == (
        f"hagen synth: error: blueprints/hydra.py: Hydra: {CHART}: the chart copy is hydra 0.1.0, but the "
        f"release pins {pinned}; fetch the pinned one with `helm pull REPO/{name} --version {version}`\n"
    )
    assert not (project / "out").exists()


def test_stdout_prints_the_hydrated_objects_synth_writes(tmp_path: Path) -> None:
    project = _project(tmp_path)
    printed = _hagen(project, "synth", "--stdout", "--chart", f"hydra={CHART}")
    assert printed.returncode == 0, printed.stderr
    assert _hagen(project, "synth", "--chart", f"hydra={CHART}").returncode == 0
    not_objects = {"kustomization.yaml", "provenance.yaml", "values.yaml", "helmfile.yaml"}
    written = [  # what kustomize or Argo CD applies from out/
        doc
        for path in sorted((project / "out").rglob("*.yaml"))
        if path.name not in not_objects
        for doc in load_documents(path.read_text(), str(path))
    ]
    streamed = load_documents(printed.stdout, "stdout")
    assert (
        sorted(map(hagen.object_id, streamed))
        == sorted(map(hagen.object_id, written))
        == [
            "apiextensions.k8s.io.CustomResourceDefinition._.widgets.example.com",
            "batch.Job.hydra.hydra-migrate",
            "core.ConfigMap.hydra.hydra-settings",
            "core.Namespace._.hydra",
            "core.Secret.hydra.hydra-password",
        ]
    )
    assert sorted(streamed, key=hagen.object_id) == sorted(written, key=hagen.object_id)
    # Without the chart copy, synth keeps the committed rendered files: the stream holds the same
    # objects (the same bytes as with the chart) and says the same notes.
    kept = _hagen(project, "synth")
    without = _hagen(project, "synth", "--stdout")
    assert without.returncode == 0, without.stderr
    assert without.stdout == printed.stdout
    assert without.stderr == kept.stderr == NOT_HYDRATED + KEPT
    # Nothing committed in the out folder: values only, as synth writes them there.
    bare = _hagen(project, "synth", "--stdout", "-o", "elsewhere")
    assert [d["kind"] for d in load_documents(bare.stdout, "stdout")] == ["Namespace"]
    assert bare.stderr == NOT_HYDRATED


def test_a_rendered_objects_finding_has_the_line_of_the_file_hydration_makes(tmp_path: Path) -> None:
    project = _project(tmp_path)
    broken = tmp_path / "broken"
    shutil.copytree(CHART, broken)
    (broken / "templates" / "service.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: hydra\nspec:\n  ports:\n  - port: 70000\n"
    )
    context = hagen.load_project(project, charts={"hydra": broken})
    [spec] = hagen.load_blueprints([project / "blueprints"], project=context)
    syntheses, texts, _ = hagen.hydrate_syntheses([hagen.synthesize(spec)], project=context, files=False)
    written = texts["hydra/helm/hydra/service-hydra.yaml"].splitlines()
    port = written.index("  - port: 70000") + 1
    header = "# Rendered from hydra/templates/service.yaml of Helm release hydra (see provenance.yaml)."
    assert (written[2], port) == (header, 12)  # the hydration's own header line before the document
    # Written once with a valid port: the file is on disk, so findings point into it.
    valid = tmp_path / "valid"
    shutil.copytree(broken, valid)
    service = valid / "templates" / "service.yaml"
    service.write_text(service.read_text().replace("70000", "80"))
    written = _hagen(project, "synth", "--chart", f"hydra={valid}")
    assert written.returncode == 0, written.stderr
    check = _hagen(project, "check", "--format", "json", "--chart", f"hydra={broken}")
    found = [
        (f["file"], f["line"]) for f in json.loads(check.stdout)["findings"] if f["id"] == "schema.invalid"
    ]
    assert found == [(f"{FOLDER}/service-hydra.yaml", port)]
    # Without the hydrated files' text (only the hydration knows their header) there is no line.
    result = hagen.check(syntheses, kube_version="1.35", project=context)  # out/ under its root
    assert [(f.file, f.line) for f in result.findings if f.id == "schema.invalid"] == [
        (f"{FOLDER}/service-hydra.yaml", None)
    ]

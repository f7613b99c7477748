"""Finding and reading chart copies: directories, .tgz archives, Helm's cache; schemas of other charts."""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

from hagen._errors import ChartError
from hagen._helm import (
    Chart,
    HelmRelease,
    check_release,
    load_chart_copy,
    load_release,
    release_values,
)
from hagen._project import helm_repository_cache, load_project
from tests.conftest import DATA

TINY = DATA / "charts" / "tiny"


def tiny_release(**fields: object) -> HelmRelease:
    chart = Chart(name="tiny", repository="https://charts.example.org")
    return HelmRelease.model_validate(
        {"name": "demo", "namespace": "web", "chart": chart, "version": "0.1.0", **fields}
    )


def make_tgz(path: Path, files: dict[str, bytes], top: str = "tiny") -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def chart_files(version: str = "0.1.0", values: str = "service:\n  port: 80\n") -> dict[str, bytes]:
    return {
        "Chart.yaml": f"apiVersion: v2\nname: tiny\nversion: {version}\n".encode(),
        "values.yaml": values.encode(),
        "charts/sub/values.yaml": b"not: the parent's\n",
    }


def test_tgz_is_read_in_memory(tmp_path: Path) -> None:
    archive = make_tgz(tmp_path / "tiny-0.1.0.tgz", chart_files())
    copy = load_chart_copy(archive)
    assert (copy.name, copy.version, copy.values, copy.schema) == (
        "tiny",
        "0.1.0",
        {"service": {"port": 80}},
        None,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny-0.1.0.tgz"]  # nothing extracted


def test_tgz_values_check_catches_typos(tmp_path: Path) -> None:
    archive = make_tgz(tmp_path / "tiny-0.1.0.tgz", chart_files())
    release = tiny_release(values={"service": {"prot": 8080}}, chart_path=archive.name)
    with pytest.raises(
        ChartError, match=r"service\.prot is not a key of chart tiny 0\.1\.0.*did you mean service\.port"
    ):
        release_values(release, tmp_path)


def test_helm_cache_is_searched_where_the_project_says(tmp_path: Path) -> None:
    project = load_project(tmp_path, env={"HELM_CACHE_HOME": str(tmp_path)})
    assert project.helm_cache == tmp_path / "repository"
    (tmp_path / "repository").mkdir()
    make_tgz(tmp_path / "repository" / "tiny-0.1.0.tgz", chart_files())
    release = tiny_release(values={"service": {"port": 8080}})
    assert check_release(release, tmp_path).checked_against == "nothing"  # no project: no cache, no env
    loaded = load_release(release, tmp_path, project.charts, project.helm_cache)
    result = check_release(loaded, tmp_path)
    assert str(tmp_path / "repository" / "tiny-0.1.0.tgz") in result.checked_against
    assert result.findings == ()


def test_helm_cache_follows_helm_rules_in_the_given_environment(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert helm_repository_cache(env, Path("/home/x")) == tmp_path / "helm" / "repository"
    assert helm_repository_cache({}, Path("/home/x"), "linux") == Path("/home/x/.cache/helm/repository")
    assert helm_repository_cache({"HELM_REPOSITORY_CACHE": "/c"}, Path("/h")) == Path("/c")
    assert helm_repository_cache({}, None, "linux") is None  # no home: Helm has no cache to look in
    assert helm_repository_cache({"TEMP": "/t"}, None, "win32") == Path("/t/helm/repository")
    # the home folder is the given environment's, not the process's
    home = "USERPROFILE" if sys.platform == "win32" else "HOME"
    project = load_project(tmp_path, env={home: str(tmp_path / "h"), "XDG_CACHE_HOME": ""})
    assert project.helm_cache == helm_repository_cache({}, tmp_path / "h")
    assert str(project.helm_cache).startswith(str(tmp_path / "h"))
    assert load_project(tmp_path, env={}).helm_cache is None


def test_a_copy_of_another_version_is_refused(tmp_path: Path) -> None:
    make_tgz(tmp_path / "tiny.tgz", chart_files(version="0.2.0"))
    with pytest.raises(ChartError, match=r"is tiny 0\.2\.0, but the release pins tiny 0\.1\.0"):
        check_release(tiny_release(chart_path="tiny.tgz"), tmp_path)


def test_a_missing_declared_copy_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ChartError, match="no chart here"):
        check_release(tiny_release(chart_path="nowhere.tgz"), tmp_path)


def test_not_a_chart_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "junk.tgz").write_bytes(b"not gzip")
    with pytest.raises(ChartError, match="not a readable chart archive"):
        load_chart_copy(tmp_path / "junk.tgz")
    archive = make_tgz(tmp_path / "nochart.tgz", {"values.yaml": b"a: 1\n"})
    with pytest.raises(ChartError, match=r"no Chart\.yaml"):
        load_chart_copy(archive)


def test_oversized_members_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hagen._helm._chart as chart_module

    monkeypatch.setattr(chart_module, "MAX_MEMBER_BYTES", 16)
    archive = make_tgz(tmp_path / "big.tgz", chart_files(values="a: " + "x" * 100 + "\n"))
    with pytest.raises(ChartError, match="larger than 16 bytes"):
        load_chart_copy(archive)


def test_schema_of_another_chart_is_used_when_it_ships_one() -> None:
    release = tiny_release(values={"service": {"port": "http", "tpye": "LoadBalancer"}}, chart_path=str(TINY))
    result = check_release(release, Path("."))
    assert result.checked_against.startswith("values.schema.json of chart tiny 0.1.0")
    messages = sorted(f.message for f in result.errors)
    assert any('service.port: "http" is not of type "integer"' in m for m in messages)
    assert any("service.tpye is not allowed" in m and "did you mean service.type?" in m for m in messages)


def test_schema_sees_the_chart_defaults_like_helm_does() -> None:
    # `required: [type, port]` is met by the chart's defaults; deleting one with null breaks it
    ok = tiny_release(values={"service": {"port": 8080}}, chart_path=str(TINY))
    assert check_release(ok, Path(".")).errors == ()
    broken = tiny_release(values={"service": {"type": None}}, chart_path=str(TINY))
    assert any('"type" is a required property' in f.message for f in check_release(broken, Path(".")).errors)


def test_schema_from_a_tgz(tmp_path: Path) -> None:
    files = {
        **chart_files(),
        "values.schema.json": json.dumps({"properties": {"replicas": {"type": "integer"}}}).encode(),
    }
    archive = make_tgz(tmp_path / "tiny-0.1.0.tgz", files)
    assert load_chart_copy(archive).schema == {"properties": {"replicas": {"type": "integer"}}}
    result = check_release(tiny_release(values={"replicas": "two"}, chart_path=archive.name), tmp_path)
    assert [f.id for f in result.errors] == ["helm.schema"]

"""Release declarations: names, pinned versions, chart sources, values files, install commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from hagen._errors import BlueprintError, ChartError
from hagen._helm import Chart, HelmRelease, helmfile_document, install_command, repo_add_command

DEMO = Chart(name="demo", repository="https://charts.example.org")


def release(**fields: object) -> HelmRelease:
    return HelmRelease(**{"name": "demo", "namespace": "web", "chart": DEMO, "version": "1.2.3", **fields})


@pytest.mark.parametrize("version", ["^1.2", "~1.2.3", ">=1.0.0", "1.x", "*", "1.2.3 || 1.3.0", "1.2 - 1.4"])
def test_version_ranges_are_refused_with_the_reason(version: str) -> None:
    with pytest.raises(BlueprintError, match="is a range; pin an exact version"):
        release(version=version)


@pytest.mark.parametrize("version", ["1.2.3", "v5.9.53", "2.0.0-rc.1", "1.0.0+build.7"])
def test_exact_versions_are_accepted(version: str) -> None:
    assert release(version=version).version == version


def test_not_a_version_is_named() -> None:
    with pytest.raises(BlueprintError, match="not a semantic version"):
        release(version="five")


def test_release_name_follows_helm_limits() -> None:
    assert release(name="a" * 53).name == "a" * 53
    with pytest.raises(BlueprintError, match="at most 53"):
        release(name="a" * 54)
    with pytest.raises(BlueprintError, match="DNS-1123"):
        release(name="My_Release")


@pytest.mark.parametrize("url", ["ftp://example.org", "charts.example.org", "https://x.org/c?token=1"])
def test_chart_repository_must_be_installable(url: str) -> None:
    with pytest.raises(BlueprintError, match="chart repository"):
        Chart(name="demo", repository=url)


def test_values_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(BlueprintError) as info:
        release(values_files=("missing.yaml",)).merged_values(tmp_path)
    assert str(info.value) == (
        f"releases[demo].values_files[0]: no such values file {tmp_path}/missing.yaml (got 'missing.yaml'); "
        "allowed: a file's path relative to the blueprint's folder (or absolute)"
    )
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    with pytest.raises(BlueprintError) as info:
        release(values_files=("list.yaml",)).merged_values(tmp_path)
    assert str(info.value) == (
        f"releases[demo].values_files[0]: {tmp_path}/list.yaml: a values file must hold one YAML mapping "
        "(got 'list.yaml'); allowed: a single YAML document whose top level is a mapping"
    )


def test_install_command_and_repo_add() -> None:
    r = release(create_namespace=False)
    assert (
        install_command(r)
        == "helm upgrade --install demo example/demo --version 1.2.3 -n web -f helm/demo/values.yaml"
    )
    assert repo_add_command(r) == "helm repo add example https://charts.example.org"


def test_oci_chart_installs_by_reference() -> None:
    r = release(chart=Chart.oci("oci://registry-1.docker.io/bitnamicharts/nginx"))
    assert r.chart.name == "nginx"
    assert repo_add_command(r) is None
    assert "oci://registry-1.docker.io/bitnamicharts/nginx --version 1.2.3" in install_command(r)
    doc = helmfile_document([r])
    assert doc["repositories"] == [
        {"name": "bitnamicharts", "url": "registry-1.docker.io/bitnamicharts", "oci": True}
    ]


def test_helmfile_lists_each_repository_once_and_values_relative_to_it() -> None:
    a = release(name="a")
    b = release(name="b", namespace="other")
    doc = helmfile_document([a, b])
    assert doc["repositories"] == [{"name": "example", "url": "https://charts.example.org"}]
    assert [(r["name"], r["namespace"], r["chart"], r["version"], r["values"]) for r in doc["releases"]] == [
        ("a", "web", "example/demo", "1.2.3", ["helm/a/values.yaml"]),
        ("b", "other", "example/demo", "1.2.3", ["helm/b/values.yaml"]),
    ]


def test_helmfile_refuses_one_alias_for_two_repositories() -> None:
    other = release(
        name="b", chart=Chart(name="demo", repository="https://mirror.example.org", alias="example")
    )
    with pytest.raises(ChartError, match="alias 'example' names both"):
        helmfile_document([release(), other])


def test_helmfile_refuses_two_releases_with_one_name() -> None:
    with pytest.raises(ChartError, match="declared twice"):
        helmfile_document([release(), release(namespace="other")])

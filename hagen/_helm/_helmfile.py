"""What a user runs to install the releases: a helmfile.yaml, or the equivalent helm commands."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from .._errors import ChartError
from ._release import HelmRelease


def values_path(release: HelmRelease) -> str:
    """Where the release's values file sits, relative to out/<blueprint>/ (and to the helmfile.yaml)."""
    return f"helm/{release.name}/values.yaml"


def repo_add_command(release: HelmRelease) -> str | None:
    """``helm repo add ALIAS URL`` for a chart repository; None for OCI charts (nothing to add)."""
    if release.chart.is_oci:
        return None
    return shlex.join(["helm", "repo", "add", release.chart.repo_alias, release.chart.repository])


def install_command(release: HelmRelease) -> str:
    """The ``helm upgrade --install NAME REPO/CHART --version V -n NS --create-namespace -f VALUES`` command,
    run from out/<blueprint>/ (VALUES is helm/NAME/values.yaml)."""
    argv = ["helm", "upgrade", "--install", release.name, release.chart.reference]
    argv += ["--version", release.version, "-n", release.namespace]
    if release.create_namespace:
        argv.append("--create-namespace")
    argv += ["-f", values_path(release)]
    return shlex.join(argv)


def _repository(release: HelmRelease) -> dict[str, Any]:
    chart = release.chart
    if chart.is_oci:  # helmfile takes OCI registries without the scheme, marked oci: true
        parts = urlsplit(chart.repository)
        return {"name": chart.repo_alias, "url": f"{parts.netloc}{parts.path}", "oci": True}
    return {"name": chart.repo_alias, "url": chart.repository}


def helmfile_document(releases: Sequence[HelmRelease]) -> dict[str, Any]:
    """A helmfile.yaml (helmfile.yaml.gotmpl-free) installing `releases` with their generated values files.

    ``repositories`` lists each chart source once, by alias; ``releases`` keeps the blueprint's order.
    Two sources under one alias are a ChartError (helmfile would resolve one of the charts wrongly), and so
    are two releases with one name (both would write helm/NAME/values.yaml).
    """
    repositories: dict[str, dict[str, Any]] = {}
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for release in releases:
        if release.name in seen:  # helm keys releases by name per namespace; out/ by name alone
            raise ChartError(f"release {release.name} is declared twice; each needs its own name")
        seen.add(release.name)
        repo = _repository(release)
        known = repositories.setdefault(repo["name"], repo)
        if known != repo:
            raise ChartError(
                f"release {release.name}: repository alias {repo['name']!r} names both {known['url']} and "
                f"{repo['url']}; give one of the charts another alias (Chart(alias=...))"
            )
        entries.append(
            {
                "name": release.name,
                "namespace": release.namespace,
                "chart": f"{release.chart.repo_alias}/{release.chart.name}",
                "version": release.version,
                "createNamespace": release.create_namespace,
                "values": [values_path(release)],
            }
        )
    document: dict[str, Any] = {}
    if repositories:
        document["repositories"] = [repositories[name] for name in sorted(repositories)]
    document["releases"] = entries
    return document

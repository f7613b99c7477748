"""The project context: everything a command needs from outside the blueprints, resolved once at the edge.

`load_project` is the only place that reads the current folder, the configuration file and the
environment (Helm's cache location); every stage below takes the resulting `Project` as an argument.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from .._errors import InputError
from ._config import ProjectConfig, load_config

if TYPE_CHECKING:
    from .._blueprint import BlueprintSpec


class Project(ProjectConfig):
    """A hagen project, frozen: the configuration (hagen.toml or [tool.hagen]: blueprint folders, out
    folder, targets, Kubernetes version, GitOps) plus what the command line and the environment add.

    `charts`: release name -> a local chart copy (directory or .tgz) that wins over the release's own
    `chart_path` and Helm's cache (`--chart RELEASE=PATH`). `helm_cache`: Helm's repository cache folder
    (where `helm pull`/`helm install` leave NAME-VERSION.tgz), or None to never look there.
    `kube_version`: the Kubernetes version output is validated against (None: hagen's default).
    Build one with `hagen.load_project`; `Project()` is the defaults with no Helm cache.
    """

    charts: dict[str, Path] = Field(default_factory=dict, exclude=True)
    helm_cache: Path | None = Field(default=None, exclude=True)

    def blueprint_paths(self) -> list[Path]:
        """The configured blueprint folders, relative to the project root."""
        return [self.path(p) for p in self.blueprints]

    def out_path(self) -> Path:
        """The configured out folder, relative to the project root."""
        return self.path(self.out)


def helm_repository_cache(
    env: Mapping[str, str], home: Path | None, platform: str = sys.platform
) -> Path | None:
    """Helm's repository cache folder by Helm's own rules (helm.sh/helm/v3/pkg/helmpath), from `env`.

    ``$HELM_REPOSITORY_CACHE``, else ``$HELM_CACHE_HOME/repository``, else the XDG cache home
    (``$XDG_CACHE_HOME``, ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%TEMP%`` on Windows)
    followed by ``helm/repository``; None when that needs the home folder and `home` is None.
    """
    if env.get("HELM_REPOSITORY_CACHE"):
        return Path(env["HELM_REPOSITORY_CACHE"])
    if env.get("HELM_CACHE_HOME"):
        return Path(env["HELM_CACHE_HOME"]) / "repository"
    if env.get("XDG_CACHE_HOME"):
        base = Path(env["XDG_CACHE_HOME"])
    elif platform == "win32" and env.get("TEMP"):
        base = Path(env["TEMP"])
    elif home is None:
        return None
    elif platform == "darwin":
        base = home / "Library" / "Caches"
    elif platform == "win32":
        base = home / "AppData" / "Local" / "Temp"
    else:
        base = home / ".cache"
    return base / "helm" / "repository"


def parse_charts(items: Mapping[str, str | Path] | list[str] | tuple[str, ...]) -> dict[str, Path]:
    """Chart copies by release: a mapping, or `RELEASE=PATH` strings as `--chart` takes them.

    Raises InputError for a malformed item or a path that does not exist.
    """
    pairs: list[tuple[str, str | Path, str]] = []
    if isinstance(items, Mapping):
        pairs = [(release, path, f"{release}={path}") for release, path in items.items()]
    else:
        for item in items:
            release, sep, text = item.partition("=")
            if not sep or not release or not text:
                raise InputError(
                    f"--chart {item!r}: expected RELEASE=PATH, e.g. jenkins=charts/jenkins-5.9.53.tgz"
                )
            pairs.append((release, text, item))
    charts: dict[str, Path] = {}
    for release, path, given in pairs:
        if not Path(path).exists():
            raise InputError(f"--chart {given!r}: {path} does not exist")
        charts[release] = Path(path).resolve()
    return charts


def _home(env: Mapping[str, str] | None) -> Path | None:
    """The home folder Helm's paths start from (Go's os.UserHomeDir): ``$HOME`` (``%USERPROFILE%`` on
    Windows) of `env`, the process's home when `env` is None; None when there is none."""
    if env is None:
        try:
            return Path.home()
        except RuntimeError:
            return None
    value = env.get("USERPROFILE" if sys.platform == "win32" else "HOME")
    return Path(value) if value else None


def load_project(
    path: str | Path | None = None,
    *,
    charts: Mapping[str, str | Path] | list[str] | tuple[str, ...] | None = None,
    kube_version: str | None = None,
    helm_cache: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Project:
    """The project context, resolved once: the configuration found from `path` (a hagen.toml, a
    pyproject.toml with [tool.hagen], or a folder to search up from; default the current folder; the
    defaults when none is found), with `charts` (release -> chart copy path, or RELEASE=PATH strings),
    `kube_version` (wins over the configuration's) and `helm_cache` (default: Helm's own rules applied to
    `env`, home folder included, which defaults to the process environment; this is the one place hagen
    reads it; None when `env` names no cache and no home).

    Raises InputError for an unreadable or invalid configuration or a chart copy that does not exist.
    """
    config = load_config(path)
    if helm_cache is None:
        helm_cache = helm_repository_cache(os.environ if env is None else env, _home(env))
    fields = {**config.model_dump(), "root": config.root, "source": config.source}
    return Project(
        **(fields | ({"kube_version": kube_version} if kube_version else {})),
        charts=parse_charts(charts or ()),
        helm_cache=None if helm_cache is None else Path(helm_cache),
    )


def as_project(project: Project | ProjectConfig | None) -> Project:
    """`project` as a Project: None builds the default one from the current folder (`load_project()`)."""
    if project is None:
        return load_project()
    if isinstance(project, Project):
        return project
    fields = {**project.model_dump(), "root": project.root, "source": project.source}
    return Project(**fields)


def load_spec_inputs(spec: BlueprintSpec, project: Project) -> BlueprintSpec:
    """`spec` with each Helm release's values files and chart copy read (the project's `charts` first,
    then the release's chart_path, then the project's `helm_cache`), so that `synthesize` reads nothing."""
    if not spec.releases:
        return spec
    from .._helm import load_release
    from .._synth._synthesis import in_blueprint

    folder = Path(spec.source or ".").parent
    with in_blueprint(spec):  # a values file or chart copy that cannot be read: which blueprint wants it
        releases = tuple(load_release(r, folder, project.charts, project.helm_cache) for r in spec.releases)
    return spec.model_copy(update={"releases": releases})

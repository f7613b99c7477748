"""The project configuration: hagen.toml, or [tool.hagen] in pyproject.toml, or the defaults.

```toml
blueprints = ["blueprints"]
out = "out"
kube_version = "1.33"

[targets.dev]
cluster = "dev-eu"                      # a cluster name (GitOps destinations)
profile = { nodes = 1, zones = 1 }      # the cluster profile for placement checks
vars = { domain = "dev.example.com" }   # free values a blueprint method reads from its target

[gitops.argocd]
repo_url = "https://git.example.com/shop/deploy.git"
```
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    ValidationError,
    field_validator,
)

from .._errors import InputError
from .._model import model_check
from .._names import dns1123_label
from ._find import CONFIG_FILE, PYPROJECT, find_project
from ._gitops_config import GitOpsConfig, _Model
from ._messages import config_error
from ._target import Target

RESERVED = ("gitops",)  # out/gitops/ holds the GitOps manifests


def _eks_name(value: str) -> str:
    from .._errors import BlueprintError
    from .._storage._addons import check_cluster_name

    try:
        return check_cluster_name(value, "cluster")
    except BlueprintError as exc:
        raise ValueError(f"{value!r}: {exc.reason}; allowed: {exc.allowed}") from None


def _region(value: str) -> str:
    from .._errors import BlueprintError
    from .._storage._addons import check_region

    try:
        return check_region(value, "region")
    except BlueprintError as exc:
        raise ValueError(f"{value!r}: {exc.reason}; allowed: {exc.allowed}") from None


ClusterName = Annotated[str, AfterValidator(_eks_name)]
Region = Annotated[str, AfterValidator(_region)]


class ProfileConfig(_Model):
    """A cluster profile for placement: the node/zone shorthand of `hagen place`, or a profile file."""

    nodes: int | None = Field(default=None, ge=1, description="node-1..node-N")
    zones: int | None = Field(default=None, ge=1, le=26, description="zone-a, zone-b, ... round-robin")
    cpu: str | None = Field(default=None, description="allocatable cpu of each node, e.g. 1930m")
    memory: str | None = Field(default=None, description="allocatable memory of each node, e.g. 7Gi")
    file: str | None = Field(default=None, description="a profile file (YAML/JSON nodes), project-relative")

    @model_check
    def _one_form(self) -> ProfileConfig:
        if self.file is not None and any(
            v is not None for v in (self.nodes, self.zones, self.cpu, self.memory)
        ):
            raise ValueError("give either file or the nodes/zones/cpu/memory shorthand, not both")
        return self

    def merged(self, over: ProfileConfig | None) -> ProfileConfig:
        """This profile with the fields `over` sets replacing ours (a file replaces the shorthand)."""
        if over is None:
            return self
        if over.file is not None:
            return over
        updates = {k: v for k, v in over.model_dump().items() if v is not None}
        return ProfileConfig(**({**self.model_dump(), "file": None} | updates))


class TargetConfig(_Model):
    """One target: an environment, optionally on a named cluster."""

    description: str = ""
    cluster: ClusterName | None = Field(
        default=None, description="EKS cluster name: GitOps destination and eksctl metadata.name"
    )
    region: Region | None = Field(default=None, description="AWS region: eksctl metadata.region")
    overrides: str | None = Field(default=None, description="YAML overrides; default targets/<name>.yaml")
    kube_version: str | None = Field(default=None, description="Kubernetes version for schema validation")
    profile: ProfileConfig | None = Field(default=None, description="cluster profile for placement checks")
    vars: dict[str, Any] = Field(default_factory=dict, description="free values for blueprint methods")
    hydrate: bool = Field(
        default=False,
        description="render every Helm release's chart into helm/<release>/ (needs a chart copy)",
    )


# --- hagen diff: ignore rules ------------------------------------------------------------------------


class IgnoreDifference(_Model):
    """One ignore rule, in Argo CD's ``ignoreDifferences`` shape (keys spelt as Argo CD spells them)."""

    group: str = Field(default="", description="API group; empty for the core group, * for any")
    kind: str = Field(description="kind, * for any")
    name: str | None = None
    namespace: str | None = None
    jsonPointers: tuple[str, ...] = Field(default=(), description="RFC 6901 pointers, e.g. /spec/replicas")
    jqPathExpressions: tuple[str, ...] = Field(default=(), description="jq paths (needs hagen[jq])")


class DiffConfig(_Model):
    """``[diff]``: what `hagen diff` leaves out (reported as ``N changes ignored by rule ...``)."""

    ignoreDifferences: tuple[IgnoreDifference, ...] = ()


# ------------------------------------------------------------------------------------------------------


class ProjectConfig(_Model):
    """A hagen project: where blueprints are, where output goes, the targets and the GitOps hand-off."""

    blueprints: tuple[str, ...] = ("blueprints",)
    out: str = "out"
    kube_version: str | None = Field(default=None, description="default: hagen's default version")
    profile: ProfileConfig | None = Field(default=None, description="cluster profile for every target")
    targets: dict[str, TargetConfig] = Field(default_factory=dict)
    gitops: GitOpsConfig | None = None
    diff: DiffConfig = Field(default_factory=DiffConfig, description="hagen diff: ignore rules")
    root: Path = Field(default=Path("."), exclude=True, description="the folder paths are relative to")
    source: str = Field(default="", exclude=True, description="the file the configuration came from")

    @field_validator("targets")
    @classmethod
    def _target_names(cls, value: dict[str, TargetConfig]) -> dict[str, TargetConfig]:
        for name in value:
            try:
                dns1123_label(name)
            except ValueError as exc:
                raise ValueError(f"target name {name!r}: {exc}") from None
            if name in RESERVED:
                raise ValueError(f"target name {name!r} is reserved: out/{name}/ holds the GitOps manifests")
        return dict(sorted(value.items()))

    @model_check
    def _gitops_needs_targets(self) -> ProjectConfig:
        if self.gitops is not None and not self.targets:
            raise ValueError("gitops: the GitOps manifests point at out/<target>/; declare [targets] first")
        return self

    def target(self, name: str) -> Target:
        """The Target value a blueprint method receives for target `name`."""
        config = self.targets[name]
        return Target(name=name, cluster=config.cluster, vars=config.vars, description=config.description)

    def select(self, names: Sequence[str] | None = None) -> list[str]:
        """The target names to work on: `names` (checked) or all, in name order; [] without targets."""
        if not names:
            return list(self.targets)
        unknown = [n for n in names if n not in self.targets]
        if unknown:
            known = ", ".join(self.targets) or "none: the project declares no targets"
            where = self.source or CONFIG_FILE
            raise InputError(f"--target {unknown[0]!r}: no such target in {where}; targets: {known}")
        return sorted(set(names))

    def path(self, relative: str) -> Path:
        """A configured path, relative to the project root."""
        path = Path(relative)
        return path if path.is_absolute() else self.root / path

    def overrides_file(self, name: str) -> Path | None:
        """The target's YAML overrides: as configured, else targets/<name>.yaml when that file exists."""
        configured = self.targets[name].overrides
        if configured is not None:
            path = self.path(configured)
            if not path.is_file():
                raise InputError(f"{self.source}: targets.{name}.overrides: no such file {configured!r}")
            return path
        default = self.path(f"targets/{name}.yaml")
        return default if default.is_file() else None


def _line_finder(text: str, table_prefix: tuple[str, ...]) -> Any:
    """A function from a key path to the line (1-based) that sets it in the TOML text, when it can tell."""
    lines = text.splitlines()

    def line_of(loc: Sequence[str | int]) -> int | None:
        keys = [*table_prefix, *(str(p) for p in loc)]
        table: list[str] = []
        best: int | None = None
        for number, raw in enumerate(lines, 1):
            line = raw.strip()
            header = re.fullmatch(r"\[\[?\s*([^\]]+?)\s*\]?\]", line)
            if header:
                table = [k.strip().strip("\"'") for k in header.group(1).split(".")]
                if table == keys:
                    return number
                continue
            match = re.match(r"([A-Za-z0-9_.\"' -]+?)\s*=", line)
            if match:
                dotted = [k.strip().strip("\"'") for k in match.group(1).split(".")]
                full = table + dotted
                if full == keys:
                    return number
                if keys[: len(full)] == full and best is None:
                    best = number  # an inline table that holds the key
        return best

    return line_of


def parse_project(text: str, source: str, root: Path, in_pyproject: bool = False) -> ProjectConfig:
    """Validate configuration text; InputError names the file, line, key path and the allowed keys."""
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not valid TOML: {exc}") from None
    prefix: tuple[str, ...] = ()
    if in_pyproject:
        data = data.get("tool", {}).get("hagen", {})
        prefix = ("tool", "hagen")
    for key in ("root", "source"):
        if key in data:
            raise InputError(f"{source}: unknown key {key!r}; allowed keys: {', '.join(_ALLOWED)}")
    try:
        config = ProjectConfig.model_validate(data)
    except ValidationError as exc:
        raise config_error(exc, ProjectConfig, source, _line_finder(text, prefix)) from None
    return config.model_copy(update={"root": root, "source": source})


_ALLOWED = tuple(k for k in ProjectConfig.model_fields if k not in ("root", "source"))


def load_config(path: str | Path | None = None) -> ProjectConfig:
    """The project configuration file only (`load_project` builds the whole project context): `path`
    (a hagen.toml, a pyproject.toml, or a folder to search up
    from; default the current folder), or the defaults (no targets) when no configuration is found."""
    start = Path(path) if path is not None else Path.cwd()
    file = start if start.is_file() else find_project(start)
    if file is None:
        return ProjectConfig(root=start.resolve() if path is not None else Path("."))
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: cannot read: {exc}") from None
    root = file.parent
    with contextlib.suppress(ValueError):  # keep messages and output paths short and relative
        root = root.relative_to(Path.cwd())
    source = (root / file.name).as_posix()
    return parse_project(text, source, root, in_pyproject=file.name == PYPROJECT)

"""The project: its context (hagen.toml or [tool.hagen], chart copies, Helm cache), targets, per-target
overrides, and target output."""

from .._blueprint._discover import blueprint_classes
from ._build import TargetBuild, build_target, cluster_profile, kube_version
from ._config import ProfileConfig, ProjectConfig, TargetConfig, find_project, load_config
from ._context import (
    Project,
    as_project,
    helm_repository_cache,
    load_project,
    load_spec_inputs,
    parse_charts,
)
from ._overrides import load_overrides
from ._plan import InvalidTargetOutput, diff_targets, plan_targets, synth_targets
from ._render import RenderedTarget, default_jobs, pool_workers, render_targets
from ._target import Target

__all__ = [
    "InvalidTargetOutput",
    "ProfileConfig",
    "Project",
    "ProjectConfig",
    "RenderedTarget",
    "Target",
    "TargetBuild",
    "TargetConfig",
    "as_project",
    "blueprint_classes",
    "build_target",
    "cluster_profile",
    "default_jobs",
    "diff_targets",
    "find_project",
    "helm_repository_cache",
    "kube_version",
    "load_config",
    "load_overrides",
    "load_project",
    "load_spec_inputs",
    "parse_charts",
    "plan_targets",
    "pool_workers",
    "render_targets",
    "synth_targets",
]

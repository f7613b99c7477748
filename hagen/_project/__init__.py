"""The project: its context (hagen.toml or [tool.hagen], chart copies, Helm cache), targets, per-target
overrides, and target output."""
# Lazy (PEP 562): every command resolves the project context, and the configuration alone must not
# import the blueprint DSL, the Helm models and the renderers (a third of a second) for `hagen diff`,
# `hagen validate` and the like.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._blueprint._discover import blueprint_classes
    from ._build import TargetBuild, build_target, cluster_profile, kube_version
    from ._build import kube_version as target_kube_version
    from ._config import ProfileConfig, ProjectConfig, TargetConfig, load_config
    from ._context import (
        Project,
        as_project,
        helm_repository_cache,
        load_project,
        load_spec_inputs,
        parse_charts,
    )
    from ._find import find_project
    from ._overrides import load_overrides
    from ._place import target_inputs
    from ._plan import InvalidTargetOutput, diff_targets, plan_targets, synth_targets
    from ._render import RenderedTarget, default_jobs, pool_workers, render_targets
    from ._target import Target

_LAZY: dict[str, tuple[str, str]] = {
    "blueprint_classes": (".._blueprint._discover", "blueprint_classes"),
    "TargetBuild": ("._build", "TargetBuild"),
    "build_target": ("._build", "build_target"),
    "cluster_profile": ("._build", "cluster_profile"),
    "kube_version": ("._build", "kube_version"),
    "ProfileConfig": ("._config", "ProfileConfig"),
    "ProjectConfig": ("._config", "ProjectConfig"),
    "TargetConfig": ("._config", "TargetConfig"),
    "find_project": ("._find", "find_project"),
    "load_config": ("._config", "load_config"),
    "Project": ("._context", "Project"),
    "as_project": ("._context", "as_project"),
    "helm_repository_cache": ("._context", "helm_repository_cache"),
    "load_project": ("._context", "load_project"),
    "load_spec_inputs": ("._context", "load_spec_inputs"),
    "parse_charts": ("._context", "parse_charts"),
    "load_overrides": ("._overrides", "load_overrides"),
    "target_inputs": ("._place", "target_inputs"),
    "InvalidTargetOutput": ("._plan", "InvalidTargetOutput"),
    "diff_targets": ("._plan", "diff_targets"),
    "plan_targets": ("._plan", "plan_targets"),
    "synth_targets": ("._plan", "synth_targets"),
    "RenderedTarget": ("._render", "RenderedTarget"),
    "default_jobs": ("._render", "default_jobs"),
    "pool_workers": ("._render", "pool_workers"),
    "render_targets": ("._render", "render_targets"),
    "Target": ("._target", "Target"),
    "target_kube_version": ("._build", "kube_version"),
}


def __getattr__(name: str) -> Any:
    found = _LAZY.get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(found[0], __name__), found[1])
    globals()[name] = value
    return value


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
    "target_inputs",
    "target_kube_version",
]

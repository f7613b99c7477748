"""One target's blueprints: built with the target, overridden by its YAML file, given its cluster profile.

Precedence, lowest first: hagen's defaults < the blueprint (Python, which may depend on the target) <
hagen.toml (project, then target) < the target's YAML file (top level, then the blueprint's entry) <
command-line flags (applied by the commands: --kube-version, --nodes, --zones, --cluster).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._blueprint import BlueprintSpec
from .._blueprint._discover import BlueprintClass, blueprint_classes, check_unique
from .._blueprint._spec import build_spec
from .._errors import BlueprintError
from ._config import ProfileConfig, ProjectConfig
from ._overrides import Overrides, apply_overrides, check_blueprint_names, load_overrides
from ._target import Target


@dataclass(frozen=True)
class TargetBuild:
    """A target's validated blueprint specs and the Kubernetes version its output is validated against."""

    name: str
    target: Target
    specs: tuple[BlueprintSpec, ...]
    kube_version: str | None
    hydrate: bool = False


def cluster_profile(profile: ProfileConfig, declared: Any, project: ProjectConfig) -> Any:
    """The ClusterProfile a profile setting describes; shorthand fields it leaves out come from the
    blueprint's own profile (`declared`: its own, else the one the target's other blueprints declare), so
    `{nodes: 1}` keeps the blueprint's node size."""
    from .._place import ClusterProfile, load_profile

    if profile.file is not None:
        return load_profile(project.path(profile.file))
    zones = profile.zones or (len(declared.zones()) or 1 if declared is not None else 1)
    nodes = profile.nodes or (len(declared.nodes) if declared is not None else zones)
    first = declared.nodes[0].allocatable if declared is not None else None
    cpu = profile.cpu or (first.cpu if first is not None else None)
    memory = profile.memory or (first.memory if first is not None else None)
    return ClusterProfile.shorthand(nodes=nodes, zones=min(zones, nodes), cpu=cpu, memory=memory)


def eks_cluster(spec: BlueprintSpec, cluster: str | None, region: str | None) -> Any:
    """The EKS cluster of a blueprint in a target: the target's cluster name and region replace the
    blueprint's `eks` where set. A target that names a region but whose blueprint names no cluster uses
    the target's `cluster`; with only one of the two known, the blueprint's EksCluster is kept as it is."""
    from .._storage import EksCluster

    declared = spec.eks
    name = cluster or (declared.name if declared is not None else None)
    where = region or (declared.region if declared is not None else None)
    if name is None or where is None:
        return declared
    if declared is not None and (declared.name, declared.region) == (name, where):
        return declared
    return EksCluster(name=name, region=where)


def _layers(*layers: ProfileConfig | None) -> ProfileConfig | None:
    result: ProfileConfig | None = None
    for layer in layers:
        if layer is not None:
            result = layer if result is None else result.merged(layer)
    return result


def build_target(
    project: ProjectConfig,
    name: str,
    classes: Sequence[BlueprintClass] | Sequence[str | Path] | None = None,
) -> TargetBuild:
    """Every blueprint of the project as target `name` sees it, with its Helm releases' values files and
    chart copies read through the project (a hagen.Project: its --chart copies and Helm cache).

    `classes`: blueprint (class, source) pairs already imported, or blueprint paths (str or Path); default
    the project's blueprint folders."""
    from ._context import as_project, load_spec_inputs

    context = as_project(project)
    pairs: list[BlueprintClass] = []
    paths: list[str | Path] = []
    for item in classes if classes is not None else context.blueprint_paths():
        if isinstance(item, str | Path):
            paths.append(item)
        else:
            pairs.append(item)
    if paths or classes is None:
        pairs = blueprint_classes(paths)
    target = project.target(name)
    config = project.targets[name]
    specs: list[BlueprintSpec] = []
    for cls, source in pairs:
        try:
            specs.append(build_spec(cls, source=source, target=target))
        except BlueprintError as exc:
            raise BlueprintError(
                f"{exc.reason} (target {name})",
                file=exc.file,
                blueprint=exc.blueprint,
                field=exc.field,
                value=exc.value,
                allowed=exc.allowed,
            ) from None
    specs = check_unique(specs, context.charts)
    file = project.overrides_file(name)
    overrides: Overrides | None = load_overrides(file) if file is not None else None
    if overrides is not None:
        check_blueprint_names(overrides, [s.name for s in specs])
    top = overrides.data.cluster if overrides is not None else None
    # The target's blueprints run on one cluster (`hagen._one_cluster`): a blueprint declaring no profile
    # completes the target's from the one its neighbours declare, not from hagen's defaults (which would
    # drop their node size: no cpu or memory limit).
    declared = [s.cluster for s in specs if s.cluster is not None]
    shared = declared[0] if declared and all(d == declared[0] for d in declared) else None
    built: list[BlueprintSpec] = []
    for spec in specs:
        change = overrides.data.blueprints.get(spec.name) if overrides is not None else None
        if overrides is not None and change is not None:
            spec = apply_overrides(spec, change, overrides)
        profile = _layers(project.profile, config.profile, top, change.cluster if change else None)
        if profile is not None:
            own = spec.cluster if spec.cluster is not None else shared
            spec = spec.model_copy(update={"cluster": cluster_profile(profile, own, project)})
        eks = eks_cluster(spec, config.cluster, config.region)
        if eks is not spec.eks:
            spec = spec.model_copy(update={"eks": eks})
        built.append(load_spec_inputs(spec, context))
    return TargetBuild(
        name=name,
        target=target,
        specs=tuple(built),
        kube_version=kube_version(project, name),
        hydrate=project.targets[name].hydrate,
    )


def kube_version(project: ProjectConfig, name: str) -> str | None:
    """The Kubernetes version target `name` is validated against: its YAML file, else its hagen.toml
    entry, else the project's; None means hagen's default (a --kube-version flag wins over all)."""
    file = project.overrides_file(name)
    from_file = load_overrides(file).data.kube_version if file is not None else None
    return from_file or project.targets[name].kube_version or project.kube_version

"""hagen: typed blueprint classes -> Kubernetes manifests and Helm values, kept honest.

import hagen
specs = hagen.load_blueprints(["blueprints"])
synthesis = hagen.synthesize(specs[0])        # objects as plain dicts
files = hagen.render(synthesis)               # relative path -> YAML text
hagen.write_tree(files, Path("out"))          # all or nothing
"""

from __future__ import annotations

from ._version import __version__

# `typing` alone is a third of `hagen --help`'s imports; mypy reads any name TYPE_CHECKING as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._api import plan, synth, synthesize_all, synthesize_stream
    from ._blueprint import (
        Alb,
        Autoscale,
        Avoid,
        Blueprint,
        BlueprintSpec,
        Colocate,
        ConfigMapKeyRef,
        Container,
        CronJob,
        DaemonSet,
        Gateway,
        HttpRoute,
        Job,
        Listener,
        LoadBalancer,
        Port,
        Probe,
        Resources,
        Route,
        SecretKeyRef,
        Separate,
        SharedVolume,
        Spread,
        Strategy,
        Tier,
        avoid,
        colocate,
        load_blueprints,
        separate,
        spread,
    )
    from ._check import (
        CheckResult,
        ClusterCounts,
        Finding,
        check,
        finding_lines,
        json_report,
        register_rule,
        sarif_report,
        text_report,
    )
    from ._config import (
        ConfigFiles,
        ConfigMap,
        EnvFrom,
        ExternalSecret,
        RemoteRef,
        SealedSecret,
        SecretFiles,
    )
    from ._diff import (
        Change,
        DiffResult,
        IgnoreRule,
        ObjectDiff,
        Tree,
        Verdict,
        apply_changes,
        check_rollouts,
        diff_fails,
        diff_output,
        diff_paths,
        diff_resynth,
        diff_trees,
        format_diff,
        ignore_rules,
        read_path,
    )
    from ._errors import (
        BlueprintError,
        ChartError,
        HagenError,
        InputError,
        InvalidOutput,
        OutputError,
        QuantityError,
        SchemaError,
        SelectorError,
        UnsafeYAMLError,
    )
    from ._extend import JsonPatch, StrategicMerge, merge_patch
    from ._finding import BlockingFindings
    from ._helm import (
        Admin,
        Agent,
        Chart,
        Controller,
        HelmRelease,
        Ingress,
        Jenkins,
        NetworkPolicy,
        Persistence,
        Rbac,
        ServiceAccount,
        ValuesCheck,
        check_release,
        helmfile_document,
        install_command,
        release_values,
        render_release,
    )
    from ._helm._hydrate import Hydration, chart_digest, hydrate_release
    from ._hydration import hydrate_syntheses
    from ._identity import Identity
    from ._objects import Object, object_id, sort_objects
    from ._output import (
        Planned,
        Stream,
        WriteReport,
        read_owned,
        render,
        render_objects,
        stream_objects,
        write_tree,
    )
    from ._place import (
        Allocatable,
        ClusterProfile,
        Failure,
        Inputs,
        Node,
        Placed,
        Placement,
        PlaceOptions,
        Pod,
        Rollout,
        SimNode,
        Simulation,
        Taint,
        fail,
        load_profile,
        place,
        place_command,
        place_inputs,
        placement_findings,
        render_svg,
        rollout,
        run_scenario,
        simulate,
    )
    from ._project import (
        Project,
        ProjectConfig,
        Target,
        TargetBuild,
        blueprint_classes,
        build_target,
        diff_targets,
        find_project,
        load_project,
        plan_targets,
        synth_targets,
        target_inputs,
        target_kube_version,
    )
    from ._quantity import canonical_quantity, parse_quantity, same_quantity
    from ._report import ReportFiles, ReportOptions, report
    from ._sources import split_paths
    from ._storage import CsiDriver, EfsStorageClass, EksCluster, StorageClass, Volume
    from ._synth import Synthesis, synthesize, synthesize_each
    from ._validate import SchemaViolation, ValidationReport, load_sourced, validate_objects, validate_paths

# Private module -> the public names it provides. Loaded on first use, so that `hagen --help` and light
# API users do not pay for pydantic and the models (see docs/benchmarks.md).
_PROVIDES: dict[str, str] = {
    "._api": "plan synth synthesize_all synthesize_stream",
    "._hydration": "hydrate_syntheses",
    "._blueprint": "Alb Autoscale Avoid Blueprint BlueprintSpec Colocate ConfigMapKeyRef "
    "Container CronJob DaemonSet Gateway HttpRoute Job Listener LoadBalancer Port Probe Resources "
    "Route SecretKeyRef Separate SharedVolume Spread Strategy Tier avoid colocate load_blueprints "
    "separate spread",
    "._check": "CheckResult ClusterCounts Finding check finding_lines json_report register_rule "
    "sarif_report text_report",
    "._config": "ConfigFiles ConfigMap EnvFrom ExternalSecret RemoteRef SealedSecret SecretFiles",
    "._diff": "Change DiffResult IgnoreRule ObjectDiff Tree Verdict apply_changes check_rollouts "
    "diff_fails diff_output diff_paths diff_resynth diff_trees format_diff ignore_rules read_path",
    "._errors": "BlueprintError ChartError HagenError InputError InvalidOutput OutputError "
    "QuantityError SchemaError SelectorError UnsafeYAMLError",
    "._extend": "JsonPatch StrategicMerge merge_patch",
    "._finding": "BlockingFindings",
    "._helm": "Admin Agent Chart Controller HelmRelease Ingress Jenkins NetworkPolicy "
    "Persistence Rbac ServiceAccount ValuesCheck check_release helmfile_document install_command "
    "release_values render_release",
    "._helm._hydrate": "Hydration chart_digest hydrate_release",
    "._identity": "Identity",
    "._objects": "Object object_id sort_objects",
    "._output": "Planned Stream WriteReport read_owned render render_objects stream_objects write_tree",
    "._place": "Allocatable ClusterProfile Failure Inputs Node PlaceOptions Placed Placement Pod "
    "Rollout SimNode Simulation Taint fail load_profile place place_command place_inputs "
    "placement_findings render_svg rollout run_scenario simulate",
    "._project": "Project ProjectConfig Target TargetBuild blueprint_classes build_target "
    "diff_targets find_project load_project plan_targets synth_targets target_inputs "
    "target_kube_version",
    "._quantity": "canonical_quantity parse_quantity same_quantity",
    "._report": "ReportFiles ReportOptions report",
    "._sources": "split_paths",
    "._storage": "CsiDriver EfsStorageClass EksCluster StorageClass Volume",
    "._synth": "Synthesis synthesize synthesize_each",
    "._validate": "SchemaViolation ValidationReport load_sourced validate_objects validate_paths",
}
_LAZY: dict[str, str] = {name: module for module, names in _PROVIDES.items() for name in names.split()}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hagen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    if isinstance(value, type) and value.__module__.startswith("hagen._"):
        value.__module__ = __name__  # reprs and docs show hagen.Tier, not the private module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


# One public name per entry, packed: the same list as the lazy table above (a test keeps them equal).
# fmt: off
__all__ = [
    "Admin", "Agent", "Alb", "Allocatable", "Autoscale", "Avoid", "BlockingFindings", "Blueprint",
    "BlueprintError", "BlueprintSpec", "Change", "Chart", "ChartError", "CheckResult", "ClusterCounts",
    "ClusterProfile", "Colocate", "ConfigFiles", "ConfigMap", "ConfigMapKeyRef", "Container", "Controller",
    "CronJob", "CsiDriver", "DaemonSet", "DiffResult", "EfsStorageClass", "EksCluster", "EnvFrom",
    "ExternalSecret", "Failure", "Finding", "Gateway", "HagenError", "HelmRelease", "HttpRoute", "Hydration",
    "Identity", "IgnoreRule", "Ingress", "InputError", "Inputs", "InvalidOutput", "Jenkins", "Job",
    "JsonPatch", "Listener", "LoadBalancer", "NetworkPolicy", "Node", "Object", "ObjectDiff", "OutputError",
    "Persistence", "PlaceOptions", "Placed", "Placement", "Planned", "Pod", "Port", "Probe", "Project",
    "ProjectConfig", "QuantityError", "Rbac", "RemoteRef", "ReportFiles", "ReportOptions", "Resources",
    "Rollout", "Route", "SchemaError", "SchemaViolation", "SealedSecret", "SecretFiles", "SecretKeyRef",
    "SelectorError", "Separate", "ServiceAccount", "SharedVolume", "SimNode", "Simulation", "Spread",
    "StorageClass", "StrategicMerge", "Strategy", "Stream", "Synthesis", "Taint", "Target", "TargetBuild",
    "Tier", "Tree", "UnsafeYAMLError", "ValidationReport", "ValuesCheck", "Verdict", "Volume", "WriteReport",
    "__version__", "apply_changes", "avoid", "blueprint_classes", "build_target", "canonical_quantity",
    "chart_digest", "check", "check_release", "check_rollouts", "colocate", "diff_fails", "diff_output",
    "diff_paths", "diff_resynth", "diff_targets", "diff_trees", "fail", "find_project", "finding_lines",
    "format_diff", "helmfile_document", "hydrate_release", "hydrate_syntheses", "ignore_rules",
    "install_command", "json_report", "load_blueprints", "load_profile", "load_project", "load_sourced",
    "merge_patch", "object_id", "parse_quantity", "place", "place_command", "place_inputs",
    "placement_findings", "plan", "plan_targets", "read_owned", "read_path", "register_rule",
    "release_values", "render", "render_objects", "render_release", "render_svg", "report", "rollout",
    "run_scenario", "same_quantity", "sarif_report", "separate", "simulate", "sort_objects", "split_paths",
    "spread", "stream_objects", "synth", "synth_targets", "synthesize", "synthesize_all", "synthesize_each",
    "synthesize_stream", "target_inputs", "target_kube_version", "text_report", "validate_objects",
    "validate_paths", "write_tree",
]
# fmt: on

"""hagen: typed blueprint classes -> Kubernetes manifests and Helm values, kept honest.

import hagen
specs = hagen.load_blueprints(["blueprints"])
synthesis = hagen.synthesize(specs[0])        # objects as plain dicts
files = hagen.render(synthesis)               # relative path -> YAML text
hagen.write_tree(files, Path("out"))          # all or nothing
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._api import InvalidOutput, hydrate_syntheses, plan, synth, synthesize_all, synthesize_stream
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
    from ._check import CheckResult, Finding, check, register_rule
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
        Verdict,
        apply_changes,
        check_rollouts,
        diff_output,
        diff_paths,
        diff_resynth,
        diff_trees,
        format_diff,
    )
    from ._errors import BlueprintError, ChartError, HagenError, InputError, OutputError, UnsafeYAMLError
    from ._extend import JsonPatch, StrategicMerge, merge_patch
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
        check_release,
        helmfile_document,
        install_command,
        release_values,
        render_release,
    )
    from ._helm._hydrate import Hydration, chart_digest, hydrate_release
    from ._identity import Identity
    from ._objects import Object, object_id, sort_objects
    from ._output import WriteReport, read_owned, render, render_objects, stream_objects, write_tree
    from ._place import (
        Allocatable,
        ClusterProfile,
        Failure,
        Node,
        Placement,
        Rollout,
        Simulation,
        Taint,
        fail,
        load_profile,
        place,
        placement_findings,
        rollout,
        run_scenario,
        simulate,
    )
    from ._project import (
        InvalidTargetOutput,
        ProjectConfig,
        Target,
        diff_targets,
        find_project,
        load_project,
        plan_targets,
        synth_targets,
    )
    from ._quantity import QuantityError, canonical_quantity, parse_quantity, same_quantity
    from ._report import ReportOptions, report
    from ._storage import CsiDriver, EfsStorageClass, EksCluster, StorageClass, Volume
    from ._synth import Synthesis, synthesize, synthesize_each
    from ._validate import SchemaError, ValidationReport, validate_objects, validate_paths

# Private module -> the public names it provides. Loaded on first use, so that `hagen --help` and light
# API users do not pay for pydantic and the models (see docs/benchmarks.md).
_PROVIDES: dict[str, str] = {
    "._api": "InvalidOutput hydrate_syntheses plan synth synthesize_all synthesize_stream",
    "._blueprint": "Alb Autoscale Avoid Blueprint BlueprintSpec Colocate ConfigMapKeyRef Container CronJob "
    "DaemonSet Gateway HttpRoute Job Listener LoadBalancer Port Probe Resources Route "
    "SecretKeyRef Separate SharedVolume Spread Strategy Tier avoid colocate load_blueprints "
    "separate spread",
    "._check": "CheckResult Finding check register_rule",
    "._config": "ConfigFiles ConfigMap EnvFrom ExternalSecret RemoteRef SealedSecret SecretFiles",
    "._diff": "Change DiffResult IgnoreRule ObjectDiff Verdict apply_changes check_rollouts diff_output "
    "diff_paths diff_resynth diff_trees format_diff",
    "._errors": "BlueprintError ChartError HagenError InputError OutputError UnsafeYAMLError",
    "._extend": "JsonPatch StrategicMerge merge_patch",
    "._helm": "Admin Agent Chart Controller HelmRelease Ingress Jenkins NetworkPolicy Persistence Rbac "
    "ServiceAccount check_release helmfile_document install_command release_values render_release",
    "._helm._hydrate": "Hydration chart_digest hydrate_release",
    "._identity": "Identity",
    "._objects": "Object object_id sort_objects",
    "._output": "WriteReport read_owned render render_objects stream_objects write_tree",
    "._place": "Allocatable ClusterProfile Failure Node Placement Rollout Simulation Taint fail load_profile "
    "place placement_findings rollout run_scenario simulate",
    "._project": "InvalidTargetOutput ProjectConfig Target diff_targets find_project load_project "
    "plan_targets synth_targets",
    "._quantity": "QuantityError canonical_quantity parse_quantity same_quantity",
    "._report": "ReportOptions report",
    "._storage": "CsiDriver EfsStorageClass EksCluster StorageClass Volume",
    "._synth": "Synthesis synthesize synthesize_each",
    "._validate": "SchemaError ValidationReport validate_objects validate_paths",
}
_LAZY: dict[str, str] = {name: module for module, names in _PROVIDES.items() for name in names.split()}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hagen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Admin",
    "Agent",
    "Alb",
    "Allocatable",
    "Autoscale",
    "Avoid",
    "Blueprint",
    "BlueprintError",
    "BlueprintSpec",
    "Change",
    "Chart",
    "ChartError",
    "CheckResult",
    "ClusterProfile",
    "Colocate",
    "ConfigFiles",
    "ConfigMap",
    "ConfigMapKeyRef",
    "Container",
    "Controller",
    "CronJob",
    "CsiDriver",
    "DaemonSet",
    "DiffResult",
    "EfsStorageClass",
    "EksCluster",
    "EnvFrom",
    "ExternalSecret",
    "Failure",
    "Finding",
    "Gateway",
    "HagenError",
    "HelmRelease",
    "HttpRoute",
    "Hydration",
    "Identity",
    "IgnoreRule",
    "Ingress",
    "InputError",
    "InvalidOutput",
    "InvalidTargetOutput",
    "Jenkins",
    "Job",
    "JsonPatch",
    "Listener",
    "LoadBalancer",
    "NetworkPolicy",
    "Node",
    "Object",
    "ObjectDiff",
    "OutputError",
    "Persistence",
    "Placement",
    "Port",
    "Probe",
    "ProjectConfig",
    "QuantityError",
    "Rbac",
    "RemoteRef",
    "ReportOptions",
    "Resources",
    "Rollout",
    "Route",
    "SchemaError",
    "SealedSecret",
    "SecretFiles",
    "SecretKeyRef",
    "Separate",
    "ServiceAccount",
    "SharedVolume",
    "Simulation",
    "Spread",
    "StorageClass",
    "StrategicMerge",
    "Strategy",
    "Synthesis",
    "Taint",
    "Target",
    "Tier",
    "UnsafeYAMLError",
    "ValidationReport",
    "Verdict",
    "Volume",
    "WriteReport",
    "__version__",
    "apply_changes",
    "avoid",
    "canonical_quantity",
    "chart_digest",
    "check",
    "check_release",
    "check_rollouts",
    "colocate",
    "diff_output",
    "diff_paths",
    "diff_resynth",
    "diff_targets",
    "diff_trees",
    "fail",
    "find_project",
    "format_diff",
    "helmfile_document",
    "hydrate_release",
    "hydrate_syntheses",
    "install_command",
    "load_blueprints",
    "load_profile",
    "load_project",
    "merge_patch",
    "object_id",
    "parse_quantity",
    "place",
    "placement_findings",
    "plan",
    "plan_targets",
    "read_owned",
    "register_rule",
    "release_values",
    "render",
    "render_objects",
    "render_release",
    "report",
    "rollout",
    "run_scenario",
    "same_quantity",
    "separate",
    "simulate",
    "sort_objects",
    "spread",
    "stream_objects",
    "synth",
    "synth_targets",
    "synthesize",
    "synthesize_all",
    "synthesize_each",
    "synthesize_stream",
    "validate_objects",
    "validate_paths",
    "write_tree",
]

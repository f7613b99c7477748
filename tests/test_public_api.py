"""The public surface is exactly hagen.__all__; importing hagen stays cheap."""

from __future__ import annotations

import subprocess
import sys

import hagen

PUBLIC = [
    "BlockingFindings",
    "Pod",
    "SimNode",
    "Placed",
    "ValuesCheck",
    "Inputs",
    "ClusterCounts",
    "json_report",
    "sarif_report",
    "text_report",
    "finding_lines",
    "blueprint_classes",
    "load_sourced",
    "read_path",
    "Tree",
    "ignore_rules",
    "diff_fails",
    "place_command",
    "place_inputs",
    "PlaceOptions",
    "render_svg",
    "target_inputs",
    "target_kube_version",
    "SelectorError",
    "QuantityError",
    "SchemaViolation",
    "TargetBuild",
    "build_target",
    "Project",
    "Alb",
    "Autoscale",
    "Container",
    "CronJob",
    "DaemonSet",
    "Gateway",
    "HttpRoute",
    "Job",
    "Listener",
    "LoadBalancer",
    "Route",
    "SharedVolume",
    "Admin",
    "Agent",
    "Avoid",
    "Blueprint",
    "BlueprintError",
    "BlueprintSpec",
    "Chart",
    "ChartError",
    "CheckResult",
    "Colocate",
    "ConfigFiles",
    "ConfigMap",
    "ConfigMapKeyRef",
    "EnvFrom",
    "ExternalSecret",
    "Identity",
    "JsonPatch",
    "RemoteRef",
    "SealedSecret",
    "SecretFiles",
    "StrategicMerge",
    "merge_patch",
    "Controller",
    "CsiDriver",
    "EfsStorageClass",
    "EksCluster",
    "Finding",
    "HagenError",
    "HelmRelease",
    "Ingress",
    "InputError",
    "InvalidOutput",
    "Jenkins",
    "NetworkPolicy",
    "Object",
    "OutputError",
    "Persistence",
    "Port",
    "Probe",
    "Rbac",
    "Resources",
    "SchemaError",
    "SecretKeyRef",
    "Separate",
    "ServiceAccount",
    "Spread",
    "StorageClass",
    "Strategy",
    "Synthesis",
    "Tier",
    "UnsafeYAMLError",
    "ValidationReport",
    "Volume",
    "WriteReport",
    "__version__",
    "avoid",
    "check",
    "check_release",
    "colocate",
    "helmfile_document",
    "install_command",
    "load_blueprints",
    "object_id",
    "plan",
    "read_owned",
    "register_rule",
    "release_values",
    "render",
    "render_objects",
    "render_release",
    "separate",
    "sort_objects",
    "split_paths",
    "spread",
    "stream_objects",
    "synth",
    "synthesize",
    "synthesize_all",
    "synthesize_each",
    "synthesize_stream",
    "Stream",
    "validate_objects",
    "validate_paths",
    "write_tree",
    "Allocatable",
    "ClusterProfile",
    "Failure",
    "Node",
    "Placement",
    "Planned",
    "Rollout",
    "Simulation",
    "Taint",
    "fail",
    "load_profile",
    "place",
    "placement_findings",
    "rollout",
    "run_scenario",
    "simulate",
    "Change",
    "DiffResult",
    "ObjectDiff",
    "IgnoreRule",
    "Verdict",
    "check_rollouts",
    "diff_resynth",
    "apply_changes",
    "diff_output",
    "diff_paths",
    "diff_trees",
    "format_diff",
    "ProjectConfig",
    "Target",
    "diff_targets",
    "find_project",
    "load_project",
    "plan_targets",
    "synth_targets",
    "canonical_quantity",
    "parse_quantity",
    "same_quantity",
    "Hydration",
    "chart_digest",
    "hydrate_release",
    "hydrate_syntheses",
    "ReportFiles",
    "ReportOptions",
    "report",
]


def test_all_is_pinned() -> None:
    assert sorted(hagen.__all__) == sorted(PUBLIC)


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in hagen.__all__:
        value = getattr(hagen, name)
        if callable(value) and name != "Object":
            assert (value.__doc__ or "").strip(), f"hagen.{name} has no docstring"


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        hagen.nope  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "nope" in str(exc)
    else:
        raise AssertionError("hagen.nope resolved")


def test_import_and_help_do_not_load_heavy_modules() -> None:
    code = (
        "import sys, hagen._cli as cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "names = ('pydantic', 'yaml', 'ruamel', 'jsonschema_rs', 'jinja2', 'cdk8s')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_root_exception_covers_every_error() -> None:
    for name in (
        "BlueprintError",
        "ChartError",
        "InputError",
        "OutputError",
        "UnsafeYAMLError",
        "InvalidOutput",
    ):
        assert issubclass(getattr(hagen, name), hagen.HagenError)


def test_every_public_name_is_loaded_lazily_from_one_module() -> None:
    assert sorted(hagen._LAZY) == sorted(n for n in hagen.__all__ if n != "__version__")

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
    from ._api import InvalidOutput, plan, synth, synthesize_all
    from ._blueprint import (
        Avoid,
        Blueprint,
        BlueprintSpec,
        Colocate,
        ConfigMapKeyRef,
        Port,
        Probe,
        Resources,
        SecretKeyRef,
        Separate,
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
    from ._errors import BlueprintError, ChartError, HagenError, InputError, OutputError, UnsafeYAMLError
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
    from ._objects import Object, object_id, sort_objects
    from ._output import WriteReport, read_owned, render, render_objects, write_tree
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
    from ._storage import CsiDriver, EfsStorageClass, StorageClass, Volume
    from ._synth import Synthesis, synthesize
    from ._validate import SchemaError, ValidationReport, validate_objects, validate_paths

# Public name -> private module. Loaded on first use, so that `hagen --help` and light API users do not
# pay for pydantic and the models (see docs/benchmarks.md).
_LAZY: dict[str, str] = {
    "Admin": "._helm",
    "Agent": "._helm",
    "Allocatable": "._place",
    "Avoid": "._blueprint",
    "Blueprint": "._blueprint",
    "BlueprintError": "._errors",
    "BlueprintSpec": "._blueprint",
    "Chart": "._helm",
    "ChartError": "._errors",
    "CheckResult": "._check",
    "ClusterProfile": "._place",
    "Colocate": "._blueprint",
    "ConfigMapKeyRef": "._blueprint",
    "Controller": "._helm",
    "CsiDriver": "._storage",
    "EfsStorageClass": "._storage",
    "Failure": "._place",
    "Finding": "._check",
    "HagenError": "._errors",
    "HelmRelease": "._helm",
    "Ingress": "._helm",
    "InputError": "._errors",
    "InvalidOutput": "._api",
    "Jenkins": "._helm",
    "NetworkPolicy": "._helm",
    "Node": "._place",
    "Object": "._objects",
    "OutputError": "._errors",
    "Persistence": "._helm",
    "Placement": "._place",
    "Port": "._blueprint",
    "Probe": "._blueprint",
    "Rbac": "._helm",
    "Resources": "._blueprint",
    "Rollout": "._place",
    "SchemaError": "._validate",
    "SecretKeyRef": "._blueprint",
    "Separate": "._blueprint",
    "ServiceAccount": "._helm",
    "Simulation": "._place",
    "Spread": "._blueprint",
    "StorageClass": "._storage",
    "Strategy": "._blueprint",
    "Synthesis": "._synth",
    "Taint": "._place",
    "Tier": "._blueprint",
    "UnsafeYAMLError": "._errors",
    "ValidationReport": "._validate",
    "Volume": "._storage",
    "WriteReport": "._output",
    "avoid": "._blueprint",
    "check": "._check",
    "check_release": "._helm",
    "colocate": "._blueprint",
    "fail": "._place",
    "helmfile_document": "._helm",
    "install_command": "._helm",
    "load_blueprints": "._blueprint",
    "load_profile": "._place",
    "object_id": "._objects",
    "place": "._place",
    "placement_findings": "._place",
    "plan": "._api",
    "read_owned": "._output",
    "register_rule": "._check",
    "release_values": "._helm",
    "render": "._output",
    "render_objects": "._output",
    "render_release": "._helm",
    "rollout": "._place",
    "run_scenario": "._place",
    "separate": "._blueprint",
    "simulate": "._place",
    "sort_objects": "._objects",
    "spread": "._blueprint",
    "synth": "._api",
    "synthesize": "._synth",
    "synthesize_all": "._api",
    "validate_objects": "._validate",
    "validate_paths": "._validate",
    "write_tree": "._output",
}


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
    "Allocatable",
    "Avoid",
    "Blueprint",
    "BlueprintError",
    "BlueprintSpec",
    "Chart",
    "ChartError",
    "CheckResult",
    "ClusterProfile",
    "Colocate",
    "ConfigMapKeyRef",
    "Controller",
    "CsiDriver",
    "EfsStorageClass",
    "Failure",
    "Finding",
    "HagenError",
    "HelmRelease",
    "Ingress",
    "InputError",
    "InvalidOutput",
    "Jenkins",
    "NetworkPolicy",
    "Node",
    "Object",
    "OutputError",
    "Persistence",
    "Placement",
    "Port",
    "Probe",
    "Rbac",
    "Resources",
    "Rollout",
    "SchemaError",
    "SecretKeyRef",
    "Separate",
    "ServiceAccount",
    "Simulation",
    "Spread",
    "StorageClass",
    "Strategy",
    "Synthesis",
    "Taint",
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
    "fail",
    "helmfile_document",
    "install_command",
    "load_blueprints",
    "load_profile",
    "object_id",
    "place",
    "placement_findings",
    "plan",
    "read_owned",
    "register_rule",
    "release_values",
    "render",
    "render_objects",
    "render_release",
    "rollout",
    "run_scenario",
    "separate",
    "simulate",
    "sort_objects",
    "spread",
    "synth",
    "synthesize",
    "synthesize_all",
    "validate_objects",
    "validate_paths",
    "write_tree",
]

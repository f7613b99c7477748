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
    from ._storage import CsiDriver, EfsStorageClass, StorageClass, Volume
    from ._synth import Synthesis, synthesize
    from ._validate import SchemaError, ValidationReport, validate_objects, validate_paths

# Public name -> private module. Loaded on first use, so that `hagen --help` and light API users do not
# pay for pydantic and the models (see docs/benchmarks.md).
_LAZY: dict[str, str] = {
    "Admin": "._helm",
    "Agent": "._helm",
    "Avoid": "._blueprint",
    "Blueprint": "._blueprint",
    "BlueprintError": "._errors",
    "BlueprintSpec": "._blueprint",
    "Chart": "._helm",
    "ChartError": "._errors",
    "CheckResult": "._check",
    "Colocate": "._blueprint",
    "ConfigMapKeyRef": "._blueprint",
    "Controller": "._helm",
    "CsiDriver": "._storage",
    "EfsStorageClass": "._storage",
    "Finding": "._check",
    "HagenError": "._errors",
    "HelmRelease": "._helm",
    "Ingress": "._helm",
    "InputError": "._errors",
    "InvalidOutput": "._api",
    "Jenkins": "._helm",
    "NetworkPolicy": "._helm",
    "Object": "._objects",
    "OutputError": "._errors",
    "Persistence": "._helm",
    "Port": "._blueprint",
    "Probe": "._blueprint",
    "Rbac": "._helm",
    "Resources": "._blueprint",
    "SchemaError": "._validate",
    "SecretKeyRef": "._blueprint",
    "Separate": "._blueprint",
    "ServiceAccount": "._helm",
    "Spread": "._blueprint",
    "StorageClass": "._storage",
    "Strategy": "._blueprint",
    "Synthesis": "._synth",
    "Tier": "._blueprint",
    "UnsafeYAMLError": "._errors",
    "ValidationReport": "._validate",
    "Volume": "._storage",
    "WriteReport": "._output",
    "avoid": "._blueprint",
    "check": "._check",
    "check_release": "._helm",
    "colocate": "._blueprint",
    "helmfile_document": "._helm",
    "install_command": "._helm",
    "load_blueprints": "._blueprint",
    "object_id": "._objects",
    "plan": "._api",
    "read_owned": "._output",
    "register_rule": "._check",
    "release_values": "._helm",
    "render": "._output",
    "render_objects": "._output",
    "render_release": "._helm",
    "separate": "._blueprint",
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
    "Avoid",
    "Blueprint",
    "BlueprintError",
    "BlueprintSpec",
    "Chart",
    "ChartError",
    "CheckResult",
    "Colocate",
    "ConfigMapKeyRef",
    "Controller",
    "CsiDriver",
    "EfsStorageClass",
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
    "spread",
    "synth",
    "synthesize",
    "synthesize_all",
    "validate_objects",
    "validate_paths",
    "write_tree",
]

"""The Kubernetes OpenAPI schemas shipped by the kubernetes-validate package, compiled once per kind.

kubernetes-validate ships, per Kubernetes minor version, one JSON Schema file per (kind, group, version)
plus a shared ``_definitions.json`` they all ``$ref``. Its "-strict" variant sets
``additionalProperties: false`` everywhere, which is how an unknown (misspelt) field becomes an error
here instead of being dropped silently by the API server's pruning or failing an Argo CD sync.

The package is located without importing it (its own module pulls in the slow pure-Python validator).
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .._errors import InputError

DEFAULT_KUBE_VERSION = "1.35"
"""Kubernetes minor version validated against when none is chosen: recent, and offered by managed clusters."""

_DEFINITIONS_URI = "https://kubernetes.io/api/_definitions.json"
_VERSION_DIR = re.compile(r"^v(\d+)\.(\d+)\.\d+-local-strict$")
_USER_VERSION = r"^v?(\d+)\.(\d+)(?:\.\d+)?$"


def schema_root() -> Path:
    """The kubernetes-json-schema directory inside the installed kubernetes-validate package."""
    spec = importlib.util.find_spec("kubernetes_validate")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        root = Path(location) / "kubernetes-json-schema"
        if root.is_dir():
            return root
    raise InputError("the kubernetes-validate package (which ships the Kubernetes schemas) is not installed")


@cache
def available_versions() -> tuple[str, ...]:
    """Kubernetes minor versions ("1.35") with strict schemas installed, oldest first."""
    found: list[tuple[int, int]] = []
    for entry in schema_root().iterdir():
        match = _VERSION_DIR.match(entry.name)
        if match:
            found.append((int(match[1]), int(match[2])))
    return tuple(f"{major}.{minor}" for major, minor in sorted(found))


def resolve_version(requested: str | None) -> str:
    """The minor version to validate against: "v1.33.2" -> "1.33"; InputError if it is not shipped."""
    versions = available_versions()
    if requested is None:
        return DEFAULT_KUBE_VERSION if DEFAULT_KUBE_VERSION in versions else versions[-1]
    match = re.match(_USER_VERSION, requested.strip())
    minor = f"{match[1]}.{match[2]}" if match else None
    if minor not in versions:
        raise InputError(
            f"--kube-version {requested!r}: no schemas for it; available: {', '.join(versions)} "
            "(from the installed kubernetes-validate package)"
        )
    return minor


def _schema_file_name(api_version: str, kind: str) -> str:
    """kubernetes-validate's file naming: the group's first label (rbac.authorization.k8s.io -> rbac)."""
    group, _, version = api_version.rpartition("/")
    short = group.split(".", 1)[0]
    return f"{kind.lower()}-{short}-{version}.json" if short else f"{kind.lower()}-{version}.json"


def _declares(schema: dict[str, Any], api_version: str, kind: str) -> bool:
    """True when the schema is the one for exactly this group (apps.example.com/v1 is not apps/v1)."""
    group, _, version = api_version.rpartition("/")
    for gvk in schema.get("x-kubernetes-group-version-kind") or ():
        if gvk.get("group", "") == group and gvk.get("version") == version and gvk.get("kind") == kind:
            return True
    return False


@dataclass
class SchemaSet:
    """The compiled validators of one Kubernetes version; each kind is compiled on first use, then reused."""

    version: str
    directory: Path
    _registry: Any = None
    _validators: dict[tuple[str, str], Any] = field(default_factory=dict)
    _schemas: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)

    def schema(self, api_version: str, kind: str) -> dict[str, Any] | None:
        """The JSON Schema of a built-in kind, or None for kinds the version does not have (CRDs)."""
        key = (api_version, kind)
        if key not in self._schemas:
            path = self.directory / _schema_file_name(api_version, kind)
            loaded: dict[str, Any] | None = None
            if path.is_file():
                candidate = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(candidate, dict) and _declares(candidate, api_version, kind):
                    loaded = candidate
            self._schemas[key] = loaded
        return self._schemas[key]

    def definitions(self) -> dict[str, Any]:
        """The shared ``$defs`` every kind schema refers to."""
        return _load_definitions(self.directory)

    def validator(self, api_version: str, kind: str) -> Any | None:
        """A compiled jsonschema_rs validator for the kind, or None when the kind is unknown."""
        key = (api_version, kind)
        if key in self._validators:
            return self._validators[key]
        schema = self.schema(api_version, kind)
        compiled = None
        if schema is not None:
            import jsonschema_rs

            if self._registry is None:
                # read, not cached: the registry keeps its own copy, and the 3 MiB of Python dicts are
                # needed again only to word an error (`definitions`)
                definitions = _read_definitions(self.directory)
                self._registry = jsonschema_rs.Registry([(_DEFINITIONS_URI, definitions)])
            compiled = jsonschema_rs.validator_for(schema, registry=self._registry)
        self._validators[key] = compiled
        return compiled


def _read_definitions(directory: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((directory / "_definitions.json").read_text(encoding="utf-8"))
    return data


_load_definitions = cache(_read_definitions)


@cache
def schema_set(version: str) -> SchemaSet:
    """The (cached) schema set of a minor version returned by resolve_version."""
    for entry in schema_root().iterdir():
        match = _VERSION_DIR.match(entry.name)
        if match and f"{match[1]}.{match[2]}" == version:
            return SchemaSet(version, entry)
    raise InputError(f"no schemas for Kubernetes {version}; available: {', '.join(available_versions())}")

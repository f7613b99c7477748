"""Offline, strict validation of Kubernetes objects against the OpenAPI schemas of one version."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .._errors import InputError
from .._labels import blueprint_and_tier
from .._objects import Object, object_id
from ._api import api_errors
from ._messages import describe
from ._report import NotValidated, SchemaError, ValidationReport
from ._schemas import resolve_version, schema_set

YAML_SUFFIXES = (".yaml", ".yml")


def _origin(obj: Object) -> tuple[str | None, str | None]:
    """(blueprint, tier) from metadata.labels app.kubernetes.io/instance and app.kubernetes.io/component."""
    meta = obj.get("metadata")
    labels = meta.get("labels") if isinstance(meta, dict) else None
    if not isinstance(labels, dict):
        return None, None
    return blueprint_and_tier(labels)


def _validate(sourced: Iterable[tuple[Object, str | None]], kube_version: str | None) -> ValidationReport:
    version = resolve_version(kube_version)
    schemas = schema_set(version)
    major, _, minor_text = version.partition(".")
    minor = (int(major), int(minor_text))
    errors: list[SchemaError] = []
    validated: list[str] = []
    skipped: list[NotValidated] = []
    for obj, source in sourced:
        oid = object_id(obj)
        api_version, kind = obj.get("apiVersion"), obj.get("kind")
        if api_version is None and kind is None:
            # Helm values, helmfiles and other configuration beside manifests: data, not an object.
            skipped.append(NotValidated(oid, "not a Kubernetes object (no apiVersion, no kind)", source))
            continue
        if not isinstance(api_version, str) or not isinstance(kind, str) or not api_version or not kind:
            field = "apiVersion" if not isinstance(api_version, str) or not api_version else "kind"
            errors.append(
                SchemaError(oid, field, f"required field {field!r} is missing", None, source=source)
            )
            continue
        validator = schemas.validator(api_version, kind)
        if validator is None:
            reason = (
                f"no schema for {api_version} {kind} in Kubernetes {version} (custom resource or removed API)"
            )
            skipped.append(NotValidated(oid, reason, source))
            continue
        validated.append(oid)
        blueprint, tier = _origin(obj)
        schema = schemas.schema(api_version, kind) or {}
        definitions = schemas.definitions()
        found: list[SchemaError] = []
        for raw in validator.iter_errors(obj):
            for path, value, message in describe(raw, schema, definitions):
                found.append(SchemaError(oid, path, message, value, blueprint, tier, source))
        if not found:
            for path, value, message in api_errors(obj, minor):
                found.append(SchemaError(oid, path, message, value, blueprint, tier, source))
        found.sort(key=lambda e: (e.path, e.message))
        errors.extend(found)
    return ValidationReport(version, tuple(errors), tuple(validated), tuple(skipped))


def validate_objects(
    objects: Iterable[Object], kube_version: str | None = None, *, source: str | None = None
) -> ValidationReport:
    """Validate every object strictly (unknown fields are errors); report all errors, not only the first.

    An object that satisfies its schema is then checked as the API server checks it on create
    (`hagen._validate._api`: cross-field rules, names, enums, quantities), with the API server's words.

    `kube_version` is a minor version such as "1.33" (default DEFAULT_KUBE_VERSION). Objects of kinds
    with no schema (custom resources) are listed in `not_validated`, never counted as valid.
    """
    return _validate(((obj, source) for obj in objects), kube_version)


def yaml_files(paths: Sequence[str | Path]) -> list[Path]:
    """The YAML files named, with directories searched recursively, in sorted order; InputError if missing."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def load_sourced(paths: Sequence[str | Path]) -> list[tuple[Object, str]]:
    """Every Kubernetes object in the YAML files under `paths`, with the file it came from."""
    from .._yaml import load_objects

    sourced: list[tuple[Object, str]] = []
    for file in yaml_files(paths):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{file}: cannot read: {exc}") from None
        sourced.extend((obj, str(file)) for obj in load_objects(text, str(file)))
    return sourced


def validate_paths(paths: Sequence[str | Path], kube_version: str | None = None) -> ValidationReport:
    """Validate every object of the YAML files (or directories of them) at `paths`; see validate_objects."""
    sourced: list[tuple[Object, str | None]] = list(load_sourced(paths))
    return _validate(sourced, kube_version)

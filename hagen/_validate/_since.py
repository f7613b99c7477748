"""The first Kubernetes version that knows a field the chosen one does not: `spec.trafficDistribution`
is an unknown field at 1.28 and a real one from 1.30, and the fix is then the version validated against
(a target's `kube_version`, or `--kube-version`), not the field's spelling."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._messages import describe
from ._schemas import available_versions, schema_set

UNKNOWN = "unknown field "


def _unknown_paths(obj: Any, api_version: str, kind: str, version: str) -> set[str] | None:
    """The unknown-field paths of `obj` at `version`; None when that version has no such kind."""
    schemas = schema_set(version)
    validator = schemas.validator(api_version, kind)
    if validator is None:
        return None
    schema = schemas.schema(api_version, kind) or {}
    definitions = schemas.definitions()
    return {
        path
        for raw in validator.iter_errors(obj)
        for path, _, message in describe(raw, schema, definitions)
        if message.startswith(UNKNOWN)
    }


def known_from(obj: Any, api_version: str, kind: str, version: str, paths: Iterable[str]) -> dict[str, str]:
    """path -> the first installed Kubernetes version after `version` whose schema of `kind` has the field
    at `path` (of `paths`, unknown at `version`); paths no newer version knows are left out. Only called
    for objects with such errors: it validates `obj` against each newer version's schema."""
    wanted = set(paths)
    found: dict[str, str] = {}
    newer = [
        v for v in available_versions() if tuple(map(int, v.split("."))) > tuple(map(int, version.split(".")))
    ]
    for candidate in newer:
        unknown = _unknown_paths(obj, api_version, kind, candidate)
        if unknown is None:
            continue
        for path in sorted(wanted - unknown - set(found)):
            found[path] = candidate
        if len(found) == len(wanted):
            break
    return found

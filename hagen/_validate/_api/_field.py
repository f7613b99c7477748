"""Field errors worded as the API server words them (k8s.io/apimachinery/pkg/util/validation/field).

An error is a (path, value, message) triple, the shape `describe` gives schema errors, so both end up as
`SchemaError`s. The message starts with the error type as `field.Error.Error()` prints it ("Invalid
value", "Required value", "Unsupported value", "Duplicate value", "Not found", "Forbidden", "Too long",
"Too many"), then the API server's own detail. Values print as the API server prints them since 1.31
(strings quoted, numbers bare, maps and lists as JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Error = tuple[str, Any, str]
"""(field path in kubectl notation, offending value or None, message)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may depend on: the Kubernetes minor version validated against, as (1, 35)."""

    version: tuple[int, int]

    @property
    def label(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"

    def at_least(self, minor: int) -> bool:
        return self.version >= (1, minor)


def show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, default=str, sort_keys=True, separators=(",", ":"))


def child(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def invalid(path: str, value: Any, detail: str) -> Error:
    """field.Invalid."""
    return (path, value, f"Invalid value: {show(value)}: {detail}")


def required(path: str, detail: str = "") -> Error:
    """field.Required."""
    return (path, None, f"Required value: {detail}" if detail else "Required value")


def unsupported(path: str, value: Any, supported: Iterable[str]) -> Error:
    """field.NotSupported: the allowed values quoted, in the API server's order."""
    allowed = ", ".join(json.dumps(s) for s in supported)
    return (path, value, f"Unsupported value: {show(value)}: supported values: {allowed}")


def duplicate(path: str, value: Any) -> Error:
    """field.Duplicate."""
    return (path, value, f"Duplicate value: {show(value)}")


def not_found(path: str, value: Any) -> Error:
    """field.NotFound."""
    return (path, value, f"Not found: {show(value)}")


def forbidden(path: str, detail: str) -> Error:
    """field.Forbidden."""
    return (path, None, f"Forbidden: {detail}")


def too_long(path: str, limit: int) -> Error:
    """field.TooLong (the value is not printed: it is too long to be useful)."""
    return (path, None, f"Too long: may not be more than {limit} bytes")


def too_many(path: str, count: int, limit: int) -> Error:
    """field.TooMany."""
    return (path, count, f"Too many: {count}: must have at most {limit} items")


def mapping(value: Any) -> Mapping[str, Any]:
    """A dict field, or an empty one when absent or null (the API server treats both as unset)."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """A list field, or an empty one when absent or null."""
    return value if isinstance(value, list) else []


def enum(errors: list[Error], spec: Mapping[str, Any], path: str, key: str, allowed: tuple[str, ...]) -> None:
    """Unsupported value when `spec[key]` is set and not one of `allowed` (an unset value is defaulted)."""
    value = spec.get(key)
    if value is not None and value not in allowed:
        errors.append(unsupported(child(path, key), value, allowed))


def non_negative(errors: list[Error], spec: Mapping[str, Any], path: str, *keys: str) -> None:
    """ValidateNonnegativeField (apimachinery validation) for each of `keys` that is set."""
    for key in keys:
        value = spec.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            errors.append(invalid(child(path, key), value, "must be greater than or equal to 0"))

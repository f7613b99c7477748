"""jsonschema_rs errors turned into what a Kubernetes user reads: field path, value, plain message.

The kubernetes-validate schemas allow ``null`` beside every type (the API server accepts null for unset
fields), so the raw messages say "is not of types "null", "integer""; the null is noise to a user.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from typing import Any

_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
_ONE_OF_NAMES = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": 'an integer or a string such as "25%"',
    "io.k8s.apimachinery.pkg.api.resource.Quantity": 'a quantity such as "500m", "1Gi" or a number',
}


def field_path(parts: Sequence[str | int]) -> str:
    """kubectl-style path: ["spec", "containers", 0, "image"] -> "spec.containers[0].image"."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def path_parts(path: str) -> tuple[str | int, ...]:
    """`field_path` read back: "spec.containers[0].image" -> ("spec", "containers", 0, "image"). A key
    holding a dot (a label key) reads as two parts; a lookup then stops at the map that holds it."""
    return tuple(int(index) if index else key for index, key in _PART.findall(path))


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = json.dumps(value, default=str, sort_keys=True)
    return text if len(text) <= 60 else text[:57] + "..."


def _schema_at(schema_path: Sequence[str | int], kind_schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """The subschema the failing keyword belongs to (the keyword itself is the last path element)."""
    node: Any = defs if schema_path and schema_path[0] == "$defs" else kind_schema
    for part in schema_path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def describe(error: Any, kind_schema: dict[str, Any], defs: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(field path, offending value, message) for one jsonschema_rs ValidationError.

    An unknown-fields error becomes one entry per unknown field, each pointing at the field itself and
    naming the closest allowed field when there is one (a typo such as ``resource`` for ``resources``).
    """
    kind = error.kind.name
    path = list(error.instance_path)
    value = error.instance
    detail = error.kind.as_dict()
    if kind == "additionalProperties":
        subschema = _schema_at(error.schema_path, kind_schema, defs)
        allowed = sorted((subschema or {}).get("properties") or {})
        out = []
        for key in detail.get("unexpected") or ():
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            offending = value.get(key) if isinstance(value, dict) else None
            out.append((field_path([*path, key]), offending, f"unknown field {key!r}{suggestion}"))
        return out
    if kind == "required":
        missing = detail.get("property")
        return [(field_path([*path, str(missing)]), None, f"required field {missing!r} is missing")]
    if kind == "type":
        types = [t for t in (detail.get("types") or []) if t != "null"]
        expected = " or ".join(types) or "null"
        return [(field_path(path), value, f"expected {expected}, got {json_type(value)} {_short(value)}")]
    if kind == "enum":
        options = ", ".join(_short(o) for o in detail.get("options") or [])
        return [(field_path(path), value, f"{_short(value)} is not allowed; allowed: {options}")]
    if kind == "oneOf" or kind == "oneOfNotValid":
        schema_path = list(error.schema_path)
        name = str(schema_path[1]) if len(schema_path) > 1 and schema_path[0] == "$defs" else ""
        expected = _ONE_OF_NAMES.get(name, "a value of one of the allowed forms")
        return [(field_path(path), value, f"expected {expected}, got {json_type(value)} {_short(value)}")]
    return [(field_path(path), value, str(error.message))]

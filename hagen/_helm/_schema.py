"""Checking values against a chart's values.schema.json, as ``helm install`` does (JSON Schema)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from .._errors import ChartError
from .._finding import Finding
from ._merge import coalesce


def _subschema(schema: Any, path: Sequence[str | int]) -> Any:
    node = schema
    for part in path:
        found_in_map = isinstance(node, Mapping) and part in node
        found_in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if not (found_in_map or found_in_list):
            return None
        node = node[part]
    return node


def _unexpected(error: Any, schema: Mapping[str, Any], where: str, chart: str) -> list[Finding]:
    """One unknown-key finding per key an ``additionalProperties: false`` refused, with a suggestion."""
    owner = _subschema(schema, list(error.schema_path)[:-1])
    allowed = list(owner.get("properties", {})) if isinstance(owner, Mapping) else []
    findings = []
    for name in error.kind.unexpected:
        path = f"{where}.{name}" if where else str(name)
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        hint = f"{where}.{close[0]}" if close and where else (close[0] if close else None)
        findings.append(
            Finding(
                "helm.unknown-key",
                "error",
                f"{path} is not allowed by the values.schema.json of {chart}"
                + (f"; did you mean {hint}?" if hint else ""),
                fix=f"write it as {hint}" if hint else "remove it",
            )
        )
    return findings


def check_schema(
    values: Mapping[str, Any], defaults: Mapping[str, Any], schema: Mapping[str, Any], *, chart: str
) -> list[Finding]:
    """A finding per schema violation of the values the templates would see (`values` over `defaults`).

    Helm validates the coalesced values, not the user's file alone, so a ``required`` key that the chart's
    defaults provide is satisfied here too.
    """
    import jsonschema_rs  # lazily: only charts that ship a schema need it

    try:
        validator = jsonschema_rs.validator_for(dict(schema))
    except (ValueError, jsonschema_rs.ValidationError) as exc:
        raise ChartError(f"{chart}: values.schema.json is not a valid JSON Schema: {exc}") from None
    findings: list[Finding] = []
    for error in validator.iter_errors(coalesce(defaults, values)):
        where = ".".join(str(part) for part in error.instance_path)
        if type(error.kind).__name__ == "AdditionalProperties":
            findings += _unexpected(error, schema, where, chart)
            continue
        findings.append(
            Finding(
                "helm.schema",
                "error",
                f"{where or '(top level)'}: {error.message} (values.schema.json of {chart})",
                fix="change the value to what the chart's schema allows",
            )
        )
    return sorted(findings, key=lambda f: f.message)

"""Findings grouped by severity with their fixes (hagen.check), and the schema errors
(hagen.validate_objects)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SEVERITIES = ("error", "warning", "info")


def findings_section(result: Any) -> dict[str, Any]:
    """Template data from a hagen.CheckResult: `groups` (severity, findings), most severe first, and
    `suppressed`."""
    groups = []
    for severity in SEVERITIES:
        found = [f for f in result.findings if f.severity == severity]
        if found:
            groups.append({"severity": severity, "findings": found})
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in SEVERITIES}
    return {"groups": groups, "suppressed": list(result.suppressed), "counts": counts}


def schema_section(objects: Sequence[Mapping[str, Any]], kube_version: str | None) -> dict[str, Any]:
    """Template data: the Kubernetes version, every schema or API-rule error, objects not validated."""
    from .._validate import validate_objects

    report = validate_objects([dict(o) for o in objects], kube_version)
    return {
        "kube_version": report.kube_version,
        "errors": list(report.errors),
        "not_validated": list(report.not_validated),
        "validated": len(report.validated),
    }

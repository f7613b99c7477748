"""Findings as JSON: active and suppressed findings with every Finding field, and counts."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Any

from ._run import CheckResult


def json_data(result: CheckResult) -> dict[str, Any]:
    """Plain data: findings (each Finding's fields), suppressed (the same plus `reason`), counts, notes
    (what was left out of the check, as sentences)."""
    counts = Counter(f.severity for f in result.findings)
    return {
        "findings": [asdict(f) for f in result.findings],
        "suppressed": [{**asdict(s.finding), "reason": s.reason} for s in result.suppressed],
        "counts": {
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
            "suppressed": len(result.suppressed),
        },
        "notes": list(result.notes),
    }


def json_report(result: CheckResult) -> str:
    """`hagen check --format json`: the findings of `result` as indented JSON text, keys sorted (see
    docs/checks.md for the fields)."""
    return json.dumps(json_data(result), indent=2, sort_keys=True) + "\n"

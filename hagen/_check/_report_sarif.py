"""Findings as SARIF 2.1.0, the format code-scanning tools (GitHub code scanning) import.

Every finding id is a rule with its help text; every result points at a file (the out/ file of the
object where known, else `default_uri`), because GitHub drops results without a physical location.
Suppressed findings are kept as results with an external suppression carrying the tier's reason.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .._finding import Finding
from .._version import __version__
from ._catalog import RULES, Rule
from ._run import CheckResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule_id: str, example: Finding) -> dict[str, Any]:
    known: Rule | None = RULES.get(rule_id)
    title = known.title if known else rule_id
    why = known.why if known else example.message
    fix = known.fix if known else (example.fix or "See the finding's message.")
    severity = known.severity if known else example.severity
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.replace(".", "-").split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": why},
        "help": {"text": f"{why}\nFix: {fix}", "markdown": f"{why}\n\n**Fix:** {fix}"},
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {"tags": [rule_id.split(".", 1)[0], "kubernetes"]},
    }


def _fingerprint(item: Finding) -> str:
    key = "\0".join((item.id, item.blueprint or "", item.tier or "", item.object_id or "", item.message))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _result(item: Finding, index: int, default_uri: str, reason: str | None) -> dict[str, Any]:
    text = item.message + (f" Fix: {item.fix}" if item.fix else "")
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": item.file or default_uri},
            "region": {"startLine": 1},
        }
    }
    names = [n for n in (item.blueprint, item.tier, item.object_id) if n]
    if names:
        location["logicalLocations"] = [{"fullyQualifiedName": "/".join(names), "kind": "resource"}]
    result: dict[str, Any] = {
        "ruleId": item.id,
        "ruleIndex": index,
        "level": _LEVEL[item.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"hagenFinding/v1": _fingerprint(item)},
    }
    if reason is not None:
        result["suppressions"] = [{"kind": "external", "justification": reason}]
    return result


def sarif_data(result: CheckResult, *, default_uri: str = "blueprints") -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every known rule, then one result per (suppressed) finding."""
    entries: list[tuple[Finding, str | None]] = [(f, None) for f in result.findings]
    entries += [(s.finding, s.reason) for s in result.suppressed]
    examples = {f.id: f for f, _ in reversed(entries)}
    rule_ids = sorted(set(RULES) | set(examples))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [_rule(rule_id, examples.get(rule_id) or Finding(rule_id, "warning", "")) for rule_id in rule_ids]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hagen",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": [_result(f, index[f.id], default_uri, reason) for f, reason in entries],
            }
        ],
    }


def sarif_report(result: CheckResult, *, default_uri: str = "blueprints") -> str:
    return json.dumps(sarif_data(result, default_uri=default_uri), indent=2, sort_keys=True) + "\n"

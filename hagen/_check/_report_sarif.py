"""Findings as SARIF 2.1.0, the format code-scanning tools (GitHub code scanning) import.

Every finding id is a rule with its help text; every result points at a file (the out/ file of the
object where known, else `default_uri`), because GitHub drops results without a physical location.
Suppressed findings are kept as results with an external suppression carrying the tier's reason.
The result's notes (what was left out of the check) are the run's tool execution notifications.
Several targets make one log with one run per target, told apart by `automationDetails.id`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

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


def artifact_uri(path: str) -> str:
    """A file path as SARIF's artifactLocation.uri: an RFC 3986 URI reference (SARIF 2.1.0 §3.4.3).

    Relative paths stay relative (GitHub resolves them against the checkout), with every character
    outside RFC 3986's unreserved set and '/' percent-encoded as UTF-8: a space, ',', '#' (which would
    start a fragment), '%', ':' (which would start a scheme), '\\' and non-ASCII letters. An absolute
    path stays an absolute-path reference.
    """
    return quote(str(PurePosixPath(path)), safe="/")


def _result(item: Finding, index: int, default_uri: str, reason: str | None) -> dict[str, Any]:
    text = item.message + (f" Fix: {item.fix}" if item.fix else "")
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(item.file or default_uri)},
            "region": {"startLine": item.line or 1},
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


def sarif_data(
    result: CheckResult | Mapping[str, CheckResult],
    *,
    default_uri: str = "blueprints",
    sources: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run for a `CheckResult`; for a mapping of target name -> `CheckResult`
    (`hagen.check(..., target=name)` of each), one run per target in the mapping's order, each with
    `automationDetails.id` ``hagen/<target>/`` (SARIF 2.1.0 §3.17, runAutomationDetails: the run's
    identity; GitHub code scanning takes it as the run's category, so each target's alerts are tracked
    apart, and a target's run is the same whether checked alone or with others).

    A run holds every known rule, then one result per (suppressed) finding, and, when the result has
    notes, one invocation whose `toolExecutionNotifications` (level `note`) say them (SARIF 2.1.0
    §3.20.21: what the tool reports about its run rather than about the code).

    A result points at the finding's file; else at its blueprint's source file (`sources`: blueprint
    name -> file, over the result's own `sources`); else at `default_uri`, which should name a file
    (code scanning drops results whose location is a folder).
    """
    if isinstance(result, CheckResult):
        runs = [_run(result, default_uri, sources)]
    else:
        runs = [
            {**_run(each, default_uri, sources), "automationDetails": {"id": automation_id(name)}}
            for name, each in result.items()
        ]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": runs}


def automation_id(target: str) -> str:
    """A target's run identity, ``hagen/<target>/``: the trailing '/' makes all of it the category
    (GitHub code scanning: the id up to its last '/' is the category, the rest a run instance)."""
    return f"hagen/{target}/"


def _run(result: CheckResult, default_uri: str, sources: Mapping[str, str] | None) -> dict[str, Any]:
    known = {**result.sources, **(sources or {})}
    entries: list[tuple[Finding, str | None]] = [(f, None) for f in result.findings]
    entries += [(s.finding, s.reason) for s in result.suppressed]
    examples = {f.id: f for f, _ in reversed(entries)}
    rule_ids = sorted(set(RULES) | set(examples))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [_rule(rule_id, examples.get(rule_id) or Finding(rule_id, "warning", "")) for rule_id in rule_ids]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "hagen",
                "version": __version__,
                "rules": rules,
            }
        },
        "results": [
            _result(f, index[f.id], known.get(f.blueprint or "", default_uri), reason)
            for f, reason in entries
        ],
    }
    if result.notes:
        notifications = [{"level": "note", "message": {"text": note}} for note in result.notes]
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]
    return run


def sarif_report(
    result: CheckResult | Mapping[str, CheckResult],
    *,
    default_uri: str = "blueprints",
    sources: Mapping[str, str] | None = None,
) -> str:
    """`sarif_data` as JSON text (sorted keys, two-space indent, final newline): one run for a
    `CheckResult`, one per target for a mapping of target name -> `CheckResult`."""
    data = sarif_data(result, default_uri=default_uri, sources=sources)
    return json.dumps(data, indent=2, sort_keys=True) + "\n"

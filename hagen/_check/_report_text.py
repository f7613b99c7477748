"""Findings as text for a terminal: one block per finding, a summary line last."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .._finding import SEVERITY_RANK, Finding, Severity, finding_sort_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._run import CheckResult


def _where(item: Finding) -> str:
    origin = "/".join(p for p in (item.blueprint, item.tier) if p)
    parts = [p for p in (origin, item.object_id) if p]
    where = " ".join(parts)
    if item.file:
        where += f" ({item.file}:{item.line})" if item.line else f" ({item.file})"
    return where


def summary(result: CheckResult) -> str:
    """ "2 errors, 1 warning, 0 info (1 suppressed)"."""
    counts = Counter(f.severity for f in result.findings)
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    text = ", ".join(
        f"{counts[s]} {plural[s] if counts[s] != 1 else s}" for s in ("error", "warning", "info")
    )
    return f"{text} ({len(result.suppressed)} suppressed)"


def text_report(result: CheckResult, *, show_suppressed: bool = False) -> str:
    """Each finding as ``severity id: where`` then its message and fix, ``note: ...`` for each note
    (what was left out of the check), then a summary line."""
    lines: list[str] = []
    for item in result.findings:
        lines.append(f"{item.severity} {item.id}: {_where(item)}")
        lines.append(f"  {item.message}")
        if item.fix:
            lines.append(f"  fix: {item.fix}")
    if show_suppressed:
        for entry in result.suppressed:
            lines.append(f"suppressed {entry.finding.id}: {_where(entry.finding)}: {entry.reason}")
    lines.extend(f"note: {note}" for note in result.notes)
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def finding_lines(findings: Iterable[Finding], at_least: Severity = "warning") -> list[str]:
    """One line per finding at or above `at_least`: ``severity id: blueprint/tier object: message; fix:
    ...``, most severe first; a finding met twice (same id, place and message: two targets of one
    blueprint) is listed once. What `hagen synth` prints."""
    wanted = [f for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[at_least]]
    unique = dict.fromkeys(replace(f, file=None, line=None) for f in wanted)
    lines = []
    for item in sorted(unique, key=finding_sort_key):
        where = _where(item)
        fix = f"; fix: {item.fix}" if item.fix else ""
        lines.append(f"{item.severity} {item.id}: {where + ': ' if where else ''}{item.message}{fix}")
    return lines

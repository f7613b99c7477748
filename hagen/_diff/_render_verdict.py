"""How every report format words verdicts: the call-out at the top, the lines under an object, ignore
counts."""

from __future__ import annotations

from ._model import DiffResult, ObjectDiff
from ._verdict import VERDICTS

CALLED_OUT = ("refused", "recreate")
"""Verdicts every format names at the top, before any detail."""


def _ids(result: DiffResult, name: str) -> list[ObjectDiff]:
    return [o for o in result.objects if o.verdict is not None and o.verdict.name == name]


def callouts(result: DiffResult) -> list[str]:
    """One line per refused or recreated object: ``REFUSED apps.StatefulSet.shop.db: spec.volumeClaim...``."""
    lines = []
    for obj in _ids(result, "refused"):
        assert obj.verdict is not None
        fields = ", ".join(dict.fromkeys(r.field for r in obj.verdict.refusals))
        lines.append(f"REFUSED {obj.object_id}: {fields}")
    for obj in _ids(result, "recreate"):
        assert obj.verdict is not None
        risk = "; ".join(obj.verdict.volumes) or "no volume data at risk"
        moved = f"{obj.old_id} -> " if obj.old_id not in (None, obj.object_id) else ""
        lines.append(f"RECREATE {moved}{obj.object_id}: data at risk: {risk}")
    return lines


def verdict_lines(obj: ObjectDiff) -> list[str]:
    """The verdict of one object in words: ``verdict: refused`` and, per refusal, the field, the API
    server's message, the rule's source and the way out; restarts, volumes at risk and notes."""
    v = obj.verdict
    if v is None:
        return []
    lines = [f"verdict: {v.name}"]
    for r in v.refusals:
        lines.append(f"  {r.field}: the API server says: {r.message}")
        lines.append(f"    rule: {r.source}")
        lines.append(f"    way out: {r.way_out}")
    if v.restarts:
        lines.append(f"  pods restart: {', '.join(v.restarts)}")
    if v.name == "recreate":
        lines.append(f"  data at risk: {'; '.join(v.volumes) or 'none (no volumes)'}")
    lines.extend(f"  {note}" for note in v.notes)
    return lines


def verdict_summary(result: DiffResult) -> str:
    """``verdicts: 1 refused, 2 rollout, 5 in place`` (empty without verdicts)."""
    counts = result.verdict_counts()
    parts = [f"{counts[name]} {name}" for name in VERDICTS if counts.get(name)]
    return f"verdicts: {', '.join(parts)}" if parts else ""


def ignored_lines(result: DiffResult) -> list[str]:
    """``3 changes ignored by rule diff.ignoreDifferences[0] (apps/Deployment)`` per rule that ignored any."""
    return [f"{n} change{'s' * (n != 1)} ignored by rule {label}" for label, n in result.ignored]

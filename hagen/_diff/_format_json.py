"""The machine-readable report: stable JSON, schema documented in docs/diff.md (`version` 2: verdicts,
call-outs and ignore counts added to version 1)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ._model import Change, DiffResult, ObjectDiff, path_json
from ._redact import shown
from ._render_verdict import callouts

SCHEMA_VERSION = 2


def _plain(value: Any) -> Any:
    """JSON-ready: tuples as lists, mapping keys as text (YAML allows ``80: http``)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _change(change: Change) -> dict[str, Any]:
    old, new = (_plain(value) for value in shown(change))
    out: dict[str, Any] = {
        "kind": change.kind,
        "path": path_json(change.path),
        "path_str": change.path_str,
        "old": old,
        "new": new,
        "by_position": change.by_position,
    }
    if change.index is not None:
        out["index"] = change.index
    return out


def _verdict(obj: ObjectDiff) -> dict[str, Any] | None:
    v = obj.verdict
    if v is None:
        return None
    return {
        "name": v.name,
        "refusals": [
            {"field": r.field, "message": r.message, "source": r.source, "way_out": r.way_out}
            for r in v.refusals
        ],
        "restarts": list(v.restarts),
        "volumes_at_risk": list(v.volumes),
        "notes": list(v.notes),
    }


def _object(obj: ObjectDiff, sources: dict[str, str]) -> dict[str, Any]:
    return {
        "verdict": _verdict(obj),
        "id": obj.object_id,
        "status": obj.status,
        "kind": obj.doc_kind,
        "file": obj.file,
        "old_id": obj.old_id,
        "old_file": obj.old_file,
        "source": sources.get(obj.file),
        "changes": [_change(c) for c in obj.changes],
    }


def to_json_data(result: DiffResult) -> dict[str, Any]:
    """The report as plain JSON data (secrets masked)."""
    counts = Counter(obj.status for obj in result.objects)
    return {
        "version": SCHEMA_VERSION,
        "drift": result.drift,
        "old": result.old_label,
        "new": result.new_label,
        "summary": {
            **{status: counts[status] for status in ("added", "removed", "changed", "moved")},
            "formatting_only": len(result.formatting_only),
            "foreign": len(result.foreign),
            "verdicts": result.verdict_counts(),
        },
        "callouts": callouts(result),
        "ignored": [{"rule": label, "changes": n} for label, n in result.ignored],
        "objects": [_object(obj, result.sources) for obj in result.objects],
        "formatting_only": list(result.formatting_only),
        "formatting_reasons": dict(sorted(result.formatting_reasons.items())),
        "foreign": list(result.foreign),
        "notes": list(result.notes),
    }


def format_json(result: DiffResult, *, color: bool = False) -> str:
    """The report as indented JSON with sorted keys (same bytes for the same result)."""
    return json.dumps(to_json_data(result), indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"

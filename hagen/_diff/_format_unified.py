"""git-style unified diff, one section per object, of the documents as hagen writes them (redacted)."""

from __future__ import annotations

import difflib
from typing import Any

from ._model import DiffResult, ObjectDiff
from ._redact import redact
from ._render import aligned, block, paint, summary
from ._render_verdict import callouts, ignored_lines, verdict_lines

_STYLE = {"+": "added", "-": "removed", "@": "moved"}


def _lines(doc: Any, kind: str) -> list[str]:
    return block(redact(doc, kind)) if doc is not None else []


def object_hunks(
    obj: ObjectDiff, old_label: str = "a/", new_label: str = "b/", context: int = 3
) -> list[str]:
    """The unified diff of one object's old and new document (keys of the new aligned to the old)."""
    old_file = f"{old_label}{obj.old_file}" if obj.old_file else "/dev/null"
    new_file = f"{new_label}{obj.file}" if obj.new is not None else "/dev/null"
    new_doc = aligned(obj.new, obj.old) if obj.new is not None else None
    diff = difflib.unified_diff(
        _lines(obj.old, obj.doc_kind),
        _lines(new_doc, obj.doc_kind),
        old_file,
        new_file,
        n=context,
        lineterm="",
    )
    return list(diff)


def format_unified(result: DiffResult, *, color: bool = False) -> str:
    """``diff --hagen`` sections per object, like ``git diff``; formatting-only files noted at the end."""
    lines: list[str] = [f"# {line}" for line in (*callouts(result), *ignored_lines(result))]
    for obj in result.objects:
        header = f"diff --hagen {obj.old_id or obj.object_id} {obj.object_id}"
        lines.append(paint(header, "bold", color))
        lines.extend(f"# {line}" for line in verdict_lines(obj))
        if obj.old_id and obj.old_id != obj.object_id:
            lines.extend((f"rename from {obj.old_id}", f"rename to {obj.object_id}"))
        if obj.old_file and obj.old_file != obj.file:
            lines.extend((f"move from {obj.old_file}", f"move to {obj.file}"))
        for line in object_hunks(obj):
            style = _STYLE.get(line[:1]) if not line.startswith(("---", "+++")) else "bold"
            lines.append(paint(line, style, color) if style else line)
    lines.extend(f"# formatting only: {path}" for path in result.formatting_only)
    lines.extend(f"# not hagen's: {path}" for path in result.foreign)
    lines.append(f"# {summary(result)}")
    return "\n".join(lines) + "\n"

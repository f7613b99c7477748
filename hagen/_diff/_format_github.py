"""GitHub Actions workflow commands: an ``::error`` annotation per drifted object, on its out/ file.

The annotation points at the line of the first changed field in the committed file (the side of the diff
that is on disk), and a ``::notice`` points at the blueprint the file came from, where it is known.
"""

from __future__ import annotations

import os

from ._locate import locate_in_file
from ._model import DiffResult, ObjectDiff
from ._render import describe, summary, title
from ._render_verdict import callouts, ignored_lines, verdict_lines

MAX_LINES = 20
"""Changes listed in one annotation; GitHub truncates long annotations anyway."""


def _data(text: str) -> str:
    """Escape a workflow command's message as @actions/core's escapeData does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escape a workflow command property (file=, title=) as @actions/core's escapeProperty does."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _target(result: DiffResult, obj: ObjectDiff) -> tuple[str, int]:
    """(file path as the workflow sees it, line) for an object: the on-disk side, old side first."""
    first = next((c.path for c in obj.changes if c.path), ())
    if result.old_root is not None and obj.old_file is not None:
        line = locate_in_file(result.old_root, obj.old_file, obj.old_pos, first)
        return os.path.join(result.old_root, obj.old_file), line
    if result.new_root is not None and obj.new is not None:
        line = locate_in_file(result.new_root, obj.file, obj.new_pos, first)
        return os.path.join(result.new_root, obj.file), line
    root = result.old_root or result.new_root or ""
    return os.path.join(root, obj.file), 1


def format_github(result: DiffResult, *, color: bool = False) -> str:
    """One workflow command per drifted object and formatting-only file (after a ``::notice`` per ignore
    rule and per note), then a plain summary line."""
    lines = [
        f"::error title={_prop('hagen diff: ' + c.split()[0].lower())}::{_data(c)}" for c in callouts(result)
    ]
    lines.extend(f"::notice title=hagen diff: ignored::{_data(text)}" for text in ignored_lines(result))
    # what the run did or left out (an interrupted write finished, rendered files kept): as stderr says it
    lines.extend(f"::notice title={_prop('hagen diff: note')}::{_data(note)}" for note in result.notes)
    for obj in result.objects:
        file, line = _target(result, obj)
        body = [describe(c) for c in obj.changes if c.path]
        if len(body) > MAX_LINES:
            body = [*body[:MAX_LINES], f"... and {len(body) - MAX_LINES} more"]
        head = f"{obj.status}: {title(obj)}"
        message = "\n".join([head, *verdict_lines(obj), *body, "run `hagen synth` and commit out/"])
        label = f"{obj.status}, {obj.verdict.name}" if obj.verdict else obj.status
        where = f"file={_prop(file)},line={line},title={_prop('hagen diff: ' + label)}"
        lines.append(f"::error {where}::{_data(message)}")
        source = result.sources.get(obj.file)
        if source:
            note = _data(f"{title(obj)} comes from here")
            lines.append(f"::notice file={_prop(source)},title={_prop('hagen diff')}::{note}")
    root = result.old_root or result.new_root or ""
    for path in result.formatting_only:
        message = "formatting differs from what hagen synth writes (nothing would change on the cluster)"
        lines.append(
            f"::error file={_prop(os.path.join(root, path))},title={_prop('hagen diff: formatting')}::"
            + _data(message)
        )
    lines.append(summary(result))
    return "\n".join(lines) + "\n"

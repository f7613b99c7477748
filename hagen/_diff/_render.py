"""Pieces every report format shares: value text, the summary line, colours, aligned documents."""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml

from ._model import Change, DiffResult, ObjectDiff
from ._redact import shown

SYMBOL = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
_COLOR = {"added": "32", "removed": "31", "changed": "33", "moved": "36", "dim": "2", "bold": "1"}
INLINE_WIDTH = 80


def paint(text: str, style: str, color: bool) -> str:
    """`text` in the ANSI colour of a change kind (or ``dim``/``bold``), when colour is on."""
    return f"\x1b[{_COLOR[style]}m{text}\x1b[0m" if color else text


def inline(value: Any) -> str:
    """A value on one line, YAML flow style: ``3``, ``nginx:1.27``, ``{cpu: 100m}``, ``'on'``."""
    if value is None:
        return "null"
    if isinstance(value, str) and "\n" not in value:
        from .._yaml._emit import scalar

        return scalar(value)  # quoted as Kubernetes needs it: 'y' (a string) is not y (true)
    text = yaml.safe_dump(value, default_flow_style=True, width=1 << 30, allow_unicode=True)
    text = text.strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def block(value: Any) -> list[str]:
    """A value as YAML lines (for mappings and lists too long to read on one line)."""
    from .._errors import InputError
    from .._yaml import dump

    try:
        return dump(value).rstrip("\n").splitlines()
    except (
        InputError
    ):  # a value read from a file that hagen would refuse to write (such as .nan): show it anyway
        text = yaml.safe_dump(
            value, default_flow_style=False, width=1 << 30, allow_unicode=True, sort_keys=False
        )
        return text.rstrip("\n").removesuffix("...").rstrip("\n").splitlines()


def fits_inline(value: Any) -> bool:
    return not isinstance(value, (dict, list)) or len(inline(value)) <= INLINE_WIDTH


def change_values(change: Change) -> tuple[Any, Any]:
    """The printable (redacted) old and new values of a change."""
    return shown(change)


def describe(change: Change) -> str:
    """A change in one line: ``spec.replicas: 2 -> 3``, ``+ metadata.labels.tier: web``."""
    old, new = change_values(change)
    where = change.path_str
    note = "  (list compared by position)" if change.by_position else ""
    if change.kind == "moved":
        if not change.path:
            return f"moved from {old[0]} in {old[1]}"
        return f"{where}: order {inline(old)} -> {inline(new)}"
    if change.kind == "added":
        return f"+ {where}: {inline(new)}{note}"
    if change.kind == "removed":
        return f"- {where}: {inline(old)}{note}"
    return f"{where}: {inline(old)} -> {inline(new)}{note}"


def summary(result: DiffResult) -> str:
    """The last line of a report: ``drift: 1 changed, 2 added; 1 file formatting-only`` or ``no drift``."""
    counts = Counter(obj.status for obj in result.objects)
    parts = [f"{counts[s]} {s}" for s in ("changed", "added", "removed", "moved") if counts[s]]
    text = ", ".join(parts)
    if result.formatting_only:
        n = len(result.formatting_only)
        text += ("; " if text else "") + f"{n} file{'s' * (n != 1)} formatting-only"
    text = f"drift: {text}" if result.drift else "no drift"
    from ._render_verdict import verdict_summary

    verdicts = verdict_summary(result)
    if verdicts:
        text += f"; {verdicts}"
    if result.ignored:
        n = sum(count for _, count in result.ignored)
        text += f"; {n} change{'s' * (n != 1)} ignored by rule"
    if result.foreign:
        n = len(result.foreign)
        text += f" ({n} file{'s' * (n != 1)} not hagen's, left alone)"
    return text


def where(obj: ObjectDiff) -> str:
    """The file of an object, ``old -> new`` when it moved; empty for a document keyed by its file."""
    if obj.old_file and obj.old_file != obj.file:
        return f"{obj.old_file} -> {obj.file}"
    return "" if obj.object_id == obj.file else obj.file


def title(obj: ObjectDiff) -> str:
    """An object's heading: its id, ``old -> new`` when renamed."""
    if obj.old_id and obj.old_id != obj.object_id:
        return f"{obj.old_id} -> {obj.object_id}"
    return obj.object_id


def aligned(new: Any, old: Any) -> Any:
    """`new` with its mapping keys in `old`'s order where they share keys, so that a text diff of the two
    shows semantic changes and not key order."""
    if isinstance(new, dict) and isinstance(old, dict):
        keys = [k for k in old if k in new] + [k for k in new if k not in old]
        return {k: aligned(new[k], old.get(k)) for k in keys}
    if isinstance(new, list) and isinstance(old, list):
        return [aligned(n, o) for n, o in zip(new, old, strict=False)] + new[len(old) :]
    return new

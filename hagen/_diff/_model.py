"""What a diff finds: field changes, per-object diffs and the overall result, as plain frozen data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._verdict import Verdict

ChangeKind = Literal["added", "removed", "changed", "moved"]
Status = Literal["added", "removed", "changed", "moved"]


@dataclass(frozen=True, slots=True, order=True)
class Named:
    """A path segment selecting the list item whose ``name`` is `name` (containers, env, ports, volumes)."""

    name: str


Segment = str | int | Named
"""A mapping key, a list position (list compared by position), or a list item selected by its name."""

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def path_string(path: tuple[Segment, ...]) -> str:
    """The path written JSONPath-like: ``spec.template.spec.containers[name=app].env[name=A].value``.

    Keys that are not identifiers are bracketed and quoted (``metadata.labels['app.kubernetes.io/name']``);
    the empty path (the whole document) is ``.``.
    """
    out: list[str] = []
    for seg in path:
        if isinstance(seg, Named):
            out.append(f"[name={seg.name}]")
        elif isinstance(seg, int):
            out.append(f"[{seg}]")
        elif _PLAIN_KEY.match(seg):
            out.append(f".{seg}" if out else seg)
        else:
            escaped = seg.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out) or "."


def path_json(path: tuple[Segment, ...]) -> list[Any]:
    """The path as JSON: keys as strings, positions as integers, named items as ``{"name": ...}``."""
    return [{"name": seg.name} if isinstance(seg, Named) else seg for seg in path]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference inside one document.

    `path` is empty for a whole document (added, removed, moved). For ``moved`` with an empty path, `old`
    and `new` are the old and new (object id, file); with a list path, they are the old and new order of
    the names of a named list. `index` is the position of an item added to a named list.
    `doc_kind` is the Kubernetes kind, or ``values`` (Helm values), ``document`` (other YAML), ``file``.
    `labels` holds, for a path through a list compared by position, (segment index, ``name``) of the items
    at that position on either side: an env list with a repeated name is compared by position, and its
    items' names still decide which values are secret (see `hagen._diff._redact`).
    """

    kind: ChangeKind
    object_id: str
    file: str
    path: tuple[Segment, ...]
    old: Any
    new: Any
    doc_kind: str = "document"
    index: int | None = None
    labels: tuple[tuple[int, str], ...] = ()

    @property
    def path_str(self) -> str:
        return path_string(self.path)

    @property
    def by_position(self) -> bool:
        """True when the path goes through a list compared by position (its items have no unique name)."""
        return any(isinstance(seg, int) for seg in self.path)


@dataclass(frozen=True, slots=True)
class ObjectDiff:
    """Every change of one document (object id, or path of a values file), with both versions of it.

    `old_id` differs from `object_id` for a renamed object; `old_file` from `file` for a moved one.
    `old_pos`/`new_pos` locate the document in its file: (document index, index in a List's items or None).
    `verdict` says what applying it does on the cluster (in place, rollout, refused, recreate).
    """

    object_id: str
    status: Status
    doc_kind: str
    file: str
    old_file: str | None
    old_id: str | None
    old: Any
    new: Any
    changes: tuple[Change, ...]
    old_pos: tuple[int, int | None] | None = None
    new_pos: tuple[int, int | None] | None = None
    verdict: Verdict | None = None


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The outcome of a diff: semantic object diffs, formatting-only files, files that are not hagen's.

    `drift` is true when anything differs at all, formatting included: out/ must be byte-identical to what
    ``hagen synth`` writes. `sources` maps an output file to the blueprint file it came from, where known;
    `old_root`/`new_root` are the directories the two sides were read from, when they are on disk.
    `ignored` counts the field changes each ignore rule left out: (rule label, count), reported, never
    hidden silently.
    `formatting_reasons` says, for a formatting-only file whose values differ, why the cluster sees no
    change (``the API server stores quantities in canonical form: ...cpu 12000m = 12``).
    """

    objects: tuple[ObjectDiff, ...] = ()
    formatting_only: tuple[str, ...] = ()
    formatting_reasons: dict[str, str] = field(default_factory=dict)
    foreign: tuple[str, ...] = ()
    old_label: str = "a"
    new_label: str = "b"
    sources: dict[str, str] = field(default_factory=dict)
    old_root: str | None = None
    new_root: str | None = None
    ignored: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = ()  # e.g. hydrated files kept out of the comparison, and why

    @property
    def drift(self) -> bool:
        return bool(self.objects or self.formatting_only)

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(change for obj in self.objects for change in obj.changes)

    def verdict_counts(self) -> dict[str, int]:
        """How many objects got each verdict (objects without one are not counted)."""
        counts: dict[str, int] = {}
        for obj in self.objects:
            if obj.verdict is not None:
                counts[obj.verdict.name] = counts.get(obj.verdict.name, 0) + 1
        return counts

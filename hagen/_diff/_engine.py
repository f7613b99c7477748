"""Diffing two trees: match documents by key across files, compare them, recognise moves and renames."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ._compare import compare, same
from ._model import Change, DiffResult, ObjectDiff
from ._tree import Entry, Tree, index, read_changed_entries

if TYPE_CHECKING:
    from ._ignore import IgnoreRule


def _fingerprint(entry: Entry) -> str | None:
    """The document without its identity (metadata.name/namespace), for recognising a renamed object."""
    data = entry.data
    if isinstance(data, dict) and isinstance(data.get("metadata"), dict):
        meta = {k: v for k, v in data["metadata"].items() if k not in ("name", "namespace")}
        data = {**data, "metadata": meta}
    try:  # json keeps true/1/1.0/"1" apart, as `same` does
        return entry.doc_kind + "\0" + json.dumps(data, sort_keys=True, default=str)
    except (TypeError, ValueError):  # mixed key types cannot be sorted: such a document is never a rename
        return None


def _object(old: Entry | None, new: Entry | None, changes: list[Change], status: Any) -> ObjectDiff:
    main = new or old
    assert main is not None
    return ObjectDiff(
        object_id=main.key,
        status=status,
        doc_kind=main.doc_kind,
        file=main.file,
        old_file=old.file if old else None,
        old_id=old.key if old else None,
        old=old.data if old else None,
        new=new.data if new else None,
        changes=tuple(changes),
        old_pos=old.pos if old else None,
        new_pos=new.pos if new else None,
    )


def _whole(kind: Any, entry: Entry) -> Change:
    old, new = (entry.data, None) if kind == "removed" else (None, entry.data)
    return Change(kind, entry.key, entry.file, (), old, new, entry.doc_kind)


def _moved(old: Entry, new: Entry) -> Change:
    return Change("moved", new.key, new.file, (), (old.key, old.file), (new.key, new.file), new.doc_kind)


def _renamed(before: Entry, entry: Entry) -> ObjectDiff:
    fields = compare(before.data, entry.data, object_id=entry.key, file=entry.file, doc_kind=entry.doc_kind)
    return _object(before, entry, [_moved(before, entry), *fields], "moved")


def _class_lookup(trees: Sequence[Tree]) -> Any:
    """A function from a StorageClass name to its document in the first tree that has it (parsed lazily:
    only files that mention ``StorageClass`` are read, and only when a claim grows)."""
    found: dict[str, Mapping[str, Any]] | None = None

    def lookup(name: str) -> Mapping[str, Any] | None:
        nonlocal found
        if found is None:
            found = {}
            for tree in reversed(trees):
                for path, text in tree.texts.items():
                    if "StorageClass" not in text:
                        continue
                    for entry in tree.entries(path):
                        data = entry.data
                        if entry.doc_kind == "StorageClass" and isinstance(data, dict):
                            meta = data.get("metadata") or {}
                            found[str(meta.get("name"))] = data
        return found.get(name)

    return lookup


def judge_all(objects: Sequence[ObjectDiff], lookup: Any) -> list[ObjectDiff]:
    """`objects` with their verdicts; `lookup` finds a StorageClass by name."""
    from ._verdict import judge, workload_successors

    successors = workload_successors(objects)
    return [replace(obj, verdict=judge(obj, lookup, successors.get(obj.object_id))) for obj in objects]


def diff_entries(
    old: dict[str, Entry],
    new: dict[str, Entry],
    *,
    layout: bool = True,
    notes: dict[str, list[str]] | None = None,
) -> list[ObjectDiff]:
    """Per-document diffs between two keyed sets of documents (unchanged documents are left out).

    With `layout` false, which file a document is in does not matter (no ``moved`` for a file change).
    `notes`, when given, collects per file why differing values are the same on the cluster.
    """
    diffs: list[ObjectDiff] = []
    for key, before in old.items():
        after = new.get(key)
        if after is None:
            continue
        fields = (
            []
            if same(before.data, after.data)
            else compare(
                before.data,
                after.data,
                object_id=key,
                file=after.file,
                doc_kind=after.doc_kind,
                notes=None if notes is None else notes.setdefault(after.file, []),
            )
        )
        if layout and before.file != after.file:
            diffs.append(_object(before, after, [_moved(before, after), *fields], "moved"))
        elif fields:
            diffs.append(_object(before, after, fields, "changed"))
    removed = [entry for key, entry in old.items() if key not in new]
    added = [entry for key, entry in new.items() if key not in old]
    # A renamed object: same content under another name; matched first come, first served, in key order.
    candidates: dict[str, list[Entry]] = {}
    for entry in sorted(removed, key=lambda e: e.key):
        fp = _fingerprint(entry)
        if fp is not None:
            candidates.setdefault(fp, []).append(entry)
    renamed: set[str] = set()
    unmatched: list[Entry] = []
    for entry in sorted(added, key=lambda e: e.key):
        fp = _fingerprint(entry)
        pool = candidates.get(fp) if fp is not None else None
        if pool:
            renamed.add(pool[0].key)
            diffs.append(_renamed(pool.pop(0), entry))
        else:
            unmatched.append(entry)
    if unmatched:
        from ._similar import pair_renames

        left = [
            e for e in removed if e.key not in renamed and e.doc_kind not in ("document", "values", "file")
        ]
        by_key = {e.key: e for e in left}
        pairs = dict(
            (new_key, old_key)
            for old_key, new_key in pair_renames(
                [(e.key, e.doc_kind, e.data) for e in left],
                [
                    (e.key, e.doc_kind, e.data)
                    for e in unmatched
                    if e.doc_kind not in ("document", "values", "file")
                ],
            )
        )
        for entry in unmatched:
            if entry.key in pairs:
                renamed.add(pairs[entry.key])
                diffs.append(_renamed(by_key[pairs[entry.key]], entry))
            else:
                diffs.append(_object(None, entry, [_whole("added", entry)], "added"))
    for entry in removed:
        if entry.key not in renamed:
            diffs.append(_object(entry, None, [_whole("removed", entry)], "removed"))
    diffs.sort(key=lambda d: (d.file, d.object_id))
    return diffs


def diff_trees(
    old: Tree,
    new: Tree,
    *,
    parse_identical: bool = False,
    layout: bool = True,
    ignore: Sequence[IgnoreRule] = (),
) -> DiffResult:
    """What changed from `old` to `new`, object by object, field by field.

    Files byte-identical on both sides are not parsed, nor documents byte-identical in a file on both
    sides, unless `parse_identical` (they cannot differ). With `layout` false, only objects are compared:
    files moving and formatting are not reported (for trees laid out differently, e.g. a live export).
    A file whose bytes differ but whose documents are all semantically unchanged is formatting-only.
    `ignore` rules leave field changes out (counted in `DiffResult.ignored`); every object left gets its
    verdict (`ObjectDiff.verdict`), StorageClasses looked up in `new`, then `old`.
    """
    all_paths = sorted(set(old.texts) | set(new.texts))
    differing = [p for p in all_paths if parse_identical or old.texts.get(p) != new.texts.get(p)]
    old_side: list[Entry] = []
    new_side: list[Entry] = []
    for path in differing:
        if path in old.texts and path in new.texts and not parse_identical:
            before, after = read_changed_entries(old, new, path)
        else:
            before = old.entries(path) if path in old.texts else []
            after = new.entries(path) if path in new.texts else []
        old_side.extend(before)
        new_side.extend(after)
    notes: dict[str, list[str]] = {}
    objects = diff_entries(index(old_side), index(new_side), layout=layout, notes=notes)
    touched = {d.file for d in objects} | {d.old_file for d in objects if d.old_file}
    formatting = tuple(p for p in differing if p not in touched and old.texts.get(p) != new.texts.get(p))
    if not layout:
        formatting = ()
    ignored: tuple[tuple[str, int], ...] = ()
    if ignore:
        from ._ignore import apply_ignore

        objects, ignored = apply_ignore(objects, ignore)
    objects = judge_all(objects, _class_lookup([new, old]))
    return DiffResult(
        objects=tuple(objects),
        ignored=ignored,
        formatting_only=formatting,
        formatting_reasons={p: "; ".join(notes[p]) for p in formatting if notes.get(p)},
        old_label=old.label,
        new_label=new.label,
        old_root=old.root,
        new_root=new.root,
    )

"""Applying reported changes to the old documents, to get the new ones (the diff is complete)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from .._errors import InputError
from ._model import Change, Named, Segment


def _child(parent: Any, seg: Segment) -> Any:
    if isinstance(seg, Named):
        for item in parent:
            if isinstance(item, dict) and item.get("name") == seg.name:
                return item
        raise InputError(f"no list item named {seg.name!r}")
    if isinstance(seg, int):
        return parent[seg]
    return parent[_real_key(parent, seg)]


def _real_key(mapping: dict[Any, Any], seg: str) -> Any:
    if seg in mapping:
        return seg
    # Non-string YAML keys (``80: http``) travel as text in paths.
    return next((key for key in mapping if str(key) == seg), seg)


def _set(parent: Any, seg: Segment, change: Change) -> None:
    value = copy.deepcopy(change.new)
    if isinstance(seg, Named):
        names = [item.get("name") if isinstance(item, dict) else None for item in parent]
        if change.kind == "removed":
            del parent[names.index(seg.name)]
        elif change.kind == "added":
            parent.insert(change.index if change.index is not None else len(parent), value)
        else:
            parent[names.index(seg.name)] = value
    elif isinstance(seg, int):
        if change.kind == "removed":
            del parent[seg]
        elif change.kind == "added":
            parent.insert(seg, value)
        else:
            parent[seg] = value
    elif change.kind == "removed":
        del parent[_real_key(parent, seg)]
    else:
        parent[_real_key(parent, seg)] = value


def _reorder(items: list[Any], order: list[str]) -> None:
    rank = {name: i for i, name in enumerate(order)}

    def place(item: Any) -> int:
        name = item.get("name") if isinstance(item, dict) else None
        return rank.get(name, len(rank)) if isinstance(name, str) else len(rank)

    items.sort(key=place)


def apply_changes(documents: Mapping[str, Any], changes: Iterable[Change]) -> dict[str, Any]:
    """The documents (key -> data) after `changes`; `documents` itself is left unchanged.

    Positional removals happen last, from the end of their list, so the indices the diff reported stay
    valid while the other changes are applied.
    """
    docs = {key: copy.deepcopy(value) for key, value in documents.items()}
    tail_removals: list[Change] = []
    for change in changes:
        if not change.path:
            if change.kind == "added":
                docs[change.object_id] = copy.deepcopy(change.new)
            elif change.kind == "removed":
                docs.pop(change.object_id, None)
            elif change.kind == "moved":
                old_key = change.old[0]
                docs[change.object_id] = docs.pop(old_key)
            else:
                docs[change.object_id] = copy.deepcopy(change.new)
            continue
        if change.kind == "removed" and isinstance(change.path[-1], int):
            tail_removals.append(change)
            continue
        parent = docs[change.object_id]
        for seg in change.path[:-1]:
            parent = _child(parent, seg)
        if change.kind == "moved":
            _reorder(_child(parent, change.path[-1]), list(change.new))
        else:
            _set(parent, change.path[-1], change)
    for change in reversed(tail_removals):
        parent = docs[change.object_id]
        for seg in change.path[:-1]:
            parent = _child(parent, seg)
        _set(parent, change.path[-1], change)
    return docs

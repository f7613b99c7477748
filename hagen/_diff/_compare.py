"""Field-level semantic comparison of two documents.

Mappings compare by key, whatever the key order. Lists whose items all carry a unique string ``name``
(containers, initContainers, env, ports, volumes, volumeMounts, and any such list) are matched by name,
so inserting one container does not show every later one as changed; other lists compare by position
(the change's path then holds an integer and `Change.by_position` is true). Scalars are equal only when
they have the same type and value: ``true`` is not ``1`` and ``"1"`` is not ``1`` to the API server.
"""

from __future__ import annotations

from typing import Any

from ._equivalent import QUANTITY_REASON, same_quantity
from ._model import Change, Named, Segment, path_string

Labels = tuple[tuple[int, str], ...]


def same(old: Any, new: Any) -> bool:
    """Semantic equality: mappings regardless of key order, lists in order, scalars by type and value."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        if len(old) != len(new):
            return False
        return all(key in new and same(value, new[key]) for key, value in old.items())
    if isinstance(old, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    # NaN != NaN in Python, but `.nan` in both files is no change.
    return bool(old == new) or (isinstance(old, float) and old != old and new != new)


def item_names(items: list[Any]) -> list[str] | None:
    """The names of a list's items when every item is a mapping with a unique string ``name``, else None."""
    names: list[str] = []
    for item in items:
        if not isinstance(item, dict):
            return None
        name = item.get("name")
        if not isinstance(name, str):
            return None
        names.append(name)
    return names if len(set(names)) == len(names) else None


class _Walker:
    def __init__(self, object_id: str, file: str, doc_kind: str, notes: list[str] | None) -> None:
        self.object_id = object_id
        self.file = file
        self.doc_kind = doc_kind
        self.changes: list[Change] = []
        self.notes = notes
        self.labels: Labels = ()

    def emit(
        self, kind: Any, path: tuple[Segment, ...], old: Any, new: Any, index: int | None = None
    ) -> None:
        labels = tuple((at, name) for at, name in self.labels if at < len(path))
        change = Change(kind, self.object_id, self.file, path, old, new, self.doc_kind, index, labels)
        self.changes.append(change)

    def walk(self, old: Any, new: Any, path: tuple[Segment, ...]) -> None:
        if isinstance(old, dict) and isinstance(new, dict):
            for key, value in old.items():
                if key not in new:
                    self.emit("removed", (*path, _key(key)), value, None)
                else:
                    self.walk(value, new[key], (*path, _key(key)))
            for key, value in new.items():
                if key not in old:
                    self.emit("added", (*path, _key(key)), None, value)
        elif isinstance(old, list) and isinstance(new, list):
            old_names = item_names(old) if old or new else None
            new_names = item_names(new) if old_names is not None else None
            # An empty side has no names to offer; matching by name needs the other side to have them.
            if old_names is not None and new_names is not None and (old_names or new_names):
                self.named(old, new, old_names, new_names, path)
            else:
                self.positional(old, new, path)
        elif same(old, new):
            return
        elif same_quantity(path, old, new):
            if self.notes is not None:
                self.notes.append(f"{QUANTITY_REASON}: {path_string(path)} {old} = {new}")
        else:
            self.emit("changed", path, old, new)

    def named(
        self,
        old: list[Any],
        new: list[Any],
        old_names: list[str],
        new_names: list[str],
        path: tuple[Segment, ...],
    ) -> None:
        new_at = {name: i for i, name in enumerate(new_names)}
        old_set = set(old_names)
        for name, item in zip(old_names, old, strict=True):
            if name not in new_at:
                self.emit("removed", (*path, Named(name)), item, None)
        for name, item in zip(old_names, old, strict=True):
            if name in new_at:
                self.walk(item, new[new_at[name]], (*path, Named(name)))
        for i, (name, item) in enumerate(zip(new_names, new, strict=True)):
            if name not in old_set:
                self.emit("added", (*path, Named(name)), None, item, index=i)
        kept_old = [name for name in old_names if name in new_at]
        kept_new = [name for name in new_names if name in old_set]
        if kept_old != kept_new:  # order matters for env (later values may refer to earlier ones)
            self.emit("moved", path, old_names, new_names)

    def positional(self, old: list[Any], new: list[Any], path: tuple[Segment, ...]) -> None:
        outer = self.labels
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            # Items keep their names as labels: redaction must not depend on how the list was matched.
            names = {
                item["name"]
                for item in (a, b)
                if isinstance(item, dict) and isinstance(item.get("name"), str)
            }
            self.labels = outer + tuple((len(path), name) for name in sorted(names))
            self.walk(a, b, (*path, i))
        self.labels = outer
        for i in range(len(new), len(old)):
            self.emit("removed", (*path, i), old[i], None)
        for i in range(len(old), len(new)):
            self.emit("added", (*path, i), None, new[i])


def _key(key: Any) -> Segment:
    # YAML allows non-string keys (``80: http``); paths carry them as text, as kubectl would print them.
    return key if isinstance(key, str) else str(key)


def compare(
    old: Any,
    new: Any,
    *,
    object_id: str = "",
    file: str = "",
    doc_kind: str = "document",
    notes: list[str] | None = None,
) -> list[Change]:
    """Every field that differs between two versions of one document, in document order.

    Values the API server stores identically (quantities in another notation) are no change; each such
    difference is appended to `notes` as a reason, when given.
    """
    walker = _Walker(object_id, file, doc_kind, notes)
    walker.walk(old, new, ())
    return walker.changes

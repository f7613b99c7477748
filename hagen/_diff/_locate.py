"""Line numbers of fields, for annotations that point into a file: YAML nodes carry their start mark.

Only the files being annotated are composed (not constructed: aliases stay shared nodes, so nothing
expands), and only after the diff found something to point at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from ._model import Named, Segment

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULL = "tag:yaml.org,2002:null"


def _documents(text: str) -> list[yaml.Node]:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError:
        return []
    # Mirror load_documents, which drops empty documents.
    return [n for n in nodes if n is not None and not (isinstance(n, yaml.ScalarNode) and n.tag == _NULL)]


def _child(node: yaml.Node, seg: Segment) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == seg:
                return value  # type: ignore[no-any-return]
        return None
    if isinstance(node, yaml.SequenceNode):
        if isinstance(seg, int):
            return node.value[seg] if 0 <= seg < len(node.value) else None
        if isinstance(seg, Named):
            for item in node.value:
                name = _child(item, "name")
                if isinstance(name, yaml.ScalarNode) and name.value == seg.name:
                    return item  # type: ignore[no-any-return]
    return None


def locate(text: str, pos: tuple[int, int | None], path: tuple[Segment, ...]) -> int:
    """1-based line of `path` in the document at `pos` (document index, List item index) of `text`.

    Falls back to the deepest part of the path that exists (a removed field points at its parent), and
    to line 1 when the text cannot be read.
    """
    return locator(text)(pos, path)


def _composed(text: str) -> Callable[[], list[yaml.Node]]:
    """The documents of `text`, composed at the first call and kept for the next."""
    kept: list[list[yaml.Node]] = []

    def documents() -> list[yaml.Node]:
        if not kept:
            kept.append(_documents(text))
        return kept[0]

    return documents


def locator(text: str) -> Callable[[tuple[int, int | None], tuple[Segment, ...]], int]:
    """`locate` for many paths of one text: the text is composed once, at the first call."""
    return _locator(_composed(text))


def _locator(
    documents: Callable[[], list[yaml.Node]],
) -> Callable[[tuple[int, int | None], tuple[Segment, ...]], int]:
    def find(pos: tuple[int, int | None], path: tuple[Segment, ...]) -> int:
        docs = documents()
        if pos[0] >= len(docs):
            return 1
        node: yaml.Node | None = docs[pos[0]]
        if pos[1] is not None and node is not None:
            node = _child(node, "items")
            node = _child(node, pos[1]) if node is not None else None
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for seg in path:
            node = _child(node, seg)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    return find


def _scalar(node: yaml.Node | None, *path: str) -> str:
    for seg in path:
        node = _child(node, seg) if node is not None else None
    return str(node.value) if isinstance(node, yaml.ScalarNode) and node.tag != _NULL else ""


def _identity(node: yaml.Node) -> str:
    """`hagen._objects.object_id` read off a document's nodes."""
    group = _scalar(node, "apiVersion").rpartition("/")[0] or "core"
    namespace = _scalar(node, "metadata", "namespace") or "_"
    return f"{group}.{_scalar(node, 'kind')}.{namespace}.{_scalar(node, 'metadata', 'name')}"


def object_locator(text: str) -> Callable[[str, tuple[Segment, ...]], int | None]:
    """The line of a field of an object of `text` found by its id (`object_id`), a List's items
    included; None for an object the text does not hold. Composed once, at the first call."""
    found: dict[str, tuple[int, int | None]] = {}
    documents = _composed(text)  # one composition serves finding the object and its field
    find = _locator(documents)

    def line(object_id: str, path: tuple[Segment, ...]) -> int | None:
        if not found:
            found[""] = (-1, None)  # read once, whatever it holds
            for index, doc in enumerate(documents()):
                items = _child(doc, "items") if _scalar(doc, "kind").endswith("List") else None
                if isinstance(items, yaml.SequenceNode):
                    found.update((_identity(item), (index, at)) for at, item in enumerate(items.value))
                else:
                    found.setdefault(_identity(doc), (index, None))
        pos = found.get(object_id)
        return None if pos is None or pos[0] < 0 else find(pos, path)

    return line


def locate_in_file(
    root: str | None, file: str, pos: tuple[int, int | None] | None, path: tuple[Segment, ...]
) -> int:
    """`locate` in a file on disk (line 1 when the file or the document is not there)."""
    if root is None or pos is None:
        return 1
    try:
        text = (Path(root) / file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    return locate(text, pos, path)

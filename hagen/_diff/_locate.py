"""Line numbers of fields, for annotations that point into a file: YAML nodes carry their start mark.

Only the files being annotated are composed (not constructed: aliases stay shared nodes, so nothing
expands), and only after the diff found something to point at.
"""

from __future__ import annotations

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
    docs = _documents(text)
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

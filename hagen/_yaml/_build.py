"""The common case of reading a document, built straight from its nodes: plain mappings, sequences and
scalars typed by go-yaml v2's rules (`go_plain`), nothing shared.

PyYAML's constructor is general (tags, merge keys, anchors, generators to build recursive structures)
and most of what reading a manifest costs. `build` does what it does for the documents hagen meets
almost always, and gives up (returns `UNUSUAL`) at anything else: an explicit tag other than a plain one, a
merge key, a complex key, a repeated key, nesting deeper than Python recurses. The caller then builds
the same document with the strict loader, which gives the usual data or the usual error.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ._goresolve import BOOL, FLOAT, INT, NULL, STR, go_plain

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TYPED = frozenset((BOOL, INT, FLOAT, NULL))


class _Unusual(Exception):
    """Unwinds the walk: the document needs the general constructor (see the module)."""


UNUSUAL: Any = object()
"""What `build` returns for a document it leaves to the general constructor (no document is this object)."""


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag == STR:
        return node.value
    if tag in _TYPED:
        typed, value = go_plain(node.value)
        if typed == tag:  # an explicit tag Go would read otherwise takes the general path
            return value
    raise _Unusual


def _value(node: Any) -> Any:
    kind = type(node)
    if kind is ScalarNode:
        return _scalar(node)
    if kind is MappingNode and node.tag == _MAP:
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Unusual
            key = _scalar(key_node)  # a merge key ("<<") has its own tag: _Unusual
            if key in data:
                raise _Unusual  # the strict loader names both lines
            data[key] = _value(value_node)
        return data
    if kind is SequenceNode and node.tag == _SEQ:
        return [_value(item) for item in node.value]
    raise _Unusual


def build(node: Any) -> Any:
    """The document `node` (a composed node tree without aliases) as plain data; `UNUSUAL` when the
    general constructor is needed."""
    try:
        return _value(node)
    except (_Unusual, RecursionError):
        return UNUSUAL

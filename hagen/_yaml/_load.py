"""Reading YAML that may come from anyone (a pull request can put anything in out/).

Documents are read the way the Kubernetes API server reads them: plain scalars typed by go-yaml v2's rules
(``y`` is a boolean, ``1e3`` a number, a date a string; see _goresolve.py), plain data only. Language tags
are refused by the safe constructor, and alias expansion is bounded so that
a billion-laughs document fails at once instead of hanging whatever walks the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .._errors import InputError, UnsafeYAMLError
from ._bounds import check_document_sizes
from ._build import UNUSUAL, build
from ._strict import DuplicateKey
from ._strict import StrictLoader as _Loader

MAX_EXPANDED_NODES = 2_000_000
"""Most scalars, mappings and sequences one file may expand to once every alias is followed."""

_UNSHARED_MAX_CHARS = MAX_EXPANDED_NODES // 4
"""Longest text whose tree is counted without a walk when it has no anchor: with nothing shared a tree
has no more nodes than its text spells, at most about one per character (``{a,b}``: 5 nodes)."""


def _children(node: Any) -> list[Any]:
    return [*node.keys(), *node.values()] if isinstance(node, dict) else node


def _expanded_size(root: Any, limit: int) -> int:
    """Nodes in the tree once aliases (shared sub-objects) are followed, stopping past `limit`.

    Iterative, since documents may nest as deep as libyaml allows, and memoized per shared object, so a
    tree that repeats one sub-object a billion times is measured without walking it a billion times.
    """
    if not isinstance(root, dict | list):
        return 1
    memo: dict[int, int] = {}
    # Frames of (container, its children, index of the next child, total so far).
    frames: list[tuple[Any, list[Any], int, int]] = [(root, _children(root), 0, 1)]
    active = {id(root)}
    while frames:
        node, children, index, total = frames.pop()
        if total > limit:
            return limit + 1
        if index == len(children):
            memo[id(node)] = total
            active.discard(id(node))
            if not frames:
                return total
            parent, siblings, at, subtotal = frames.pop()
            frames.append((parent, siblings, at, subtotal + total))
            continue
        child = children[index]
        frames.append((node, children, index + 1, total))
        if not isinstance(child, dict | list):
            frames[-1] = (node, children, index + 1, total + 1)
        elif id(child) in memo:
            frames[-1] = (node, children, index + 1, total + memo[id(child)])
        elif id(child) in active:  # a recursive alias: unbounded
            return limit + 1
        else:
            active.add(id(child))
            frames.append((child, _children(child), 0, 1))
    return limit + 1


def _read_all(text: str) -> Iterator[Any]:
    """`yaml.load_all` with the strict loader, each document without an anchor built by `build` (the
    same data, several times faster) and the rest by the loader's constructor."""
    loader = _Loader(text)
    shared = "&" in text  # anchors: the constructor keeps shared sub-objects shared
    try:
        while loader.check_node():
            node = loader.get_node()
            data = UNUSUAL if shared else build(node)
            yield loader.construct_document(node) if data is UNUSUAL else data
    finally:
        loader.dispose()


def load_documents(text: str, source: str = "<string>") -> list[Any]:
    """Every non-empty document of a YAML stream, as plain Python data.

    Raises InputError naming `source` for unreadable YAML, duplicate keys (naming both lines) and a
    document too large for the API server (refused before parsing, `hagen._yaml._bounds`),
    UnsafeYAMLError for tags that would build
    language objects and for alias expansion past MAX_EXPANDED_NODES.
    """
    check_document_sizes(text, source)
    try:
        documents = list(_read_all(text))
    except DuplicateKey as exc:
        raise InputError(
            f"{source}:{exc.second}: duplicate key {exc.key!r} (first at line {exc.first}); "
            "keys must be unique: the API server's strict field validation refuses a duplicate field"
        ) from None
    except yaml.constructor.ConstructorError as exc:
        if "tag" not in str(exc.problem):  # an unhashable (list or mapping) key: not a tag problem
            mark = exc.problem_mark
            where = f"{source}:{mark.line + 1}" if mark is not None else source
            raise InputError(f"{where}: not valid YAML: {exc.problem}; keys must be strings") from None
        raise UnsafeYAMLError(f"{source}: refused YAML tag: {exc.problem or exc}".rstrip()) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: not valid YAML: {problem}") from None
    if "&" not in text and len(text) <= _UNSHARED_MAX_CHARS:
        # No anchor, so no alias: nothing can expand, and the walk (a quarter of reading a manifest) is
        # skipped. An "&" inside a string only makes the check run.
        return [doc for doc in documents if doc is not None]
    budget = MAX_EXPANDED_NODES
    for doc in documents:
        budget -= _expanded_size(doc, budget)
        if budget < 0:
            raise UnsafeYAMLError(
                f"{source}: YAML expands to more than {MAX_EXPANDED_NODES:,} nodes through aliases; refused"
            )
    return [doc for doc in documents if doc is not None]


def load_file(path: Path) -> list[Any]:
    """The documents of one YAML file (see load_documents); InputError if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    return load_documents(text, str(path))


def load_objects(text: str, source: str = "<string>") -> list[dict[str, Any]]:
    """Kubernetes objects in a YAML stream: `List` kinds are unpacked, non-mappings are an InputError."""
    objects: list[dict[str, Any]] = []
    for index, doc in enumerate(load_documents(text, source)):
        if not isinstance(doc, dict):
            raise InputError(f"{source}: document {index + 1} is a {type(doc).__name__}, not a mapping")
        if doc.get("kind") == "List" or (str(doc.get("kind", "")).endswith("List") and "items" in doc):
            for item in doc.get("items") or []:
                if isinstance(item, dict):
                    objects.append(item)
            continue
        objects.append(doc)
    return objects

"""A YAML emitter for plain data (what Kubernetes objects are: dict, list, str, int, float, bool, None).

Values Kubernetes has no YAML type for are written the way its API reads them: a tuple as a list, a
date as its ISO 8601 text and a datetime with a time zone as RFC 3339 text (metav1.Time), both quoted.
What no reader can take back is refused with an InputError naming the field: a datetime without a time
zone, an integer beyond 64 bits, a float that is NaN or infinite (JSON has neither), a string holding a
lone surrogate (invalid UTF-8; libyaml and go-yaml stop at it).

Why by hand: PyYAML's representer walks every node in Python before libyaml's C emitter sees it, and it
dominates synthesis time at scale (1,000 tiers: ~1.5 s of representer against ~0.2 s for this emitter,
docs/benchmarks.md). Plain data needs none of its generality (tags, anchors, flow styles), so this writes
kubectl's block style directly, with the same quoting rules as the rest of hagen (`needs_quotes`). It is
checked against PyYAML and ruamel.yaml readers by property tests and against libyaml's own output on the
example output.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from .._errors import InputError
from ._scalar import INT64, _Refused, block_ok, block_text, scalar, string_text

__all__ = ["emit", "emit_document", "emit_documents", "iter_documents", "scalar"]

# Readers only find an implicit key's ``:`` within 1,024 characters (YAML 1.1 and 1.2, all three parsers);
# longer keys are written as explicit ``? key`` entries, which have no limit. The margin covers ``: ``.
_LONGEST_IMPLICIT_KEY = 1000
_SEQUENCES = (list, tuple)  # a tuple of types: `list | tuple` would build a union object per call
_COLLECTIONS = (dict, list, tuple)


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Write the block node `value` whose first line continues the current one."""
    if isinstance(value, dict):
        if not value:
            out.append(" {}\n")
            return
        out.append("\n")
        _mapping(value, indent, out)
    elif isinstance(value, _SEQUENCES):
        if not value:
            out.append(" []\n")
            return
        out.append("\n")
        _sequence(value, indent, out)
    elif isinstance(value, str) and block_ok(value):
        out.append(" " + block_text(value, indent))
    else:
        out.append(" " + scalar(value) + "\n")


@functools.lru_cache(maxsize=65536, typed=True)
def _implicit_key(key: Any) -> str | None:
    """``key:`` as written in a block mapping, or None when the key is too long to be implicit."""
    text = scalar(key)
    return None if len(text) > _LONGEST_IMPLICIT_KEY else text + ":"


# The hot path dispatches on the exact type (`type(x) is str`: one comparison; isinstance walks the MRO)
# and looks recurring strings and keys up in plain dicts, inline: a function call per entry cost more
# than the lookup. Subclasses and rare types take `_emit`. Caches are bounded by clearing: they only
# save work, so what they hold never changes the output. 8,192 entries keep what recurs (keys, images,
# a tier's names across its objects); 65,536 held 10 MiB more at 10,000 tiers and ran no faster.
_CACHE_SIZE = 8192
_LINES: dict[str, str] = {}  # a string value -> `` text\n`` after ``key:`` or ``-`` (never a block)
# indent -> string key -> the key's whole line start, ``<indent>key:`` (None: too long to be implicit)
_KEYS: dict[str, dict[str, str | None]] = {}


def _string_line(value: str, indent: str) -> str:
    """`` text\n`` for a string value; a literal block's lines sit at `indent`."""
    line = _LINES.get(value)
    if line is not None:
        return line
    if block_ok(value):
        return " " + block_text(value, indent)
    line = " " + string_text(value) + "\n"
    if len(_LINES) >= _CACHE_SIZE:
        _LINES.clear()
    _LINES[value] = line
    return line


def _keys_at(indent: str) -> dict[str, str | None]:
    keys = _KEYS.get(indent)
    if keys is None:
        if len(_KEYS) >= 64:  # as deep as the data nests; only pathological data gets here
            _KEYS.clear()
        keys = _KEYS[indent] = {}
    return keys


def _key_line(key: Any, indent: str) -> str | None:
    """``<indent>key:`` (None: the key is too long to be implicit), remembered for a string key."""
    text = _implicit_key(key)
    if text is not None:
        text = indent + text
    if type(key) is str:
        keys = _keys_at(indent)
        if len(keys) >= _CACHE_SIZE:
            keys.clear()
        keys[key] = text
    return text


def _mapping(value: dict[Any, Any], indent: str, out: list[str]) -> None:
    """A non-empty block mapping, each entry at `indent`; the first piece written starts with `indent`
    (a sequence replaces it with its ``- `` there)."""
    append = out.append
    inner = indent + "  "
    keys = _KEYS.get(indent) or _keys_at(indent)
    lines = _LINES
    for key, item in value.items():
        text = keys.get(key) if type(key) is str else None
        if text is None:
            text = _key_line(key, indent)
            if text is None:
                append(f"{indent}? {scalar(key)}\n{indent}:")
                _emit(item, inner, out)
                continue
        kind = type(item)
        if kind is str:
            append(text)
            line = lines.get(item)
            append(line if line is not None else _string_line(item, inner))
        elif kind is dict:
            if item:
                append(text + "\n")
                _mapping(item, inner, out)
            else:
                append(text + " {}\n")
        elif kind is list or kind is tuple:
            # kubectl style: a sequence under a key starts at the key's own indent.
            if item:
                append(text + "\n")
                _sequence(item, indent, out)
            else:
                append(text + " []\n")
        elif kind is int and INT64[0] <= item <= INT64[1]:
            append(f"{text} {item}\n")
        elif kind is bool:
            append(text + (" true\n" if item else " false\n"))
        else:
            append(text)
            _emit(item, indent if isinstance(item, _SEQUENCES) else inner, out)


def _sequence(value: list[Any] | tuple[Any, ...], indent: str, out: list[str]) -> None:
    """A non-empty block sequence, each ``-`` at `indent`; the first piece written starts with `indent`."""
    append = out.append
    inner = indent + "  "
    dash = indent + "-"
    lines = _LINES
    for item in value:
        kind = type(item)
        if kind is str:
            line = lines.get(item)
            append(dash + (line if line is not None else _string_line(item, inner)))
        elif isinstance(item, _COLLECTIONS) and item:
            # A collection's first line goes beside the ``- ``: its first piece starts with `inner`.
            start = len(out)
            if isinstance(item, dict):
                _mapping(item, inner, out)
            else:
                _sequence(item, inner, out)
            out[start] = dash + " " + out[start][len(inner) :]
        else:
            append(dash)
            _emit(item, inner, out)


def _where(data: Any, path: str = "") -> str | None:
    """The path of the first value `scalar` refuses (only walked once a document has been refused)."""
    if isinstance(data, dict):
        for key, item in data.items():
            found = _where(key, path) or _where(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
        return None
    if isinstance(data, _SEQUENCES):
        for i, item in enumerate(data):
            found = _where(item, f"{path}[{i}]")
            if found is not None:
                return found
        return None
    try:
        scalar(data)
    except _Refused:
        return path or "(the document)"
    return None


def _document(data: Any, out: list[str]) -> None:
    """Append one document's body to `out`; InputError naming the field of a value no reader reads back."""
    start = len(out)
    try:
        if isinstance(data, dict) and data:
            _mapping(data, "", out)
        elif isinstance(data, _SEQUENCES) and data:
            _sequence(data, "", out)
        else:
            # A top-level block string needs its lines indented, like any other block node.
            _emit(data, "  ", out)
            out[start] = out[start].lstrip(" ")
    except _Refused as exc:
        raise InputError(f"cannot write {_where(data)} as YAML: {exc}") from None


def emit(data: Any) -> str:
    """One document's body (no ``---``).

    Raises InputError naming the field and the value for values no reader reads back (see the module).
    """
    out: list[str] = []
    _document(data, out)
    return "".join(out)


def emit_document(data: Any) -> str:
    """``---`` and one document's body: one piece of `iter_documents`' stream. Errors as `emit`."""
    out = ["---\n"]
    _document(data, out)
    return "".join(out)


def _header(header: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())


def iter_documents(documents: Iterable[Any], header: str | None = None) -> Iterator[str]:
    """The text of `emit_documents`, one piece per document, for writing a long stream as it is made."""
    if header:
        yield _header(header)
    for doc in documents:
        yield emit_document(doc)


def emit_documents(documents: Iterable[Any], header: str | None = None) -> str:
    """A stream: optional ``#`` header lines, then each document after ``---``."""
    out = [_header(header)] if header else []
    for doc in documents:
        out.append("---\n")
        _document(doc, out)
    return "".join(out)

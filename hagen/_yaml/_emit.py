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

import datetime
import functools
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .._errors import InputError
from ._quoting import needs_quotes

# Conservative plain scalars: starts with a character that is no YAML indicator, continues with characters
# that never start a comment or a mapping value inside a plain scalar. Everything else is quoted.
_WORD = r"[A-Za-z0-9_./@%+=,:~()$^<>*!&?;{}\[\]-]"
_AFTER_SPACE = r"[A-Za-z0-9_./@%+=,~()$^<>*!&?;{}\[\]-]"
_PLAIN = re.compile("^[A-Za-z0-9_./$-]" + _WORD + "*(?: " + _AFTER_SPACE + _WORD + "*)*\\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Readers only find an implicit key's ``:`` within 1,024 characters (YAML 1.1 and 1.2, all three parsers);
# longer keys are written as explicit ``? key`` entries, which have no limit. The margin covers ``: ``.
_LONGEST_IMPLICIT_KEY = 1000
_SEQUENCES = (list, tuple)  # a tuple of types: `list | tuple` would build a union object per call
_INT64 = (-(2**63), 2**63 - 1)
_SPECIAL = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _plain_ok(value: str) -> bool:
    return (
        _PLAIN.match(value) is not None
        and ": " not in value
        and not value.endswith(":")
        and not needs_quotes(value)
        and not (value[0] in "-?:" and (len(value) == 1 or value[1] == " "))
        and not value.startswith(("---", "..."))  # document markers at the start of a line
    )


def _double_quoted(value: str) -> str:
    out = []
    for char in value:
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char.isprintable() and char not in "\u2028\u2029\ufeff":
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _block_ok(value: str) -> bool:
    if "\n" not in value or value.startswith((" ", "\t")) or value.startswith("\n"):
        return False
    if any(not c.isprintable() for c in value if c != "\n") or "\r" in value:
        return False
    # Trailing spaces on a line would be kept but are invisible in review; such text stays quoted.
    return all(line == line.rstrip(" \t") for line in value.split("\n"))


def _block(value: str, indent: str) -> str:
    """A literal block scalar whose lines sit at `indent`; the chomping indicator keeps trailing newlines."""
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n") + ([""] * (trailing - 1) if trailing > 1 else [])
    return f"|{chomp}\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in lines)


@functools.lru_cache(maxsize=65536)
def _string(value: str) -> str:
    # Manifests repeat the same keys and values thousands of times; deciding their style once is the
    # emitter's largest saving.
    if value == "":
        return "''"
    if not value.isascii() and _SURROGATE.search(value):
        lone = _SURROGATE.findall(value)[0].encode("unicode_escape").decode()
        raise _Refused(
            f"{value!r} holds a lone surrogate ({lone}), not valid UTF-8: libyaml and go-yaml stop at it"
        )
    if _plain_ok(value):
        return value
    if value.isprintable() and "\n" not in value and not value.startswith(" ") and not value.endswith(" "):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def scalar(value: Any) -> str:
    """One scalar as it appears after ``key: `` or ``- `` (without a block string's lines)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise _Refused(f"{value} is beyond 64 bits; Kubernetes numbers are int64")
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            # go-yaml reads .nan and .inf, but kubectl, the API server and Helm then convert to JSON,
            # which has neither: "json: unsupported value: NaN".
            raise _Refused(
                f"{value!r} is not a finite number; Kubernetes objects are JSON, which has no NaN or Infinity"
            )
        text = repr(value).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return text
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            raise _Refused(
                f"{value!r} has no time zone; Kubernetes times are RFC 3339 with an offset (set tzinfo)"
            )
        return _string(value.isoformat().replace("+00:00", "Z"))
    if isinstance(value, datetime.date):
        return _string(value.isoformat())
    raise _Refused(
        f"{type(value).__name__} {value!r} has no YAML form Kubernetes reads; "
        "use plain data (dict, list, tuple, str, int, float, bool, None, date, datetime)"
    )


class _Refused(ValueError):
    """A value no YAML reader would read back as written; `emit` adds where it is."""


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
    elif isinstance(value, str) and _block_ok(value):
        out.append(" " + _block(value, indent))
    else:
        out.append(" " + scalar(value) + "\n")


@functools.lru_cache(maxsize=65536, typed=True)
def _implicit_key(key: Any) -> str | None:
    """``key:`` as written in a block mapping, or None when the key is too long to be implicit."""
    text = scalar(key)
    return None if len(text) > _LONGEST_IMPLICIT_KEY else text + ":"


# The hot path dispatches on the exact type (`type(x) is str`: one comparison; isinstance walks the MRO)
# and looks recurring strings and keys up in plain dicts; subclasses and rare types take `_emit`. Caches
# are bounded by clearing: they only save work, so what they hold never changes the output.
_CACHE_SIZE = 65536
_LINES: dict[str, str] = {}  # a string value -> `` text\n`` after ``key:`` or ``-`` (never a block)
_KEYS: dict[str, str | None] = {}  # a string key -> ``key:`` (None: too long to be implicit)
_MISSING = object()


def _string_line(value: str, indent: str) -> str:
    """`` text\n`` for a string value; a literal block's lines sit at `indent`."""
    line = _LINES.get(value)
    if line is not None:
        return line
    if _block_ok(value):
        return " " + _block(value, indent)
    line = " " + _string(value) + "\n"
    if len(_LINES) >= _CACHE_SIZE:
        _LINES.clear()
    _LINES[value] = line
    return line


def _key(key: Any) -> str | None:
    if type(key) is not str:
        return _implicit_key(key)
    text = _KEYS.get(key, _MISSING)
    if text is _MISSING:
        text = _implicit_key(key)
        if len(_KEYS) >= _CACHE_SIZE:
            _KEYS.clear()
        _KEYS[key] = text
    return text  # type: ignore[return-value]


def _mapping(value: dict[Any, Any], indent: str, out: list[str], first_prefix: str | None = None) -> None:
    append = out.append
    inner = indent + "  "
    prefix = indent if first_prefix is None else first_prefix
    for key, item in value.items():
        append(prefix)
        prefix = indent
        key_text = _key(key)
        if key_text is None:
            append(f"? {scalar(key)}\n{indent}:")
            _emit(item, inner, out)
            continue
        append(key_text)
        kind = type(item)
        if kind is str:
            append(_string_line(item, inner))
        elif kind is dict:
            if item:
                append("\n")
                _mapping(item, inner, out)
            else:
                append(" {}\n")
        elif kind is list or kind is tuple:
            # kubectl style: a sequence under a key starts at the key's own indent.
            if item:
                append("\n")
                _sequence(item, indent, out)
            else:
                append(" []\n")
        else:
            _emit(item, indent if isinstance(item, _SEQUENCES) else inner, out)


def _sequence(
    value: list[Any] | tuple[Any, ...], indent: str, out: list[str], first_prefix: str | None = None
) -> None:
    append = out.append
    inner = indent + "  "
    prefix = indent if first_prefix is None else first_prefix
    for item in value:
        kind = type(item)
        if kind is dict and item:
            _mapping(item, inner, out, first_prefix=prefix + "- ")
        elif (kind is list or kind is tuple) and item:
            _sequence(item, inner, out, first_prefix=prefix + "- ")
        elif kind is str:
            append(prefix + "-")
            append(_string_line(item, inner))
        elif isinstance(item, dict) and item:
            _mapping(item, inner, out, first_prefix=prefix + "- ")
        elif isinstance(item, _SEQUENCES) and item:
            _sequence(item, inner, out, first_prefix=prefix + "- ")
        else:
            append(prefix + "-")
            _emit(item, inner, out)
        prefix = indent


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


def emit(data: Any) -> str:
    """One document's body (no ``---``).

    Raises InputError naming the field and the value for values no reader reads back (see the module).
    """
    out: list[str] = []
    try:
        if isinstance(data, dict) and data:
            _mapping(data, "", out)
        elif isinstance(data, _SEQUENCES) and data:
            _sequence(data, "", out)
        else:
            # A top-level block string needs its lines indented, like any other block node.
            _emit(data, "  ", out)
            return "".join(out).lstrip(" ")
    except _Refused as exc:
        raise InputError(f"cannot write {_where(data)} as YAML: {exc}") from None
    return "".join(out)


def iter_documents(documents: Iterable[Any], header: str | None = None) -> Iterator[str]:
    """The text of `emit_documents`, one piece per document, for writing a long stream as it is made."""
    if header:
        yield "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    for doc in documents:
        yield "---\n" + emit(doc)


def emit_documents(documents: Iterable[Any], header: str | None = None) -> str:
    """A stream: optional ``#`` header lines, then each document after ``---``."""
    return "".join(iter_documents(documents, header))

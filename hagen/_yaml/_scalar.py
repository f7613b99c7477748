"""Scalar text for the emitter (_emit.py): each string's style (plain, single- or double-quoted, literal
block) decided once, numbers, booleans, null, dates and times; values no reader can take back refused.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from typing import Any

from ._quoting import needs_quotes

# Conservative plain scalars: starts with a character that is no YAML indicator, continues with characters
# that never start a comment or a mapping value inside a plain scalar. Everything else is quoted.
_WORD = r"[A-Za-z0-9_./@%+=,:~()$^<>*!&?;{}\[\]-]"
_AFTER_SPACE = r"[A-Za-z0-9_./@%+=,~()$^<>*!&?;{}\[\]-]"
_PLAIN = re.compile("^[A-Za-z0-9_./$-]" + _WORD + "*(?: " + _AFTER_SPACE + _WORD + "*)*\\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
INT64 = (-(2**63), 2**63 - 1)
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


def block_ok(value: str) -> bool:
    if "\n" not in value or value.startswith((" ", "\t")) or value.startswith("\n"):
        return False
    if any(not c.isprintable() for c in value if c != "\n") or "\r" in value:
        return False
    # Trailing spaces on a line would be kept but are invisible in review; such text stays quoted.
    return all(line == line.rstrip(" \t") for line in value.split("\n"))


def block_text(value: str, indent: str) -> str:
    """A literal block scalar whose lines sit at `indent`; the chomping indicator keeps trailing newlines."""
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n") + ([""] * (trailing - 1) if trailing > 1 else [])
    return f"|{chomp}\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in lines)


@functools.lru_cache(maxsize=65536)
def string_text(value: str) -> str:
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
        if not INT64[0] <= value <= INT64[1]:
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
        return string_text(value)
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            raise _Refused(
                f"{value!r} has no time zone; Kubernetes times are RFC 3339 with an offset (set tzinfo)"
            )
        return string_text(value.isoformat().replace("+00:00", "Z"))
    if isinstance(value, datetime.date):
        return string_text(value.isoformat())
    raise _Refused(
        f"{type(value).__name__} {value!r} has no YAML form Kubernetes reads; "
        "use plain data (dict, list, tuple, str, int, float, bool, None, date, datetime)"
    )


class _Refused(ValueError):
    """A value no YAML reader would read back as written; `emit` adds where it is."""

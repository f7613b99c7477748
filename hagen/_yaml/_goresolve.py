"""Plain YAML scalars typed as the Kubernetes API server types them: go-yaml v2's resolver.

kubectl, the API server and Helm read YAML through sigs.k8s.io/yaml (before it github.com/ghodss/yaml),
which calls gopkg.in/yaml.v2. Its resolver (resolve.go) differs from PyYAML's YAML 1.1 one: ``y``/``n``
are booleans, ``1e3`` is a float, underscores are dropped anywhere before parsing a number (``-_1`` is -1,
``1e_3`` is 1000), Go's own literal prefixes count (``0X1F``, ``0O17``, ``0B11``), numbers past 64 bits
or a float's range stay strings, and timestamps are strings (go-yaml v2 keeps them as text when decoding
into an untyped value). `go_plain` is that resolver, free of PyYAML so that the emitter's quoting rule
can use it; _goload.GoLoader applies it to every plain scalar read.
"""

from __future__ import annotations

import math
import re
from typing import Any

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"

_MAP: dict[str, tuple[str, Any]] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), (BOOL, True)),
    **dict.fromkeys(
        ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), (BOOL, False)
    ),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), (NULL, None)),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), (FLOAT, math.nan)),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), (FLOAT, math.inf)),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), (FLOAT, -math.inf)),
    "<<": (MERGE, "<<"),
}
# The first character decides which rules apply (resolve.go's resolveTable); others are always strings.
_MAP_ONLY = frozenset("yYnNtTfFoO~")
_NUMERIC = frozenset("+-0123456789")
# strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) syntax once underscores are gone: a leading 0 is octal.
_GO_INT = re.compile(r"([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_GO_BASES = {"x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2}
_YAML_STYLE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DOT_FLOAT = r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z"
_INT64 = (-(2**63), 2**63 - 1)
_UINT64_MAX = 2**64 - 1


def _go_int(plain: str) -> int | None:
    match = _GO_INT.match(plain)
    if match is None:
        return None
    sign, digits = match.groups()
    if len(digits) > 1 and digits[0] == "0":
        base = _GO_BASES.get(digits[1], 8)
        value = int(digits[1:] if base == 8 and digits[1] in "01234567" else digits[2:], base)
    else:
        value = int(digits)
    if sign == "-":
        value = -value
    if _INT64[0] <= value <= _INT64[1] or (not sign and value <= _UINT64_MAX):
        return value
    return None


def _go_float(text: str) -> float | None:
    value = float(text)
    return None if math.isinf(value) else value  # strconv.ParseFloat: out of range is an error


def go_plain(text: str) -> tuple[str, Any]:
    """(tag, value) of a plain scalar under go-yaml v2: ``go_plain("y") == (BOOL, True)``.

    Strings come back as (STR, text), including timestamps, ``=`` and numbers no Go type holds.
    """
    if text in _MAP:
        return _MAP[text]
    first = text[0]
    if first == "." and re.match(_DOT_FLOAT, text):
        value = _go_float(text)
        if value is not None:
            return FLOAT, value
    elif first in _NUMERIC:
        plain = text.replace("_", "")
        number = _go_int(plain)
        if number is not None:
            return INT, number
        if _YAML_STYLE_FLOAT.match(plain):
            value = _go_float(plain)
            if value is not None:
                return FLOAT, value
    return STR, text


def go_type_name(value: Any) -> str:
    """How the API server's JSON names a value go-yaml v2 produced: boolean, integer, number, null, string."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "number"}.get(type(value), "string")

"""Turning pydantic's validation errors into hagen's one-line messages with a field path."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

_VERBS = ("separate", "colocate", "avoid", "spread")
_INTERNAL = ("function-", "str", "int")


def field_path(loc: tuple[int | str, ...]) -> str:
    """("tiers", 0, "image") -> "tiers[0].image"; union and discriminator tags in the path are dropped."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _VERBS or str(part).startswith(_INTERNAL):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _text(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _allowed(error: Any) -> str | None:
    ctx = error.get("ctx") or {}
    if "expected" in ctx:
        return str(ctx["expected"])
    for key, word in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        if key in ctx:
            return f"{word} {ctx[key]}"
    return None


def first_error(exc: ValidationError, prefix: str = "") -> tuple[str, str, Any, str | None, int]:
    """(field path, reason, offending value, what is allowed, how many errors) of a ValidationError."""
    errors = exc.errors(include_url=False)
    error = errors[0]
    path = field_path(tuple(error["loc"]))
    if prefix:
        path = f"{prefix}.{path}" if path else prefix
    reason = _text(error["msg"])
    if error["type"] == "extra_forbidden":
        reason = "unknown field"
    value = error.get("input")
    if isinstance(value, dict) and error["type"] not in ("extra_forbidden",):
        value = None  # a whole sub-model is no help in a one-line message
    return path, reason, value, _allowed(error), len(errors)

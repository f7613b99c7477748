"""Turning pydantic's validation errors into hagen's one-line messages with a field path."""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .._errors import BlueprintError, InputError

_CO_NEWLOCALS = 0x0002  # inspect.CO_NEWLOCALS: set for a function's frame, not a class body's

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


def _chosen(errors: list[Any]) -> Any:
    """The error to report: a misspelt field also leaves the field it meant missing, and the misspelling
    (with its "did you mean") is the one message that explains both."""
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def first_error(exc: ValidationError, prefix: str = "") -> tuple[str, str, Any, str | None, int]:
    """(field path, reason, offending value, what is allowed, how many errors) of a ValidationError."""
    errors = exc.errors(include_url=False)
    error = _chosen(errors)
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


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (directly, or inside a tuple, list, dict, union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel] | None, loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the model that `loc` (a pydantic error location) points into."""
    for part in loc:
        if model is None:
            return []
        field = model.model_fields.get(str(part))
        if field is not None:
            model = _model_of(field.annotation)
    return [] if model is None else list(model.model_fields)


def blueprint_error(
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    *,
    file: str | None = None,
    blueprint: str | None = None,
    titled: bool = True,
    name: object = None,
) -> BlueprintError:
    """A BlueprintError for pydantic's ValidationError raised while building `model`: the field path
    (prefixed with the model's name when `titled`, and the instance's `name` when it has one:
    ``Tier[api].replicas``), the reason, the value, what is allowed, and for an unknown field the closest
    known one ("did you mean 'replicas'?") at whatever level it is misspelt."""
    errors = exc.errors(include_url=False)
    prefix = exc.title if titled else ""
    if prefix and isinstance(name, str) and name and tuple(_chosen(errors)["loc"])[:1] != ("name",):
        prefix = f"{prefix}[{name}]"  # which of a blueprint's tiers (ports, volumes) it is
    path, reason, value, allowed, count = first_error(exc, prefix=prefix)
    error = _chosen(errors)
    if error["type"] == "extra_forbidden":
        loc = tuple(error["loc"])
        known = [f for f in _fields_at(model, loc[:-1]) if not f.startswith("_")]
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        reason = "unknown field" + (f"; did you mean {hint[0]!r}?" if hint else "")
        allowed = ", ".join(known) if known else allowed
    if count > 1:
        reason += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    return BlueprintError(reason, file=file, blueprint=blueprint, field=path, value=value, allowed=allowed)


def origin(exc: BaseException, file: str | Path) -> tuple[str, str | None]:
    """("file:line", class name) of the innermost frame of `exc` in the blueprint file.

    While a class body runs its frame is named after the class, which names the blueprint in messages.
    """
    path = Path(file).resolve()
    where: str | None = None
    tb = exc.__traceback__
    owner: str | None = None
    while tb is not None:  # outermost first: the last frame in the file gives the line
        code = tb.tb_frame.f_code
        if Path(code.co_filename).resolve() == path:
            where = f"{file}:{tb.tb_lineno}"
            # a class body's frame names the blueprint; a helper function's (def tier(...)) does not
            if not code.co_flags & _CO_NEWLOCALS and code.co_name != "<module>":
                owner = code.co_name if code.co_name.isidentifier() else None
        tb = tb.tb_next
    return (where, owner) if where is not None else (str(file), None)


def user_code_error(exc: BaseException, where: str, doing: str) -> InputError:
    """A blueprint's own exception or exit, `doing` something, as one input error line naming `where`.

    A blueprint is input: what its code raises (even SystemExit or KeyboardInterrupt) is the user's to fix,
    not a hagen crash.
    """
    if isinstance(exc, SystemExit):
        what = f"sys.exit({exc.code!r}) called"
    elif isinstance(exc, KeyboardInterrupt):
        what = "KeyboardInterrupt raised"
    else:
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return InputError(f"{where}: {what} ({doing})")

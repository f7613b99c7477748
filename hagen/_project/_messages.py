"""Validation errors of configuration files -> one line naming the file, the line, the key path and the
keys that are allowed there."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from .._errors import InputError

LineOf = Callable[[Sequence[str | int]], int | None]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold directly or as the values of a mapping."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return [m for a in args for m in _models_in(a)]
    return []


def allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str] | None:
    """The keys the mapping at `loc` (a path of keys below `model`) accepts, or None when it is free-form."""
    current: type[BaseModel] | None = model
    expect_mapping_key = False
    for part in loc:
        if current is None:
            return None
        if expect_mapping_key:  # a key of dict[str, Model]: the model continues
            expect_mapping_key = False
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        annotation = field.annotation
        models = _models_in(annotation)
        origin = typing.get_origin(annotation)
        if not models and origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = inner[0] if len(inner) == 1 else annotation
            origin = typing.get_origin(annotation)
        if origin is dict:
            value_models = _models_in(typing.get_args(annotation)[1])
            current = value_models[0] if value_models else None
            expect_mapping_key = True
        else:
            current = models[0] if models else None
    if current is None or expect_mapping_key:
        return None
    return sorted(n for n, f in current.model_fields.items() if not f.exclude)  # root/source are internal


def config_error(exc: ValidationError, model: type[BaseModel], source: str, line_of: LineOf) -> InputError:
    """One InputError for the first problem of `exc`: ``file:line: path: reason (got value); allowed``."""
    errors = exc.errors(include_url=False)
    error = errors[0]
    loc = [p for p in error["loc"] if not str(p).startswith("function-")]
    path = ".".join(str(p) for p in loc)
    line = line_of(loc)
    where = f"{source}:{line}" if line else source
    reason = str(error["msg"]).removeprefix("Value error, ")
    allowed: list[str] | None = None
    if error["type"] == "extra_forbidden":
        reason = f"unknown key {str(loc[-1])!r}"
        allowed = allowed_keys(model, loc[:-1])
    message = f"{where}: {path}: {reason}" if path else f"{where}: {reason}"
    value = error.get("input")
    if error["type"] != "extra_forbidden" and not isinstance(value, dict | list):
        message += f" (got {value!r})"
    if allowed is not None:
        message += f"; allowed keys: {', '.join(allowed)}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return InputError(message)

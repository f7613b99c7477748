"""The base of hagen's user-facing models: validation problems are BlueprintErrors, not pydantic's; each
model's own checks run once per construction."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError, ValidatorFunctionWrapHandler, model_validator

M = TypeVar("M", bound=BaseModel)


def model_check(check: Callable[[M], M]) -> Any:
    """A model's own check of its fields together, run once per construction: the decorator to use where
    pydantic's ``model_validator(mode="after")`` would go (the method returns self or raises ValueError,
    which pydantic reports at the model's path).

    pydantic runs an "after" validator again each time an existing instance is given to another model's
    field, although the instance itself is kept as it is (revalidate_instances="never"): a Tier checked at
    ``Tier(...)`` was checked again by its blueprint's tuple of tiers. Here an instance of the class
    passes through unchanged and unchecked, as pydantic passes it; anything else is validated, then
    checked. Several checks of one class run in the order they are declared, as "after" validators do.
    """

    def validate(cls: type[M], value: Any, handler: ValidatorFunctionWrapHandler) -> M:
        if isinstance(value, cls):
            return value
        return check(handler(value))

    validate.__name__ = getattr(check, "__name__", validate.__name__)
    validate.__qualname__ = getattr(check, "__qualname__", validate.__qualname__)
    return model_validator(mode="wrap")(validate)


class HagenModel(BaseModel):
    """A pydantic model whose constructor raises BlueprintError (field path, value, what is allowed, and
    "did you mean" for a misspelt field at any depth) instead of pydantic's ValidationError."""

    titled_errors: ClassVar[bool] = True
    """Whether error field paths start with the model's name (Tier.replicas); a blueprint's own fields
    are named bare (tiers[0].image)."""
    named_errors: ClassVar[bool] = True
    """Whether a titled path also gives the instance's `name` (Tier[web].replicas); off where `name`
    names another object (a patch's target)."""

    def __init__(self, /, *args: Any, **data: Any) -> None:
        if args:  # pydantic's own words name its base class and no field
            raise _positional(type(self), args)
        try:
            super().__init__(**data)
        except ValidationError as exc:
            if sys._getframe(1).f_globals.get("__name__", "").startswith("pydantic"):
                raise  # validating inside an enclosing model: it reports the error with the whole path
            from ._blueprint._messages import blueprint_error

            name = data.get("name") if self.named_errors else None
            raise blueprint_error(exc, type(self), titled=self.titled_errors, name=name) from None

    # This constructor only translates the error of a direct call. Marked as pydantic's own, it is not
    # called when pydantic validates a dict into the model (a nested field, model_validate), which
    # otherwise validates the data twice: once in pydantic, once more in the constructor it calls.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


def _positional(model: type[BaseModel], args: tuple[Any, ...]) -> Exception:
    from ._errors import BlueprintError

    name = model.__name__
    fields = ", ".join(model.model_fields)
    first = next(iter(model.model_fields), "field")
    return BlueprintError(
        f"{name}() takes its fields by name, as {name}({first}=...); got {len(args)} positional "
        f"argument{'s' if len(args) != 1 else ''}",
        field=name,
        value=args[0] if len(args) == 1 else args,
        allowed=f"keyword arguments: {fields}",
    )

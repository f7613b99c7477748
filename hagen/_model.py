"""The base of hagen's user-facing models: validation problems are BlueprintErrors, not pydantic's."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError


class HagenModel(BaseModel):
    """A pydantic model whose constructor raises BlueprintError (field path, value, what is allowed, and
    "did you mean" for a misspelt field at any depth) instead of pydantic's ValidationError."""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            from ._blueprint._messages import blueprint_error

            raise blueprint_error(exc, type(self)) from None

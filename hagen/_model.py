"""The base of hagen's user-facing models: validation problems are BlueprintErrors, not pydantic's."""

from __future__ import annotations

import sys
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError


class HagenModel(BaseModel):
    """A pydantic model whose constructor raises BlueprintError (field path, value, what is allowed, and
    "did you mean" for a misspelt field at any depth) instead of pydantic's ValidationError."""

    titled_errors: ClassVar[bool] = True
    """Whether error field paths start with the model's name (Tier.replicas); a blueprint's own fields
    are named bare (tiers[0].image)."""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            if sys._getframe(1).f_globals.get("__name__", "").startswith("pydantic"):
                raise  # validating inside an enclosing model: it reports the error with the whole path
            from ._blueprint._messages import blueprint_error

            raise blueprint_error(exc, type(self), titled=self.titled_errors) from None

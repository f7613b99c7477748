"""The base of the configuration models and the field types they share."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, ConfigDict

from .._model import HagenModel
from .._names import dns1123_subdomain


class Model(HagenModel):
    """Frozen and strict about unknown fields, like every blueprint model."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


def _key(value: str) -> str:
    from .._validate._api._names import config_key  # the API server's rule; loaded when a key is checked

    problems = config_key(value)
    if problems:
        raise ValueError(
            f"key {value!r}: {'; '.join(problems)} (the API server's rule for ConfigMap and Secret keys)"
        )
    return value


ObjectName = Annotated[str, AfterValidator(dns1123_subdomain)]
DataKey = Annotated[str, AfterValidator(_key)]
"""A ConfigMap or Secret key (IsConfigMapKey: [-._a-zA-Z0-9]+, at most 253 characters, not . or ..)."""

"""Typed models of chart values: each field maps to one key path of the chart's values.yaml.

A model writes only the fields a user set (None means "leave the chart's default alone"), so the values
hagen writes hold nothing the user did not ask for. The same field -> key table gives the key tree the
model knows, which checks values when no copy of the chart is at hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import ConfigDict

from .. import _quantity as quantity
from .._model import HagenModel
from ._merge import Values


def check_quantity(value: str, what: str) -> str:
    """`value` if it is a Kubernetes quantity >= 0 (hagen._quantity's rule); ValueError naming `what`."""
    quantity.check_quantity(value, what)
    return value


def put(values: Values, path: str, value: Any) -> None:
    """Set `value` at the dotted `path` of `values`, creating the mappings on the way."""
    *parents, leaf = path.split(".")
    node = values
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value


def plain(value: Any) -> Any:
    """Model data as YAML-ready data: tuples become lists, nested mappings are copied."""
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    return value


class ValuesModel(HagenModel):
    """Base of the typed values models; subclasses list their chart keys in `KEYS`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    KEYS: ClassVar[Mapping[str, str]] = {}
    """Field name -> dotted key path in the chart's values, relative to where the model sits."""

    def convert(self, field: str, value: Any) -> Any:
        """The chart value of `field` (override for fields whose Python value is not the chart's)."""
        return plain(value)

    def chart_values(self) -> Values:
        """The chart values this model sets, in `KEYS` order; unset (None) fields are left out."""
        values: Values = {}
        for field, path in self.KEYS.items():
            value = getattr(self, field)
            if value is None:
                continue
            if isinstance(value, ValuesModel):
                nested = value.chart_values()
                if nested:
                    put(values, path, nested)
                continue
            put(values, path, self.convert(field, value))
        return values

    @classmethod
    def key_tree(cls) -> Values:
        """The chart keys this model can write, as a tree; a None leaf accepts anything below it."""
        tree: Values = {}
        for field, path in cls.KEYS.items():
            annotation = cls.model_fields[field].annotation
            nested = _values_model_in(annotation)
            put(tree, path, nested.key_tree() if nested else None)
        return tree


def _values_model_in(annotation: Any) -> type[ValuesModel] | None:
    """The ValuesModel class in a field annotation such as ``Admin | None``."""
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, ValuesModel):
            return candidate
    return None

"""Values written differently that the API server stores identically: not a change on the cluster.

A resource quantity is parsed and kept in canonical form (k8s.io/apimachinery/pkg/api/resource), so
``cpu: 12000m`` and ``cpu: "12"`` are the same object once applied; a diff reports the file as formatting
only, with this reason.
"""

from __future__ import annotations

from typing import Any

from ._model import Segment

QUANTITY_REASON = "the API server stores quantities in canonical form"

# Maps whose values are quantities (resources.requests/limits, ResourceQuota hard/used, LimitRange items,
# Node capacity/allocatable, RuntimeClass overhead.podFixed) and fields that are one (emptyDir.sizeLimit).
_QUANTITY_MAPS = frozenset(
    {
        "requests",
        "limits",
        "hard",
        "used",
        "capacity",
        "allocatable",
        "podFixed",
        "default",
        "defaultRequest",
        "max",
        "min",
        "maxLimitRequestRatio",
    }
)
_QUANTITY_FIELDS = frozenset({"sizeLimit", "storage"})


def _is_quantity_field(path: tuple[Segment, ...]) -> bool:
    if not path or not isinstance(path[-1], str):
        return False
    return path[-1] in _QUANTITY_FIELDS or (len(path) > 1 and path[-2] in _QUANTITY_MAPS)


def same_quantity(path: tuple[Segment, ...], old: Any, new: Any) -> bool:
    """True when both values sit at a quantity field and parse to the same amount (``12000m`` == ``12``)."""
    if not _is_quantity_field(path) or isinstance(old, bool) or isinstance(new, bool):
        return False
    if not isinstance(old, str | int | float) or not isinstance(new, str | int | float):
        return False
    from .._quantity import QuantityError, parse_quantity

    try:
        return parse_quantity(old) == parse_quantity(new)
    except QuantityError:
        return False

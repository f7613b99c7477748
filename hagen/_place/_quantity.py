"""Kubernetes resource quantities (``500m``, ``2``, ``8Gi``, ``1e9``) as integers hagen can add up."""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from .._quantity import QuantityError, check_quantity, parse_quantity

__all__ = ["QuantityError", "count", "cpu_millis", "format_cpu", "format_memory", "memory_bytes"]


def _amount(value: object) -> str | int | float:
    if not isinstance(value, str | int | float):
        raise QuantityError(f"not a quantity: {value!r}")
    return value


def _decimal(value: object) -> Fraction:
    """Requests, limits and allocatable amounts are never negative (the API server refuses them)."""
    return _checked(_amount(value))


# pods of one workload repeat the same few amounts: parse each once (Fractions are immutable)
@lru_cache(maxsize=4096, typed=True)
def _checked(value: str | int | float) -> Fraction:
    return check_quantity(value)


def cpu_millis(value: object) -> int:
    """CPU (``resources.requests.cpu``, ``status.allocatable.cpu``) in millicores, rounded up like the API."""
    return _millis(_amount(value))


def memory_bytes(value: object) -> int:
    """Memory (``resources.requests.memory``, ``allocatable.memory``) in bytes, rounded up."""
    return _bytes(_amount(value))


# every pod reads its requests: the integers too are worked out once per distinct amount
@lru_cache(maxsize=4096, typed=True)
def _millis(value: str | int | float) -> int:
    return math.ceil(_checked(value) * 1000)


@lru_cache(maxsize=4096, typed=True)
def _bytes(value: str | int | float) -> int:
    return math.ceil(_checked(value))


def count(value: object) -> int:
    """A plain count (``allocatable.pods``)."""
    return math.floor(_decimal(value))


def format_cpu(millis: int) -> str:
    """``1500`` -> ``1500m``, ``2000`` -> ``2``."""
    return str(millis // 1000) if millis % 1000 == 0 else f"{millis}m"


def format_memory(n: int) -> str:
    """Bytes in the largest binary unit that divides them (``8589934592`` -> ``8Gi``)."""
    for suffix in ("Ei", "Pi", "Ti", "Gi", "Mi", "Ki"):
        unit = int(parse_quantity("1" + suffix))
        if n and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n)

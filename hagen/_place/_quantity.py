"""Kubernetes resource quantities (``500m``, ``2``, ``8Gi``, ``1e9``) as integers hagen can add up."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SUFFIX: dict[str, Decimal] = {
    "": Decimal(1),
    "m": Decimal("0.001"),
    "k": Decimal(10) ** 3,
    "M": Decimal(10) ** 6,
    "G": Decimal(10) ** 9,
    "T": Decimal(10) ** 12,
    "P": Decimal(10) ** 15,
    "E": Decimal(10) ** 18,
    "Ki": Decimal(2) ** 10,
    "Mi": Decimal(2) ** 20,
    "Gi": Decimal(2) ** 30,
    "Ti": Decimal(2) ** 40,
    "Pi": Decimal(2) ** 50,
    "Ei": Decimal(2) ** 60,
}
_QUANTITY = re.compile(r"^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")


class QuantityError(ValueError):
    """A value that is not a Kubernetes resource quantity."""


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise QuantityError(f"not a quantity: {value!r}")
    if isinstance(value, int | float):
        return Decimal(str(value))
    match = _QUANTITY.match(str(value).strip())
    if not match:
        raise QuantityError(f"not a quantity: {value!r}")
    try:
        number = Decimal(match.group(1))
    except InvalidOperation:
        raise QuantityError(f"not a quantity: {value!r}") from None
    return number * _SUFFIX[match.group(2) or ""]


def cpu_millis(value: object) -> int:
    """CPU (``resources.requests.cpu``, ``status.allocatable.cpu``) in millicores, rounded up like the API."""
    return int((_decimal(value) * 1000).to_integral_value(rounding="ROUND_CEILING"))


def memory_bytes(value: object) -> int:
    """Memory (``resources.requests.memory``, ``allocatable.memory``) in bytes, rounded up."""
    return int(_decimal(value).to_integral_value(rounding="ROUND_CEILING"))


def count(value: object) -> int:
    """A plain count (``allocatable.pods``)."""
    return int(_decimal(value).to_integral_value(rounding="ROUND_FLOOR"))


def format_cpu(millis: int) -> str:
    """``1500`` -> ``1500m``, ``2000`` -> ``2``."""
    return str(millis // 1000) if millis % 1000 == 0 else f"{millis}m"


def format_memory(n: int) -> str:
    """Bytes in the largest binary unit that divides them (``8589934592`` -> ``8Gi``)."""
    for suffix in ("Ei", "Pi", "Ti", "Gi", "Mi", "Ki"):
        unit = int(_SUFFIX[suffix])
        if n and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n)

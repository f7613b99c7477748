"""Kubernetes resource quantities ("500m", "1.5Gi", "2e3") parsed exactly, as the API server does."""

from __future__ import annotations

import re
from fractions import Fraction

from ._errors import QuantityError

_SUFFIXES: dict[str, Fraction] = {
    "": Fraction(1),
    "n": Fraction(1, 10**9),
    "u": Fraction(1, 10**6),
    "m": Fraction(1, 1000),
    "k": Fraction(10**3),
    "M": Fraction(10**6),
    "G": Fraction(10**9),
    "T": Fraction(10**12),
    "P": Fraction(10**15),
    "E": Fraction(10**18),
    "Ki": Fraction(2**10),
    "Mi": Fraction(2**20),
    "Gi": Fraction(2**30),
    "Ti": Fraction(2**40),
    "Pi": Fraction(2**50),
    "Ei": Fraction(2**60),
}
# The grammar of k8s.io/apimachinery/pkg/api/resource: a signed decimal, then a suffix or an exponent.
_QUANTITY = re.compile(
    r"^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$"
)

ALLOWED = "a Kubernetes quantity such as 500m, 2, 1.5Gi, 128Mi or 1e3 (suffixes n u m k M G T P E, Ki to Ei)"


def parse_quantity(text: str | int | float) -> Fraction:
    """The exact value of a quantity: ``parse_quantity("1.5Gi") == 1610612736``."""
    if isinstance(text, bool):
        raise QuantityError(f"{text!r} is not a quantity; expected {ALLOWED}")
    if isinstance(text, int):
        return Fraction(text)
    if isinstance(text, float):
        return Fraction(str(text))
    match = _QUANTITY.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise QuantityError(f"{text!r} is not a quantity; expected {ALLOWED}")
    number, suffix = Fraction(match.group(1)), match.group(2) or ""
    if suffix not in _SUFFIXES:  # an exponent: 1e3, 5E-2 ("E" and "Ei" alone are exa and exbi)
        return number * Fraction(10) ** int(suffix[1:])
    return number * _SUFFIXES[suffix]


def normalize_quantity(value: str | int | float) -> str:
    """The quantity as the string to write in a manifest, after checking it parses (kept as written)."""
    parse_quantity(value)
    return value if isinstance(value, str) else str(value)

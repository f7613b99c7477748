"""Kubernetes resource quantities (``500m``, ``1.5Gi``, ``1e3``), one rule for every model, check and diff.

The grammar is apimachinery's resource.ParseQuantity: a signed decimal number (``1``, ``1.5``, ``.5``), then
either a binary suffix (Ki Mi Gi Ti Pi Ei), a decimal suffix (n u m k M G T P E) or a decimal exponent
(``e3``, ``E-2``). ``1000ms``, ``128MB``, ``1gi`` and surrounding spaces are refused, as the API server does.
Values are exact (Fraction), so ``12000m`` and ``12`` are the same quantity.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from ._errors import QuantityError as QuantityError  # re-exported: raised by this module's rule

_BINARY: dict[str, int] = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL: dict[str, int] = {
    "n": -9,
    "u": -6,
    "m": -3,
    "": 0,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
    "E": 18,
}
_QUANTITY = re.compile(
    r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?"
)
_NANO = Fraction(1, 10**9)

ALLOWED = "a Kubernetes quantity such as 500m, 2, 1.5Gi, 128Mi or 1e3 (suffixes n u m k M G T P E, Ki to Ei)"


def _split(text: str | int | float) -> tuple[Fraction, str]:
    """(exact value, suffix as written) of a quantity; QuantityError when it is not one."""
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise QuantityError(f"{text!r} is not a quantity; expected {ALLOWED}")
    if isinstance(text, int):
        return Fraction(text), ""
    if isinstance(text, float):
        if not math.isfinite(text):
            raise QuantityError(f"{text!r} is not a quantity; expected {ALLOWED}")
        return Fraction(repr(text)), ""
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise QuantityError(f"{text!r} is not a quantity; expected {ALLOWED}")
    number, suffix = Fraction(match.group(1)), match.group(2) or ""
    if suffix in _BINARY:
        return number * _BINARY[suffix], suffix
    if suffix in _DECIMAL:  # "E" alone is exa; an exponent has digits after the e
        return number * Fraction(10) ** _DECIMAL[suffix], suffix
    return number * Fraction(10) ** int(suffix[1:]), suffix


def parse_quantity(text: str | int | float) -> Fraction:
    """The exact value of a quantity: ``parse_quantity("1.5Gi") == 1610612736``, ``"500m"`` -> 1/2.

    Accepts a str in the API server's grammar, an int, or a finite float; raises QuantityError otherwise.
    """
    return _split(text)[0]


def check_quantity(value: str | int | float, what: str = "", *, negative: bool = False) -> Fraction:
    """The exact value of a request, limit or size; QuantityError naming `what` if it is not a quantity or,
    unless `negative`, is below zero (the API server: "must be greater than or equal to 0")."""
    subject = f"{what}: " if what else ""
    try:
        amount = parse_quantity(value)
    except QuantityError as exc:
        raise QuantityError(f"{subject}{exc}") from None
    if amount < 0 and not negative:
        raise QuantityError(f"{subject}{value!r} is negative; allowed: a quantity >= 0 ({ALLOWED})")
    return amount


def same_quantity(a: str | int | float, b: str | int | float) -> bool:
    """True if `a` and `b` spell one amount (``"12000m"`` and ``12``, ``"1Gi"`` and ``"1024Mi"``)."""
    return parse_quantity(a) == parse_quantity(b)


def _decimal_form(value: Fraction, exponent_form: bool) -> str:
    if value == 0:
        return "0"
    exponent = -9
    mantissa = value * 10**9  # already a whole number of nano units
    while mantissa % 1000 == 0 and exponent < 18:
        mantissa /= 1000
        exponent += 3
    if exponent_form:
        return f"{mantissa}" if exponent == 0 else f"{mantissa}e{exponent}"
    suffix = next(s for s, e in _DECIMAL.items() if e == exponent)
    return f"{mantissa}{suffix}"


def canonical_quantity(text: str | int | float) -> str:
    """The quantity as the API server writes it back (resource.Quantity.String()).

    Values are rounded up to whole nano units; a binary quantity of at least 1Ki that is a whole number
    keeps the largest binary suffix that divides it (``1536Ki`` -> ``1536Ki``, ``1024Ki`` -> ``1Mi``);
    exponent forms stay exponent forms (``1e3``); other values take the largest decimal suffix whose
    mantissa is whole (``12000m`` -> ``12``, ``0.5`` -> ``500m``, ``1000`` -> ``1k``).
    """
    value, suffix = _split(text)
    rounded = (
        Fraction(math.ceil(value / _NANO)) * _NANO
        if value >= 0
        else -Fraction(math.ceil(-value / _NANO)) * _NANO
    )
    if suffix in _BINARY and abs(rounded) >= 1024 and rounded.denominator == 1:
        number, power = int(rounded), 0
        while number % 1024 == 0 and power < 6:
            number //= 1024
            power += 1
        return f"{number}{('', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei')[power]}"
    exponent_form = bool(suffix) and suffix[0] in "eE" and len(suffix) > 1
    sign = "-" if rounded < 0 else ""
    return sign + _decimal_form(abs(rounded), exponent_form)

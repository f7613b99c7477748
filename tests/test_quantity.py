"""Kubernetes quantities parse to their exact values, as apimachinery's resource.Quantity does."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hagen._quantity import QuantityError, parse_quantity

SUFFIXES = {
    "": 1,
    "n": Fraction(1, 10**9),
    "u": Fraction(1, 10**6),
    "m": Fraction(1, 1000),
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "P": 10**15,
    "E": 10**18,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "Pi": 2**50,
    "Ei": 2**60,
}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500m", Fraction(1, 2)),
        ("1.5Gi", 3 * 2**29),
        ("2", 2),
        ("1e3", 1000),
        ("5E-2", Fraction(1, 20)),
        ("1E", 10**18),
        ("1Ei", 2**60),
        (".5", Fraction(1, 2)),
        ("+3k", 3000),
        (128, 128),
    ],
)
def test_known_values(text: str | int, value: Fraction) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["lots", "1.5 Gi", "1GB", "1gi", "", "e3", "--1", "1e", True])
def test_not_quantities(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(text)


@given(st.integers(0, 10**9), st.sampled_from(sorted(SUFFIXES)))
def test_every_suffix_scales_exactly(number: int, suffix: str) -> None:
    assert parse_quantity(f"{number}{suffix}") == number * Fraction(SUFFIXES[suffix])


@given(st.integers(0, 10**6), st.integers(-9, 9))
def test_exponent_form(number: int, exponent: int) -> None:
    assert parse_quantity(f"{number}e{exponent}") == number * Fraction(10) ** exponent

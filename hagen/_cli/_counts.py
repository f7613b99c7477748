"""The cluster counts `--nodes` and `--zones` take, one rule for every command that has them: `hagen check`
counts with them and `hagen place` builds its shorthand nodes from them, so both refuse the same values."""

from __future__ import annotations

import argparse

MAX_ZONES = 26
"""Shorthand zones are zone-a..zone-z."""


def node_count(text: str) -> int:
    """--nodes N: a whole number, at least 1."""
    return _count(text, 1, None)


def zone_count(text: str) -> int:
    """--zones Z: a whole number from 1 to 26 (zone-a..zone-z)."""
    return _count(text, 1, MAX_ZONES)


def _count(text: str, low: int, high: int | None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < low or (high is not None and value > high):
        allowed = f"at least {low}" if high is None else f"{low} to {high}"
        raise argparse.ArgumentTypeError(f"expected {allowed}, got {value}")
    return value

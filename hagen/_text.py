"""Counted nouns for people: ``1 node``, ``2 nodes``."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``count`` and `noun`, with an ``s`` unless the count is exactly 1 (``0 files``, ``1 file``)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

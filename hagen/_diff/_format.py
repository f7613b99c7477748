"""Choosing a report format by name."""

from __future__ import annotations

from collections.abc import Callable

from .._errors import InputError
from ._format_github import format_github
from ._format_human import format_human, format_stat
from ._format_json import format_json
from ._format_markdown import format_markdown
from ._format_unified import format_unified
from ._model import DiffResult

Formatter = Callable[..., str]
FORMATS: dict[str, Formatter] = {
    "human": format_human,
    "unified": format_unified,
    "json": format_json,
    "github": format_github,
    "markdown": format_markdown,
    "stat": format_stat,
}


def format_diff(result: DiffResult, fmt: str = "human", *, color: bool = False) -> str:
    """The report of `result` in format `fmt` (one of FORMATS); secrets are always masked."""
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown diff format {fmt!r}; allowed: {', '.join(FORMATS)}") from None
    return formatter(result, color=color)

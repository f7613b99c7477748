"""A `write_tree` killed part way, as kill -9 would leave it: the next reader of the folder must finish or
discard the write (`recover_output`). Shared by the tests of every command that reads out/."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from hagen._output import _journal, write_tree


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs, no handler catches it."""


class _Os:
    def __init__(self, **replaced: object) -> None:
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)


def _dying(real: Callable[..., object], at: int) -> Callable[..., object]:
    calls = 0

    def step(*args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == at:
            raise Killed
        return real(*args)

    return step


def interrupted(monkeypatch: pytest.MonkeyPatch, files: dict[str, str], out: Path, where: str) -> None:
    """`write_tree(files, out)` stopped at its second file staged (before the journal: "staged") or its
    second rename (after it: "applied"); the staging folder is left behind."""
    with monkeypatch.context() as patch:
        if where == "staged":
            patch.setattr(_journal, "_write_file", _dying(_journal._write_file, 2))
        else:
            patch.setattr(_journal, "os", _Os(replace=_dying(os.replace, 2)))
        with pytest.raises(Killed):
            write_tree(files, out)
    assert (out / ".hagen-staging").is_dir()

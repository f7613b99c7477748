"""Lines of findings in the files on disk that hold their objects, for annotations that sit on the object
(SARIF's region, ``file:line`` in text) rather than on line 1 of a file of many documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .._finding import Finding
from .._validate._messages import path_parts

Locate = Callable[[str, tuple[str | int, ...]], int | None]


def _single_start(text: str) -> int | None:
    """The line a file's only document starts on (after comments, blank lines, directives and a ``---``),
    found without composing it; None when the file holds several documents, or may hold a List."""
    if "List" in text:
        return None
    start = None
    for number, line in enumerate(text.splitlines(), 1):
        bare = line.strip()
        if not bare or bare.startswith(("#", "%")):
            continue
        if line.startswith("---") and line[3:4] in ("", " ", "\t"):
            if start is not None:
                return None  # a second document
            continue
        start = start or number
    return start


class FileLines:
    """Each file read once, and composed only when it holds several documents. None where the file is
    not on disk (out/ not written yet) or does not hold the object."""

    def __init__(self) -> None:
        self._files: dict[str, Locate | int | None] = {}

    def _read(self, file: str, whole: bool) -> Locate | int | None:
        if file not in self._files or (whole and isinstance(self._files[file], int)):
            from .._diff._locate import object_locator

            try:
                text = Path(file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._files[file] = None
                return None
            start = None if whole else _single_start(text)
            self._files[file] = start if start is not None else object_locator(text)
        return self._files[file]

    def of(self, file: str, object_id: str, path: str = "") -> int | None:
        """The line of `path` (kubectl notation; "" the object itself) of the object `object_id`."""
        found = self._read(file, whole=bool(path))
        if isinstance(found, int) or found is None:
            return found
        return found(object_id, path_parts(path))


def with_lines(findings: Iterable[Finding], files: Iterable[str], lines: FileLines) -> list[Finding]:
    """`findings` with the line of their object where it lies in one of `files` and has none yet."""
    wanted = set(files)
    return [
        replace(f, line=lines.of(f.file, f.object_id))
        if f.line is None and f.file in wanted and f.object_id
        else f
        for f in findings
    ]

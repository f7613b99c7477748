"""Lines of findings in the files that hold their objects, for annotations that sit on the object (SARIF's
region, ``file:line`` in text) rather than on line 1 of a file of many documents. The text of a file
comes from `hagen._check._texts`: what synth would write now, or a manifest as read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

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
    """The lines of objects and fields in the files of `texts` (file -> text; the first mapping holding a
    file gives it): each text fetched once, and composed only when a field's line is asked or the file
    holds several documents. None where no mapping holds the file, or the file does not hold the object."""

    def __init__(self, *texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._files: dict[str, Locate | int | None] = {}

    def _text(self, file: str) -> str | None:
        for texts in self._texts:
            text = texts.get(file)
            if text is not None:
                return text
        return None

    def _read(self, file: str, whole: bool) -> Locate | int | None:
        if file not in self._files or (whole and isinstance(self._files[file], int)):
            from .._diff._locate import object_locator

            text = self._text(file)
            if text is None:
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


def with_lines(
    findings: Iterable[Finding], lines: FileLines, files: Mapping[str, str] | None = None
) -> list[Finding]:
    """`findings` with the file of their object where they name none (`files`: object id -> file; a
    rule that does not read files, such as the placement simulation's), and the line of its document
    where they have none yet and the file's text is known to `lines`."""
    found = []
    for f in findings:
        if f.object_id and f.file is None and files and f.object_id in files:
            f = replace(f, file=files[f.object_id])
        if f.line is None and f.file and f.object_id:
            f = replace(f, line=lines.of(f.file, f.object_id))
        found.append(f)
    return found

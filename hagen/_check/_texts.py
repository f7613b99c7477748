"""The text of each file a finding points into, for its line: what `hagen synth` would write now for a
synthesis's objects, or a manifest as it was read. Never the committed out/ for a synthesis: it may be
stale (the blueprint changed since the last synth) or absent, and a line read off it would point at
another field, or another object."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .._objects import Object, object_id


class DiskTexts(Mapping[str, str]):
    """`files` (paths of manifests the objects were read from) -> their text, each read at its first use;
    a file that cannot be read (gone, not UTF-8) is absent."""

    def __init__(self, files: Iterable[str]) -> None:
        self._files = frozenset(files)
        self._read: dict[str, str | None] = {}

    def __getitem__(self, file: str) -> str:
        if file not in self._files:
            raise KeyError(file)
        if file not in self._read:
            try:
                self._read[file] = Path(file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._read[file] = None
        text = self._read[file]
        if text is None:
            raise KeyError(file)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._files))

    def __len__(self) -> int:
        return len(self._files)


class SynthesizedTexts(Mapping[str, str]):
    """The files `hagen synth` writes for a synthesis's objects under `out_dir` -> their exact text,
    made at the first use of each (`hagen._output.object_text`, the bytes `render` gives).

    A hydrated Helm release's rendered files carry a header only the hydration knows: their text comes
    from `given` (path relative to `out_dir` -> text, as `hydrate_syntheses` returns them); without it
    such a file is absent, so its findings get no line rather than a wrong one. So is every file of an
    object that only looks like a `Synthesis` (no header to write).
    """

    def __init__(self, synthesis: Any, out_dir: str, given: Mapping[str, str] | None = None) -> None:
        self._synthesis, self._out, self._given = synthesis, out_dir, given or {}
        self._own: dict[str, Object] = {}
        self.files: dict[str, str] = {}
        """object id -> the file it is written to (out_dir/<blueprint>/<kind>-<name>.yaml, or under
        helm/<release>/ for a hydrated release's objects)."""
        self._made: dict[str, str] = {}
        try:
            from .._output._layout import header, object_filename
        except ImportError:  # the output stage is optional for checks
            return
        from .._synth import Synthesis

        self._head = header(synthesis) if isinstance(synthesis, Synthesis) else None
        root = f"{out_dir}/{synthesis.blueprint.name}"
        rendered: Mapping[str, str] = getattr(synthesis, "rendered", None) or {}
        namespace = getattr(synthesis.blueprint, "namespace", None)
        for obj in synthesis.objects:
            meta = obj.get("metadata")
            if not isinstance(meta, dict) or not meta.get("name"):
                continue
            ident = object_id(obj)
            if ident in rendered:
                self.files[ident] = f"{root}/{rendered[ident]}"
            else:
                file = f"{root}/{object_filename(obj, namespace)}"
                self.files[ident] = file
                if self._head is not None:
                    self._own[file] = obj

    def _given_text(self, file: str) -> str | None:
        prefix = f"{self._out}/"
        return self._given.get(file[len(prefix) :]) if file.startswith(prefix) else None

    def __getitem__(self, file: str) -> str:
        given = self._given_text(file)
        if given is not None:
            return given
        if file not in self._own:
            raise KeyError(file)
        if file not in self._made:
            from .._output._layout import object_text

            self._made[file] = object_text(self._own[file], self._head or "")
        return self._made[file]

    def __contains__(self, file: object) -> bool:
        return isinstance(file, str) and (file in self._own or self._given_text(file) is not None)

    def _all(self) -> set[str]:
        root = f"{self._synthesis.blueprint.name}/"
        return {*self._own, *(f"{self._out}/{rel}" for rel in self._given if rel.startswith(root))}

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._all()))

    def __len__(self) -> int:
        return len(self._all())

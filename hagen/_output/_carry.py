"""Hydrated releases where there is no chart copy now (CI without it, or without the Helm engine).

A committed helm/<release>/ folder holds the rendered objects and provenance.yaml; synthesis without the
chart yields the values only. The rendered files are carried over as they are, so that `hagen diff`
does not report them removed and `hagen synth` does not remove them, as long as the provenance's values
hash matches the values.yaml synthesized now: the values (and the chart version named in their header)
are what the render depends on besides the chart itself. When they differ the rendered files are stale:
they count as drift (and synth removes them), with a note saying how to hydrate them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from ._owned import read_owned
from ._paths import Walker, environment_error

PROVENANCE_NAME = "provenance.yaml"


def _values_hash(provenance_text: str) -> str | None:
    from .._yaml import load_documents

    try:
        docs = load_documents(provenance_text, PROVENANCE_NAME)
    except Exception:  # an unreadable provenance is just not a match
        return None
    for doc in docs:
        values = doc.get("values") if isinstance(doc, dict) else None
        if isinstance(values, dict) and isinstance(values.get("sha256"), str):
            return str(values["sha256"])
    return None


def _is_provenance(path: str) -> bool:
    parts = path.split("/")
    return len(parts) >= 3 and parts[-1] == PROVENANCE_NAME and parts[-3] == "helm"


def carry_unhydrated(
    generated: Mapping[str, str], committed: Mapping[str, str], owned: set[str]
) -> tuple[dict[str, str], list[str]]:
    """`generated` plus the committed files (`committed`, path relative to out/ -> text; only those in
    `owned` count) of every hydrated release folder that synthesis did not hydrate now but whose values
    are unchanged; and one note per such folder (or per stale one)."""
    carried = dict(generated)
    notes: list[str] = []
    for path in sorted(p for p in committed if _is_provenance(p)):
        folder = path.rsplit("/", 1)[0]
        values = generated.get(f"{folder}/values.yaml")
        if path in generated or values is None or path not in owned:
            continue
        if _values_hash(committed[path]) != hashlib.sha256(values.encode()).hexdigest():
            notes.append(
                f"{folder}: the rendered objects were made from other values or another chart version; "
                "hydrate again with `hagen synth --chart RELEASE=PATH`"
            )
            continue
        for name, text in committed.items():
            if name.startswith(f"{folder}/") and name in owned and name not in generated:
                carried[name] = text
        notes.append(f"{folder}: rendered objects kept as committed (no chart copy here); their values match")
    return carried, notes


class Committed:
    """The committed out/ folder `out_dir` as the source of the rendered objects of releases that cannot be
    hydrated here: every command that shows a target's objects (synth to files or to stdout, check, place,
    report) reads them through this one reader, so they all hold the same objects and say the same notes.

    Read lazily, once: an interrupted write is finished or discarded first (`recover`: False where the
    caller already did so, e.g. in a worker process), then the ownership record. Only owned files of
    folders with an owned provenance.yaml are read, each checked part by part for symbolic links first
    (OutputError)."""

    def __init__(self, out_dir: str | Path, *, recover: bool = True) -> None:
        self.out_dir = Path(out_dir)
        self.recovery: str | None = None
        """What the recovery of an interrupted write did (a sentence), or None."""
        self._recover = recover
        self._owned: set[str] | None = None

    def _record(self) -> set[str]:
        if self._owned is None:
            self._owned = set()
            if self.out_dir.is_dir():
                if self._recover:
                    from ._write import recover_output

                    self.recovery = recover_output(self.out_dir)
                self._owned = set(read_owned(self.out_dir))
        return self._owned

    def release(self, folder: str, values_text: str) -> tuple[dict[str, str], list[str]]:
        """The committed files of hydrated release folder `folder` (relative to out/, e.g.
        ``prod/shop/helm/jenkins``) other than its values.yaml, kept when their provenance's values hash
        is that of `values_text` (the values.yaml synthesized now); and the note saying they were kept,
        or that they are stale (then no files). Nothing committed: ({}, [])."""
        owned = self._record()
        if f"{folder}/{PROVENANCE_NAME}" not in owned:
            return {}, []
        walker = Walker(self.out_dir)
        committed: dict[str, str] = {}
        for path in sorted(p for p in owned if p.startswith(f"{folder}/")):
            if walker.file(path):
                try:
                    committed[path] = (self.out_dir / path).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    if isinstance(exc, OSError):
                        raise environment_error(self.out_dir / path, exc, "cannot read") from None
                    continue  # not text hagen wrote: leave it to the writer's own checks
        values = f"{folder}/values.yaml"
        carried, notes = carry_unhydrated({values: values_text}, committed, owned)
        return {p: t for p, t in carried.items() if p != values}, notes

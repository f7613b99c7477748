"""The stale-file rule: which files hagen generated before and no longer produces, and may remove.

A synth of complete blueprint folders (or of every target) knows the whole output: any recorded file it
does not produce again is stale. A synth of some blueprint files, or of some targets, knows only part of
it: removal is limited to the folders it produced (its `scope`); records of the other folders are kept.
The writer, `hagen diff` and the targets code all ask this module.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

Scope = frozenset[str] | None
"""Folders (relative to out/, e.g. ``shop`` or ``prod/shop``) whose stale files may be removed;
None means the whole out folder."""


def removal_scope(complete: bool, folders: Iterable[str]) -> Scope:
    """The scope of a synth: None when it produced the complete output, else the folders it produced."""
    return None if complete else frozenset(folders)


def in_scope(path: str, scope: Collection[str] | None) -> bool:
    """True when `path` (relative to out/) lies in one of the `scope` folders (always, for None)."""
    if scope is None:
        return True
    return any(path.startswith(f"{folder}/") for folder in scope)


def stale_files(owned: Iterable[str], produced: Collection[str], scope: Collection[str] | None) -> set[str]:
    """Recorded files not produced again, within `scope`: the ones a synth removes."""
    return {p for p in owned if p not in produced and in_scope(p, scope)}


def kept_files(owned: Iterable[str], produced: Collection[str], scope: Collection[str] | None) -> set[str]:
    """What the record lists after the synth: the files produced and the recorded ones out of scope."""
    return {p for p in owned if not in_scope(p, scope)} | set(produced)

"""Writing a rendered tree to disk: all or nothing, unchanged files untouched, foreign files never touched.

hagen keeps the list of files it generated in out/.hagen-owned (`_owned`). It replaces or removes only
those (`_stale` decides which are removed); a file it would write that exists but is not on the list
stops the whole write before anything changes. The write itself goes through a journal (`_journal`),
under the writer's lock (`_lock`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import OutputError
from ._journal import commit, recover
from ._lock import out_lock
from ._owned import LOCK, OWNED_RECORD, STAGING, entry_problem, owned_record, parse_owned, read_record_text
from ._paths import Walker, environment_error
from ._stale import in_scope, kept_files, stale_files


@dataclass(frozen=True)
class WriteReport:
    """What a write did, as paths relative to the out directory."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    """What synthesis found and did not stop on (hagen.Finding: Helm values warnings and notes)."""
    notes: list[str] = field(default_factory=list)
    """What synthesis left out, and why (e.g. a Helm release not hydrated: no chart copy)."""

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.unchanged)} unchanged, {len(self.removed)} removed"


def _same(path: str, data: bytes) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        raise environment_error(Path(path), exc, "cannot read") from None  # named as pathlib names it
    try:
        if os.fstat(fd).st_size != len(data):
            return False
        return os.read(fd, len(data) + 1) == data
    finally:
        os.close(fd)


# What the writer before the journal named its temporary files (tempfile.mkstemp beside the target); a
# killed run left them, and they are hagen's: removed with the next write, beside the file they were for.
_OLD_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def _old_temporaries(out: Path, *known: Collection[str]) -> list[str]:
    """`.NAME.XXXXXXXX.tmp` regular files beside the files of `known` (collections of relative paths,
    checked before: no symlink on the way)."""
    folders = sorted({rel.rpartition("/")[0] for paths in known for rel in paths})  # a few: no set of names
    found = []
    for folder in folders:
        try:
            with os.scandir(out / folder) as listing:
                entries = [e for e in listing if e.name.endswith(".tmp") and e.is_file(follow_symlinks=False)]
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise environment_error(out / folder, exc, "cannot list") from None
        for entry in entries:
            match = _OLD_TEMPORARY.fullmatch(entry.name)
            if match is None:
                continue
            beside = f"{folder}/{match['name']}" if folder else match["name"]
            if any(beside in paths for paths in known):
                found.append(f"{folder}/{entry.name}" if folder else entry.name)
    return sorted(found)


def _foreign(out_dir: Path, foreign: list[str]) -> OutputError:
    listed = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
    return OutputError(
        f"{out_dir}: hagen did not generate {listed}; move or delete them, or choose another -o folder "
        "(hagen never overwrites files it did not write)"
    )


def recover_output(out_dir: str | Path) -> str | None:
    """Finish or discard a write that a killed `hagen synth` left in `out_dir`, so that it reads as exactly
    the old or the new tree (every command that reads out/ calls this first). Waits for a running writer.

    Returns a sentence saying what it did, for the command to tell its user (a tree that changed under
    them, even to a consistent state, should not change silently), or None when nothing was left.
    Raises OutputError when a recovery is due but the folder cannot be written."""
    out = Path(out_dir)
    if not (os.path.lexists(out / STAGING) or os.path.lexists(out / LOCK)):
        return None
    with out_lock(out, wait=True) as unwritable:
        if unwritable is None:
            return recovered(out, recover(out))
        if os.path.lexists(out / STAGING):
            raise environment_error(out / STAGING, unwritable, "cannot finish an interrupted write")
    return None


def recover_read(paths: Iterable[str | Path], out_dir: str | Path | None) -> str | None:
    """`recover_output(out_dir)` when one of `paths` (files or folders a command is about to read) is
    `out_dir` or inside it, symlinks resolved: what `validate`, `check` and `place` call before reading
    YAML from out/, as synth and diff recover before they read it. None when no path is in out/ (an
    out/ that does not exist included) or nothing was left to recover."""
    from .._sources import inside

    return recover_output(out_dir) if out_dir is not None and inside(paths, out_dir) else None


def recovered(out: Path, outcome: str | None) -> str | None:
    """The sentence for what `recover` did in `out` ("finished", "discarded" or None)."""
    if outcome == "finished":
        return f"{out}: finished the write an interrupted `hagen synth` had committed (its new files are in)"
    if outcome == "discarded":
        return (
            f"{out}: discarded the write an interrupted `hagen synth` had not committed (its old files stand)"
        )
    return None


def write_tree(
    files: Mapping[str, str], out_dir: str | Path, scope: Collection[str] | None = None
) -> WriteReport:
    """Make out_dir hold `files` (relative path -> text), all or nothing, even if the process is killed.

    Owned files that are no longer produced are removed, within `scope` (folders relative to out_dir, see
    `_stale`; None = the whole out_dir). Files hagen did not generate, symlinks (even dangling ones) and
    anything reached through a symlink are never replaced or removed: OutputError is raised before
    anything is written. So it is for an ownership record entry outside out_dir, for another writer
    holding the folder, and for OS errors (read-only, full or immutable file system: one line naming the
    path and the error; the old tree is left as it was).
    """
    out = Path(out_dir)
    # paths only: the texts stay in `files` (30,000 of them are not copied, nor held twice)
    paths = sorted(rel for rel in files if rel != OWNED_RECORD)
    for rel in paths:
        problem = entry_problem(rel)
        if problem is not None:
            raise OutputError(f"{rel!r}: {problem}; hagen writes only inside {out}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise environment_error(out, exc) from None
    with out_lock(out) as unwritable:
        recovery = recovered(out, recover(out)) if unwritable is None else None
        if unwritable is not None and os.path.lexists(out / STAGING):
            raise environment_error(out / STAGING, unwritable, "cannot finish an interrupted write")
        record_text = read_record_text(out)
        owned = parse_owned(record_text, str(out / OWNED_RECORD))
        walker = Walker(out)
        present = [rel for rel in paths if walker.file(rel)]
        foreign = [rel for rel in present if rel not in owned]
        if foreign:
            raise _foreign(out, foreign)
        produced = set(paths) if OWNED_RECORD in files else files.keys()
        stale = sorted(stale_files(owned, produced, scope))
        removals = [rel for rel in stale if walker.file(rel)] + _old_temporaries(out, produced, stale)
        base = os.fspath(out)
        unchanged = [rel for rel in present if _same(f"{base}/{rel}", files[rel].encode("utf-8"))]
        report = WriteReport(removed=stale, unchanged=unchanged, notes=[recovery] if recovery else [])
        if unchanged:
            same = set(unchanged)
            report.written.extend(rel for rel in paths if rel not in same)
        else:
            report.written.extend(paths)
        writes = report.written
        outside = any(not in_scope(rel, scope) for rel in owned)
        record = owned_record(kept_files(owned, produced, scope) if outside else paths)
        if record != record_text:
            writes = [*writes, OWNED_RECORD]
        if not writes and not removals:
            return report
        if unwritable is not None:
            raise environment_error(out / LOCK, unwritable)
        new_dirs: dict[str, None] = {}
        for rel in writes:
            for folder in walker.missing_folders(rel):
                new_dirs.setdefault(folder)
        text = files.__getitem__
        commit(
            out, writes, lambda rel: record if rel == OWNED_RECORD else text(rel), removals, list(new_dirs)
        )
    return report

"""All or nothing on disk: stage every new file, commit a journal, then rename; the next run finishes or
discards what a killed run left.

out/.hagen-staging/ holds, while a synth writes: ``dirs`` (folders it creates in out/), ``files/N`` (the new
content of each file it replaces) and, once all of that is on disk (fsync), ``journal``: the renames and
removals to make. The journal appears by an atomic rename, so it is either complete or absent. A run that
finds a journal rolls it forward (each step can be repeated); a staging folder without one is discarded,
which leaves the old tree. Nothing in out/ is touched before the journal exists, so any OS error up to that
point (disk full, read-only file system) leaves the old tree as it was.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import cast

from .._errors import OutputError
from ._owned import OWNED_RECORD, STAGING, entry_problem
from ._paths import Walker, environment_error

JOURNAL = "journal"
_HEAD = "hagen journal 1"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush(root: Path, files: Iterable[str | Path], folders: Sequence[Path]) -> None:
    """Make `files` and the entries of `folders` durable: one syncfs(2) of the file system holding `root`
    where Linux has it (one flush instead of a journal commit per file: see docs/benchmarks.md), else an
    fsync per file, then per folder."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        if _syncfs is not None and _syncfs(fd) == 0:
            return
    finally:
        os.close(fd)
    for path in files:
        file_fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(file_fd)
        finally:
            os.close(file_fd)
    for folder in folders:
        _fsync_dir(folder)


def _load_syncfs() -> Callable[[int], int] | None:
    try:
        import ctypes

        return cast(Callable[[int], int], ctypes.CDLL(None, use_errno=True).syncfs)
    except (OSError, AttributeError):
        return None


_syncfs = _load_syncfs() if sys.platform.startswith("linux") else None


def _write_file(path: str | Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        os.fchmod(fd, 0o644)  # the same mode whatever the umask: output is committed and shared
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _subtrees(new_dirs: Sequence[str]) -> list[str]:
    """The outermost of the folders to create: each is staged whole and moved into out by one rename."""
    known = set(new_dirs)
    return [d for d in new_dirs if d.rpartition("/")[0] not in known]


def _root_of(rel: str, roots: set[str]) -> bool:
    """True when `rel` lies in one of the folders `roots` (relative paths)."""
    parts = rel.split("/")
    return any("/".join(parts[:i]) in roots for i in range(1, len(parts)))


def commit(
    out: Path,
    writes: Sequence[str],
    text: Callable[[str], str],
    removals: Sequence[str],
    new_dirs: Sequence[str],
) -> None:
    """Make `out` hold the files `writes` (relative paths; `text(rel)` gives each one's text) without
    `removals`, all or nothing.

    `new_dirs`: the folders that do not exist yet, outermost first. Each outermost one is built whole in
    the staging folder (``tree/``) and moved into `out` by one rename, not one per file; files in
    folders that exist are staged as ``files/N`` and renamed one by one.

    Raises OutputError naming the path and the OS error; up to the journal's commit nothing in `out`
    changed, and the staging folder is removed again.
    """
    staging = out / STAGING
    current: Path | str = staging  # a str: the relative path of the file being staged
    root = os.fspath(out)
    roots = _subtrees(new_dirs)
    in_tree = set(roots)
    order = sorted(rel for rel in writes if rel != OWNED_RECORD)  # no sort key: a tuple per file
    order.extend(rel for rel in writes if rel == OWNED_RECORD)  # the record last
    inside: list[str] = []  # files in new folders, and the others, each in that order
    singles: list[str] = []
    for rel in order:
        (inside if _root_of(rel, in_tree) else singles).append(rel)
    del order
    # string paths: 30,000 files are 240,000 pathlib joins otherwise
    files, tree = os.fspath(staging / "files"), os.fspath(staging / "tree")

    def staged() -> Iterable[str]:  # named again only where syncfs(2) is missing: not held per file
        yield from (f"{tree}/{rel}" for rel in inside)
        yield from (f"{files}/{number}" for number in range(len(singles)))

    try:
        os.mkdir(staging, 0o755)
        current = staging / "files"
        os.mkdir(current, 0o755)
        if roots:
            os.mkdir(tree, 0o755)
            for folder in new_dirs:
                current = folder
                # a new folder inside an existing one (shop/new) needs that one's name in tree/ too
                os.makedirs(f"{tree}/{folder}", 0o755, exist_ok=folder not in in_tree)
        for rel in inside:
            current = rel  # named as the user knows it, though the bytes go to staging
            _write_file(f"{tree}/{rel}", text(rel).encode("utf-8"))
        for number, rel in enumerate(singles):
            current = rel
            _write_file(f"{files}/{number}", text(rel).encode("utf-8"))
        lines = [
            _HEAD,
            *(f"M\t{folder}" for folder in roots),
            *(f"W\t{n}\t{rel}" for n, rel in enumerate(singles)),
            *(f"D\t{rel}" for rel in removals),
        ]
        current = staging / f"{JOURNAL}.new"
        _write_file(current, ("\n".join(lines) + "\n").encode())
        folders = [staging / "files", *(Path(tree, d) for d in reversed(new_dirs))]
        _flush(staging, itertools.chain(staged(), [current]), [*folders, *([Path(tree)] if roots else [])])
        os.rename(current, staging / JOURNAL)
        _fsync_dir(staging)
    except OSError as exc:
        error = environment_error(Path(root, current) if isinstance(current, str) else current, exc)
        _discard(out, staging)
        raise error from None
    _apply(out, staging, lines[1:], check=False)


def _parse(out: Path, staging: Path, lines: Iterable[str]) -> list[tuple[str, str, str]]:
    steps = []
    for line in lines:
        op, *fields = line.split("\t")
        rel = fields[-1] if fields else ""
        problem = None if (op, rel) == ("W", OWNED_RECORD) else entry_problem(rel) if rel else "is empty"
        if (
            (op, len(fields)) not in (("W", 2), ("D", 1), ("M", 1))
            or problem
            or (op == "W" and not fields[0].isdigit())
        ):
            raise OutputError(
                f"{staging / JOURNAL}: {line!r} is not a step hagen writes ({problem or 'unknown step'}); "
                f"nothing changed: remove {staging} if hagen did not leave it"
            )
        steps.append((op, fields[0], rel))
    return steps


def _apply(out: Path, staging: Path, lines: Sequence[str], *, check: bool) -> None:
    """Carry out journal steps; each can be repeated, so a run killed here is finished by the next."""
    steps = _parse(out, staging, lines)
    walker = Walker(out) if check else None
    root, files, tree = os.fspath(out), os.fspath(staging / "files"), os.fspath(staging / "tree")
    touched: set[str] = {root}
    current: str | Path = out
    try:
        for op, field, rel in steps:
            current = f"{root}/{rel}"  # string paths: a pathlib join per file costs more than the rename
            if walker is not None:  # refuses a symlink that appeared since: nothing is followed
                walker.folder(rel) if op == "M" else walker.file(rel)
            if op == "M":
                try:
                    os.replace(f"{tree}/{rel}", current)  # a whole new folder: one rename
                except FileNotFoundError:
                    continue  # moved in by the run that was killed
            elif op == "W":
                try:
                    os.replace(f"{files}/{field}", current)
                except FileNotFoundError:
                    continue  # moved in by the run that was killed
            else:
                try:
                    os.unlink(current)
                except FileNotFoundError:
                    continue
                pruned: set[Path] = set()
                _prune(out, Path(current).parent, pruned)
                touched.update(map(os.fspath, pruned))
            touched.add(os.path.dirname(current))
        current = out
        deepest_first = sorted(touched, key=lambda p: p.count("/"), reverse=True)
        _flush(out, [], [Path(p) for p in deepest_first if os.path.isdir(p)])
        current = staging / JOURNAL
        os.unlink(current)
        shutil.rmtree(staging)
    except OSError as exc:
        raise environment_error(
            Path(current), exc, "cannot finish writing (the next hagen run completes it)"
        ) from None


def _prune(out: Path, folder: Path, touched: set[Path]) -> None:
    """Remove folders emptied by removals, up to (not including) out."""
    while folder != out and out in folder.parents:
        try:
            os.rmdir(folder)
        except OSError:
            return
        touched.add(folder.parent)
        folder = folder.parent


def _discard(out: Path, staging: Path) -> None:
    """Remove an uncommitted staging folder and the (still empty) folders it had created in out."""
    try:
        text = (staging / "dirs").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    for folder in reversed([d for d in text.splitlines() if d and entry_problem(d) is None]):
        path = out / folder
        if not os.path.islink(path):
            with suppress(OSError):
                os.rmdir(path)  # only when empty: never removes anything else
    shutil.rmtree(staging, ignore_errors=True)


def recover(out: Path) -> str | None:
    """Finish (journal present) or discard (absent) what a killed run left in out/.hagen-staging.

    The caller holds the writer's lock. Returns what it did: "finished", "discarded", or None when
    there was nothing to do. Raises OutputError when the staging folder is not hagen's (a symlink or a
    file) or its journal holds a step hagen does not write.
    """
    staging = out / STAGING
    try:
        mode = os.lstat(staging).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise environment_error(staging, exc, "cannot inspect") from None
    if not stat.S_ISDIR(mode):
        raise OutputError(f"{staging}: is not a folder hagen made; remove it and run again")
    try:
        text = (staging / JOURNAL).read_text(encoding="utf-8")
    except FileNotFoundError:
        _discard(out, staging)
        return "discarded"
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"{staging / JOURNAL}: cannot read: {exc}") from None
    lines = text.splitlines()
    if not lines or lines[0] != _HEAD:
        raise OutputError(f"{staging / JOURNAL}: not a hagen journal; nothing changed: remove {staging}")
    _apply(out, staging, lines[1:], check=True)
    return "finished"

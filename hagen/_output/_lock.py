"""One writer at a time per out folder: an exclusive flock on out/.hagen-lock, which holds the writer's pid.

A second `hagen synth` on the same folder fails at once (exit 2) rather than waiting: it would rewrite what
the first just wrote. The lock file is removed when the writer finishes; the kernel releases the lock of a
killed process, and the next run takes over the file it left.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .._errors import OutputError
from ._owned import LOCK
from ._paths import environment_error

_UNWRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT)


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return f" (pid {text})" if text.isdigit() else ""


def _acquire(path: Path, wait: bool) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise OutputError(
                f"{path.parent}: another hagen synth is writing this folder{holder}; nothing written, "
                "run again when it has finished"
            ) from None
        # The previous holder removes the file on release: a lock on a removed file locks nothing.
        try:
            current = os.lstat(path)
        except FileNotFoundError:
            os.close(fd)
            continue
        mine = os.fstat(fd)
        if (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            return fd
        os.close(fd)


@contextmanager
def out_lock(out_dir: Path, *, wait: bool = False) -> Iterator[OSError | None]:
    """Hold the writer's lock of `out_dir` for the block; yields None when held.

    When the folder cannot be written at all (read-only file system, no permission, full disk), yields
    that OSError instead: a synth that changes nothing needs no lock, one that would write reports it.
    Raises OutputError when another process holds the lock (or, with `wait`, waits for it).
    """
    path = out_dir / LOCK
    try:
        fd = _acquire(path, wait)
    except OSError as exc:
        if exc.errno in _UNWRITABLE:
            yield exc
            return
        raise environment_error(path, exc, "cannot lock") from None
    try:
        yield None
    finally:
        with suppress(OSError):
            os.unlink(path)
        os.close(fd)

"""Paths inside out/ reached without following a symlink, and OS errors as one-line environment errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .._errors import OutputError


def environment_error(path: str | Path, exc: OSError, doing: str = "cannot write") -> OutputError:
    """An OSError as hagen reports it: one line naming the path and the operating system's reason."""
    reason = exc.strerror or str(exc)
    code = f"[Errno {exc.errno}] " if exc.errno else ""
    return OutputError(f"{path}: {doing}: {code}{reason}")


class Walker:
    """Checks relative paths under `root` part by part with lstat, remembering folders already checked.

    No part may be a symbolic link: out/ may come from anyone, and a link would let a write or a removal
    land outside it.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._base = os.fspath(root)  # string joins: a pathlib join per file costs more than its lstat
        self._dirs: dict[str, bool] = {"": True}  # folder -> exists (as a real folder)

    def _folder(self, rel: str, entry: str) -> bool:
        known = self._dirs.get(rel)
        if known is not None:
            return known
        parent, _, _ = rel.rpartition("/")
        exists = self._folder(parent, entry)
        if exists:
            mode = self._lstat(rel)
            if mode is not None and stat.S_ISLNK(mode):
                raise OutputError(
                    f"{self.root / rel}: is a symbolic link; hagen never writes or removes through one "
                    f"(reaching {entry})"
                )
            if mode is not None and not stat.S_ISDIR(mode):
                raise OutputError(
                    f"{self.root / rel}: is not a folder (reaching {entry}); hagen did not make it"
                )
            exists = mode is not None
        self._dirs[rel] = exists
        return exists

    def _lstat(self, rel: str) -> int | None:
        try:
            return os.lstat(f"{self._base}/{rel}" if rel else self._base).st_mode
        except FileNotFoundError:
            return None
        except NotADirectoryError:
            return None
        except OSError as exc:
            raise environment_error(self.root / rel, exc, "cannot inspect") from None

    def file(self, rel: str) -> bool:
        """True when `rel` is a regular file, False when nothing is there; OutputError for anything else
        (a symlink, even a dangling one, a folder, a device) or when a part of the path is a symlink."""
        parent, _, _ = rel.rpartition("/")
        if not self._folder(parent, rel):
            return False
        mode = self._lstat(rel)
        if mode is None:
            return False
        if stat.S_ISREG(mode):
            return True
        what = "a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a file"
        raise OutputError(
            f"{self.root / rel}: is {what}, not a file hagen generated; hagen never writes or removes it "
            "(move it away, or choose another -o folder)"
        )

    def folder(self, rel: str) -> bool:
        """True when `rel` is a folder, False when nothing is there; OutputError for anything else, or when
        a part of the path is a symlink (as in file())."""
        parent, _, _ = rel.rpartition("/")
        if not self._folder(parent, rel):
            return False
        self._dirs.pop(rel, None)  # asked now: what is there may have changed since it was seen
        return self._folder(rel, rel)

    def missing_folders(self, rel: str) -> list[str]:
        """The folders above `rel` that do not exist yet, outermost first (each part checked as in file())."""
        parts = rel.split("/")[:-1]
        missing = []
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            if not self._folder(folder, rel):
                missing.append(folder)
        return missing

    def created(self, folder: str) -> None:
        self._dirs[folder] = True

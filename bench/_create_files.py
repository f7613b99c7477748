"""The file system's floor for a write: create the files of a listing, nothing else.

    python bench/_create_files.py LISTING DEST

LISTING holds one ``<size> <relative path>`` line per file (`listing` writes it from an output folder).
Each file is created in DEST with os.open, os.write and os.close, holding as many bytes as the original:
what any writer of those files pays the kernel, without rendering, checking, staging or renaming. Timed
beside `hagen synth` to the same disk, it tells the file system's share of a write from hagen's own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def listing(folder: Path, to: Path) -> int:
    """Write the listing of the regular files under `folder` to `to`; returns how many files it lists."""
    lines = sorted(
        f"{path.stat().st_size} {path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".hagen-")
    )
    to.write_text("\n".join(lines) + "\n")
    return len(lines)


def main() -> None:
    source, dest = Path(sys.argv[1]), sys.argv[2]
    made = {dest}
    os.makedirs(dest)
    for line in source.read_text().splitlines():
        size, rel = line.split(" ", 1)
        folder = os.path.dirname(f"{dest}/{rel}")
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        fd = os.open(f"{dest}/{rel}", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        try:
            os.write(fd, b"x" * int(size))
        finally:
            os.close(fd)


if __name__ == "__main__":
    main()

"""Reading a directory as it was at a git revision, from the object database, never the work tree."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .._errors import InputError
from .._yaml._bounds import check_file_size
from ._tree import Tree


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed; --base needs it") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {args[0]} failed in {cwd}: {message[-1] if message else proc.returncode}")
    return proc.stdout


def _repo_dir(path: Path) -> Path:
    # out/ may not exist in the work tree (deleted by the change under review): start from what exists.
    here = path.resolve()
    while not here.is_dir():
        here = here.parent
    return here


def read_revision(path: str | Path, rev: str) -> Tree:
    """The files under `path` at git revision `rev` (``git ls-tree`` + ``git cat-file --batch``).

    Hidden files are skipped, as in `read_path`; symlinks are shown as their target.
    """
    target = Path(path).resolve()
    cwd = _repo_dir(target)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    try:
        prefix = target.relative_to(top).as_posix()
    except ValueError:
        raise InputError(f"{path}: not inside the git repository at {top}") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except InputError:  # --quiet: git says nothing, so say which revision and what is allowed
        raise InputError(
            f"--base {rev}: no such commit in the git repository at {top} (a branch, tag or commit, "
            "e.g. origin/main or HEAD~1)"
        ) from None
    # -l: each blob's size, so that a large one is refused before `cat-file` reads it.
    listing = _git(["ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--", prefix], top)
    wanted: list[tuple[str, str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.decode("utf-8", "surrogateescape").partition("\t")
        mode, kind, sha, blob_size = meta.split()
        rel = name[len(prefix) + 1 :] if prefix not in ("", ".") else name
        if kind != "blob" or any(part.startswith(".") for part in rel.split("/")):
            continue
        check_file_size(f"{rev}:{prefix}/{rel}", int(blob_size))
        wanted.append((rel, mode, sha))
    texts: dict[str, str] = {}
    if wanted:
        out = _git(["cat-file", "--batch"], top, "".join(f"{sha}\n" for _, _, sha in wanted).encode())
        pos = 0
        for rel, mode, _ in wanted:
            end = out.index(b"\n", pos)
            size = int(out[pos:end].split()[2])
            body = out[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
            if mode == "120000":
                texts[rel] = f"symlink -> {body.decode('utf-8', 'replace')}\n"
                continue
            try:
                texts[rel] = body.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{rev}:{prefix}/{rel}: not UTF-8 text") from None
    return Tree(texts, f"{rev}:{prefix}/")

"""Blueprints of a few hundred output files, and out/ trees as comparable snapshots."""

from __future__ import annotations

import os
from pathlib import Path


def blueprint(folder: Path, tag: str, tiers: range) -> Path:
    """A blueprint `big`: a tier per number in `tiers`, all on image tag `tag` (about 3 files a tier)."""
    lines = ["from hagen import Blueprint, Port, Tier", "", "", "class Big(Blueprint):", "    name = 'big'"]
    lines.append("    tiers = [")
    for i in tiers:
        lines.append(
            f"        Tier(name='t{i:03d}', image='registry.example.com/t{i}:{tag}', replicas=2,"
            " ports=[Port(name='http', port=8080)]),"
        )
    lines.append("    ]")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.py"
    path.write_text("\n".join(lines) + "\n")
    return folder


def snapshot(root: Path) -> dict[str, str]:
    """Every entry below `root` (files with their text, symlinks with their target, folders as '/')."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[rel] = "/"
            else:
                found[rel] = path.read_text()
    return found


def restore(root: Path, tree: dict[str, str]) -> None:
    """Make `root` hold exactly `tree` (as `snapshot` returns it; regular files and folders only)."""
    import shutil

    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for rel, text in sorted(tree.items()):
        if text == "/":
            (root / rel).mkdir(exist_ok=True)
        else:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)

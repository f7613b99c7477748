"""Where the project's configuration is, found without reading it: importable without pydantic, so a
command that needs the project only when there is one (`hagen validate PATH`) starts as fast outside one."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG_FILE = "hagen.toml"
PYPROJECT = "pyproject.toml"


def _has_tool_hagen(path: Path) -> bool:
    try:
        return "hagen" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def find_project(start: Path | None = None) -> Path | None:
    """The configuration file of the project `start` (default: the current folder) is in: the nearest
    hagen.toml, or pyproject.toml with a [tool.hagen] table, walking up; None when there is none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        if (folder / PYPROJECT).is_file() and _has_tool_hagen(folder / PYPROJECT):
            return folder / PYPROJECT
    return None

"""The inputs `check` and `place` take, made syntheses and objects: one rule for both."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def syntheses_or_objects(source: Any, project: Any = None) -> list[Any]:
    """A blueprint file or folder (str or Path, never its characters) or a BlueprintSpec is loaded (with
    `project`, default `hagen.load_project()`) and synthesized; a Synthesis or an object (dict) is kept;
    `source` is one of these or a sequence of them. Loading is imported only when something is loaded."""
    listed = [source] if isinstance(source, str | Path) or hasattr(source, "objects") else list(source)
    loadable = [i for i in listed if isinstance(i, str | Path) or hasattr(i, "tiers")]
    if not loadable:
        return listed
    from ._api import synthesize_all

    return [*synthesize_all(loadable, project=project), *(i for i in listed if i not in loadable)]

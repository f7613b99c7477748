"""The inputs `check`, `place`, `report` and `validate` take: which paths are blueprints and which are YAML
manifests (one rule for every command), and blueprints or manifests made syntheses and objects."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _helper(name: str) -> bool:
    """A name `hagen.load_blueprints` never imports: helpers (``_common.py``), hidden folders (``.venv``)."""
    return name.startswith(("_", "."))


def _holds_blueprints(folder: Path) -> bool:
    """Whether the folder holds, at any depth, a .py file `hagen.load_blueprints` would import."""
    for _, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _helper(d)]  # pruned: a .venv is never walked
        if any(f.endswith(".py") and not _helper(f) for f in files):
            return True
    return False


def split_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(blueprint paths, manifest paths), each in the order given: the one rule every command that takes
    blueprint-or-manifest PATHs follows (`hagen check`, `place`, `report`, `validate`, `diff`).

    A .py file is a blueprint; any other file is a manifest (YAML or JSON). A folder is a blueprints folder
    when it holds, at any depth, a .py file that `hagen.load_blueprints` imports (outside names starting
    with ``_`` or ``.``); everything else in it (Helm values files, chart copies, ConfigMap files) is an
    input of those blueprints, never a manifest. Any other folder is a folder of manifests. A path is
    never both: manifests kept beside blueprints are named as PATHs of their own. `paths`: str or Path,
    a str being a path. Raises InputError for a path that does not exist.
    """
    from ._errors import InputError

    blueprints: list[Path] = []
    manifests: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            (blueprints if _holds_blueprints(path) else manifests).append(path)
        elif path.is_file():
            (blueprints if path.suffix == ".py" else manifests).append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return blueprints, manifests


def syntheses_or_objects(source: Any, project: Any = None) -> list[Any]:
    """A blueprint file or folder (str or Path, never its characters) or a BlueprintSpec is loaded (with
    `project`, default `hagen.load_project()`) and synthesized; a manifest file or folder (`split_paths`)
    is read into its objects; a Synthesis or an object (dict) is kept; `source` is one of these or a
    sequence of them. Loading is imported only when something is loaded."""
    listed = [source] if isinstance(source, str | Path) or hasattr(source, "objects") else list(source)
    named = [i for i in listed if isinstance(i, str | Path)]
    if not named and not any(hasattr(i, "tiers") for i in listed):
        return listed
    _, manifests = split_paths(named)
    read = {id(i) for i in named if Path(i) in manifests}
    loadable = [i for i in listed if (isinstance(i, str | Path) and id(i) not in read) or hasattr(i, "tiers")]
    made: list[Any] = []
    if loadable:
        from ._api import synthesize_all

        made.extend(synthesize_all(loadable, project=project))
    if manifests:
        from ._validate import load_sourced

        made.extend(obj for obj, _ in load_sourced(manifests))
    return [*made, *(i for i in listed if not isinstance(i, str | Path) and not hasattr(i, "tiers"))]

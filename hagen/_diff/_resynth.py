"""`--base REV --resynth`: the blueprints as they were at a git revision, synthesized again, against the
blueprints in the work tree; for repositories that do not commit out/.

The blueprint folders are read from git's object database (``git ls-tree`` + ``git cat-file``) into a
temporary folder, never checked out: the work tree is not touched. The project configuration and target
overrides are today's (a change to hagen.toml is not part of the comparison).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ._engine import diff_trees
from ._git import read_revision
from ._model import DiffResult
from ._tree import Tree

if TYPE_CHECKING:
    from .._output import Planned
    from .._project import Project, ProjectConfig
    from ._ignore import IgnoreRule


def export_revision(folder: str | Path, rev: str, into: Path) -> Path:
    """Write `folder` as it was at `rev` under `into` (same folder name); returns the written folder."""
    tree = read_revision(folder, rev)
    target = into / Path(folder).name
    target.mkdir(parents=True, exist_ok=True)
    for rel, text in tree.texts.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def _plan(paths: Sequence[Path], project: Project) -> Planned:
    from .._api import plan
    from .._project import plan_targets

    if project.targets:
        return plan_targets(project, blueprints=list(paths))
    return plan(list(paths), project=project)


def diff_resynth(
    base: str,
    blueprint_paths: Sequence[str | Path] | str | Path | None = None,
    *,
    ignore: Sequence[IgnoreRule] = (),
    project: Project | ProjectConfig | None = None,
) -> DiffResult:
    """What synth writes from the blueprints at git revision `base` -> what it writes from the work tree.

    `blueprint_paths` (str or Path, or a sequence of them) default to the project's blueprint folders;
    `project` is the hagen.Project whose chart copies, Helm cache and targets both sides use (default
    `hagen.load_project()`). Nothing is written outside a temporary folder, removed afterwards.
    """
    from .._project import as_project

    project = as_project(project)
    if blueprint_paths is None:
        blueprint_paths = project.blueprint_paths()
    listed = [blueprint_paths] if isinstance(blueprint_paths, str | Path) else list(blueprint_paths)
    paths = [Path(p) for p in listed]
    new = _plan(paths, project)
    with tempfile.TemporaryDirectory(prefix="hagen-base-") as tmp:
        old_paths = [export_revision(p, base, Path(tmp) / str(i)) for i, p in enumerate(paths)]
        old = _plan(old_paths, project)
    result = diff_trees(
        Tree(old, f"{base} (synthesized)"), Tree(new, "work tree (synthesized)"), ignore=ignore
    )
    # Releases either side could not hydrate here: their rendered objects are compared on neither.
    notes = dict.fromkeys([*new.notes, *(f"at {base}: {n}" for n in old.notes if n not in new.notes)])
    return replace(result, notes=(*result.notes, *notes)) if notes else result

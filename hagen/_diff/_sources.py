"""The three things a diff can compare: two YAML trees, out/ at a git revision, out/ against synthesis."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._output import (
    OWNED_RECORD,
    in_scope,
    kept_files,
    owned_record,
    parse_owned,
    recover_output,
    removal_scope,
)
from ._engine import diff_trees
from ._git import read_revision
from ._model import DiffResult
from ._tree import Tree, read_path, read_text

if TYPE_CHECKING:
    from ._ignore import IgnoreRule


def diff_paths(old: str | Path, new: str | Path, *, ignore: Sequence[IgnoreRule] = ()) -> DiffResult:
    """Two directories or files of YAML (any YAML, not only hagen's), `old` -> `new`; `ignore` rules as in
    `diff_trees`."""
    return diff_trees(read_path(old), read_path(new), ignore=ignore)


def diff_revision(out_dir: str | Path, base: str, *, ignore: Sequence[IgnoreRule] = ()) -> DiffResult:
    """`out_dir` as committed at git revision `base` -> `out_dir` in the work tree (what a change does)."""
    recovery = recover_output(out_dir)
    result = diff_trees(read_revision(out_dir, base), read_path(out_dir), ignore=ignore)
    return replace(result, notes=(recovery, *result.notes)) if recovery else result


def _record(out: Path) -> str | None:
    path = out / OWNED_RECORD
    return read_text(path) if path.is_file() else None


def diff_planned(
    planned: dict[str, str],
    out_dir: str | Path,
    against: str | Path | None = None,
    scope: Collection[str] | None = None,
    *,
    ignore: Sequence[IgnoreRule] = (),
) -> DiffResult:
    """Files `hagen synth` would write (relative path -> text; a `Planned`'s notes are said in the
    result's, after the recovery of an interrupted write) against `out_dir` as it is on disk.

    Only hagen's files are compared: those planned now and those in the ownership record of the last
    synth (``.hagen-owned``); a file listed there and no longer planned is removed. Any other file is
    reported as foreign, never as drift. With `against`, that directory or file stands in for out/, and
    only objects are compared (not which file they are in, nor formatting).
    `scope` (top-level folders, i.e. blueprint names) limits the check to those blueprints, as a synth of
    some blueprints only leaves the others' files alone. `planned` holds what synth leaves in out/,
    the committed rendered objects of releases not hydrated here among them (`hagen.plan`): nothing is
    carried over here.
    """
    out = Path(against if against is not None else out_dir)
    recovery = recover_output(out) if against is None else None
    disk = read_path(out, f"{out.as_posix().rstrip('/')}/") if out.exists() else Tree({}, f"{out}/", None)
    record = _record(out) if out.is_dir() else None
    owned = set(parse_owned(record, str(out / OWNED_RECORD)))
    new_record = planned.get(OWNED_RECORD)
    generated = {p: t for p, t in planned.items() if p != OWNED_RECORD}
    notes: list[str] = [recovery] if recovery else []
    notes.extend(getattr(planned, "notes", ()))  # releases synth would not hydrate here, as it says
    if against is not None and not owned:
        owned = set(disk.texts)  # a tree that was not written by hagen: compare all of it
    elsewhere = {p for p in owned if not in_scope(p, scope)}
    if scope is not None and new_record is not None:
        new_record = owned_record(kept_files(owned, generated.keys(), scope))
    ours = {p: t for p, t in disk.texts.items() if (p in generated or p in owned) and p not in elsewhere}
    foreign = tuple(sorted(p for p in disk.texts if p not in ours and p not in elsewhere))
    # Another tree (a live export, a colleague's out/) is laid out its own way: compare objects only.
    result = diff_trees(
        Tree(ours, disk.label, disk.root),
        Tree(generated, "hagen synth"),
        layout=against is None,
        ignore=ignore,
    )
    # The record is bookkeeping: it only counts on its own, when nothing else already shows the drift.
    record_drift = new_record is not None and record != new_record and not result.drift
    formatting = (*result.formatting_only, OWNED_RECORD) if record_drift else result.formatting_only
    return replace(result, foreign=foreign, formatting_only=formatting, notes=tuple(notes))


def _blueprint_sources(specs: Sequence[Any], project: Any, out_dir: str | Path) -> dict[str, str]:
    """out/ file -> the blueprint file it comes from (a file two blueprints share is left out)."""
    from .._api import plan

    seen: dict[str, set[str]] = {}
    for spec in specs:
        source = str(getattr(spec, "source", "") or "")
        if not source:
            continue
        for path in plan([spec], project=project, out_dir=out_dir):
            seen.setdefault(path, set()).add(source)
    return {path: next(iter(found)) for path, found in seen.items() if len(found) == 1}


def diff_output(
    blueprint_paths: Sequence[str | Path] | str | Path | None = None,
    out_dir: str | Path | None = None,
    base: str | None = None,
    *,
    against: str | Path | None = None,
    with_sources: bool = False,
    project: Any = None,
    ignore: Sequence[IgnoreRule] = (),
) -> DiffResult:
    """The drift check: blueprints synthesized in memory against the committed `out_dir`; nothing is written.

    With `base`, compares `out_dir` at that git revision with the work tree instead (blueprints unused).
    `blueprint_paths`: a blueprint file or folder (str or Path) or a sequence of them; `project` a
    hagen.Project (default `hagen.load_project()`); `out_dir` default the project's out folder. Without
    `blueprint_paths`, the project decides what synth would write (hagen.plan()): with targets,
    out/<target>/<blueprint>/ and out/gitops/.
    `with_sources` also maps each output file to its blueprint (costs one synthesis per blueprint).
    `ignore` rules (the project's ``[diff] ignoreDifferences``) leave field changes out, counted.
    """
    from .._api import plan
    from .._blueprint import load_blueprints
    from .._project import as_project

    project = as_project(project)
    out_dir = project.out_path() if out_dir is None else out_dir
    if base is not None:
        return diff_revision(out_dir, base, ignore=ignore)
    if isinstance(blueprint_paths, str | Path):
        blueprint_paths = [blueprint_paths]  # one path, not a sequence of characters
    if blueprint_paths is None:
        if project.targets:
            result = diff_planned(
                plan(project=project, out_dir=out_dir), out_dir, against, None, ignore=ignore
            )
            if with_sources and result.drift:
                specs = load_blueprints(project.blueprint_paths(), project=project)
                plain = _blueprint_sources(specs, project, out_dir)
                sources = {f"{t}/{p}": s for t in project.targets for p, s in plain.items()}
                result = replace(result, sources=sources)
            return result
        blueprint_paths = [project.path(p) for p in project.blueprints]
    paths = [Path(p) for p in blueprint_paths]
    specs = load_blueprints(paths, project=project)
    # Like `hagen synth`: given only some blueprint files, the other blueprints' output is not in question.
    scope = removal_scope(all(p.is_dir() for p in paths), (spec.name for spec in specs))
    result = diff_planned(
        plan(specs, project=project, out_dir=out_dir), out_dir, against, scope, ignore=ignore
    )
    if with_sources and result.drift:
        result = replace(result, sources=_blueprint_sources(specs, project, out_dir))
    return result

"""The inputs `check`, `place`, `report` and `validate` take: which paths are blueprints and which are YAML
manifests (one rule for every command), and blueprints or manifests made syntheses and objects."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
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


@dataclass
class Sourced:
    """What `syntheses_or_objects` made: `items` (Syntheses, hydrated as `hagen synth` writes them, then
    the objects given), `texts` (the hydrated releases' files: path relative to the out folder, under
    ``<target>/`` for a target -> text), `notes` (what synth says on the releases it did not hydrate and
    on the committed objects it keeps), `out_dir` (the out folder the files are under, None when nothing
    was loaded), `project` (the hagen.Project they were loaded through) and `kube_version` (the one
    asked for, else a target's; None where none was)."""

    items: list[Any]
    texts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    out_dir: Path | None = None
    project: Any = None
    kube_version: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    """The id of each object read from a manifest -> the file it was read from."""


def _loadable(item: Any) -> bool:
    return isinstance(item, str | Path) or hasattr(item, "tiers")


def syntheses_or_objects(
    source: Any,
    project: Any = None,
    *,
    out_dir: str | Path | None = None,
    kube_version: str | None = None,
    report_errors: bool = False,
    target: str | None = None,
) -> Sourced:
    """A blueprint file or folder (str or Path, never its characters) or a BlueprintSpec is loaded (with
    `project`, default `hagen.load_project()`) and synthesized, and its Helm releases declared
    ``hydrate=True`` rendered in as `hagen synth` writes them (the project's chart copies and Helm cache),
    or, where they cannot be rendered here, their rendered objects kept as committed in `out_dir` (default
    the project's out folder) while their values match, with synth's notes (`hydrate_syntheses`). A
    manifest file or folder (`split_paths`) is read into its objects, after the syntheses; a Synthesis or
    an object (dict) is kept as given; `source` is one of these or a sequence of them.

    `report_errors`: Helm values with error findings travel in the synthesis's findings (for `check`)
    instead of raising ChartError. `target`: the blueprints (`source`: paths or imported blueprint
    classes, None the project's) as that target of the project builds them (`build_target`: its
    overrides, `hydrate`), hydrated at `kube_version` (default the target's), their files under
    ``<target>/``. Loading is imported only when something is loaded."""
    manifests: list[Path] = []
    if target is None:
        listed = [source] if isinstance(source, str | Path) or hasattr(source, "objects") else list(source)
        named = [i for i in listed if isinstance(i, str | Path)]
        _, manifests = split_paths(named) if named else ([], [])
        read = {id(i) for i in named if Path(i) in manifests}  # manifest paths: read into their objects
        listed = [i for i in listed if id(i) not in read]
        loadable = [i for i in listed if _loadable(i)]
        if not loadable:
            said = recovered_before_reading(manifests, project, out_dir)
            objects, files = _objects_in(manifests)
            return Sourced(
                [*listed, *objects], notes=said, project=project, kube_version=kube_version, files=files
            )
    from ._hydration import hydrate_syntheses
    from ._project import as_project
    from ._synth import synthesize

    project = as_project(project)
    out = project.out_path() if out_dir is None else Path(out_dir)
    hydrate_all = False
    if target is not None:
        from ._project import build_target

        given = [source] if isinstance(source, str | Path) else source
        build = build_target(project, target, None if given is None else list(given))
        specs, rest, hydrate_all = list(build.specs), [], build.hydrate
        kube_version = kube_version or build.kube_version
    else:
        from ._blueprint import load_blueprints

        # in the order given, files as `load_blueprints` reads them: `hagen place` creates pods in it
        paths = [i for i in loadable if isinstance(i, str | Path)]
        specs = [i for i in loadable if not isinstance(i, str | Path)]
        specs.extend(load_blueprints(paths, project=project) if paths else [])
        rest = [i for i in listed if i not in loadable]
    syntheses, texts, notes = hydrate_syntheses(
        [synthesize(spec, report_errors=report_errors) for spec in specs],
        project=project,
        kube_version=kube_version or project.kube_version,
        hydrate_all=hydrate_all,
        files=False,
        out_dir=out,
        target=target,
    )
    notes = [*recovered_before_reading(manifests, project, out), *notes]
    objects, files = _objects_in(manifests)
    return Sourced([*syntheses, *objects, *rest], texts, notes, out, project, kube_version, files)


def recovered_before_reading(manifests: list[Path], project: Any, out_dir: str | Path | None) -> list[str]:
    """The sentence of finishing or discarding an interrupted write of the out folder (`out_dir`, default
    the project's) when one of `manifests` is in it, as `hagen synth` and `hagen diff` recover before
    reading out/ (`hagen._output.recover_read`); empty when none is, or nothing was left."""
    if not manifests:
        return []
    from ._output import recover_read

    if out_dir is None:
        from ._project import as_project

        out_dir = as_project(project).out_path()
    said = recover_read(manifests, out_dir)
    return [said] if said else []


def _objects_in(manifests: list[Path]) -> tuple[list[Any], dict[str, str]]:
    """The objects of manifest files and folders, read as `hagen check` reads them, and the file of each
    (object id -> path; the first file of an id that two files hold)."""
    if not manifests:
        return [], {}
    from ._objects import object_id
    from ._validate import load_sourced

    objects: list[Any] = []
    files: dict[str, str] = {}
    for obj, source in load_sourced(manifests):
        objects.append(obj)
        files.setdefault(object_id(obj), source)
    return objects, files


def inside(paths: Iterable[str | Path], folder: str | Path) -> bool:
    """Whether one of `paths` is `folder` (an existing folder) or inside it, symlinks resolved."""
    if not Path(folder).is_dir():
        return False
    root = Path(folder).resolve()
    return any(Path(p).resolve().is_relative_to(root) for p in paths)

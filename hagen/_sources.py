"""The inputs `check` and `place` take, made syntheses and objects: one rule for both, and for their
commands (`hagen check`, `hagen place` call them with the paths they were given)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
    Synthesis or an object (dict) is kept as given; `source` is one of these or a sequence of them.

    `report_errors`: Helm values with error findings travel in the synthesis's findings (for `check`)
    instead of raising ChartError. `target`: the blueprints (`source`: paths or imported blueprint
    classes, None the project's) as that target of the project builds them (`build_target`: its
    overrides, `hydrate`), hydrated at `kube_version` (default the target's), their files under
    ``<target>/``. Loading is imported only when something is loaded."""
    if target is None:
        listed = [source] if isinstance(source, str | Path) or hasattr(source, "objects") else list(source)
        loadable = [i for i in listed if _loadable(i)]
        if not loadable:
            return Sourced(listed, project=project, kube_version=kube_version)
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
    return Sourced([*syntheses, *rest], texts, notes, out, project, kube_version)

"""Targets as files: plan (in memory), synth (to disk), and two targets side by side (for review)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import InputError, InvalidOutput
from .._finding import stop_on_errors
from ._config import ProjectConfig
from ._render import ChartSources, RenderedTarget, render_targets

if TYPE_CHECKING:
    from .._output import Planned, WriteReport


InvalidTargetOutput = InvalidOutput
"""The former name of InvalidOutput (one exception for output that fails the schema, targets or not)."""


def _paths(project: ProjectConfig, blueprints: Sequence[str | Path] | None) -> list[str]:
    chosen = blueprints if blueprints else [project.path(p) for p in project.blueprints]
    return [Path(p).as_posix() for p in chosen]


def given_charts(
    project: ProjectConfig | None,
    charts: Mapping[str, Path] | None = None,
    committed: str | Path | None = None,
) -> ChartSources:
    """Where the releases to hydrate find their charts: `charts` (release name -> chart copy), else the
    project's (`--chart`), then the project's Helm repository cache (a ProjectConfig has neither; None:
    `hagen.load_project()`); where none is found, the rendered objects `committed` (the out folder,
    recovered from an interrupted write before: `recover_output`) holds."""
    from ._context import as_project

    context = as_project(project)
    folder = Path(committed) if committed is not None else None
    return ChartSources(dict(context.charts if charts is None else charts), context.helm_cache, folder)


def hydration_notes(rendered: Sequence[RenderedTarget]) -> list[str]:
    """Each target's releases not hydrated, and why, then the committed rendered objects kept in their
    stead (or stale), each said once."""
    return list(dict.fromkeys(n for r in rendered for n in r.notes))


def _require_targets(project: ProjectConfig) -> None:
    if not project.targets:
        where = project.source or "this folder (no hagen.toml or [tool.hagen] found)"
        raise InputError(f"{where}: the project declares no targets; add a [targets.<name>] table")


def _gitops(
    project: ProjectConfig, rendered: Sequence[RenderedTarget], all_names: Sequence[str]
) -> dict[str, str]:
    """out/gitops/ files; they list every target, whichever were rendered (namespaces of the others are
    taken from the rendered ones, as blueprints keep their namespace across targets)."""
    if project.gitops is None:
        return {}
    from .._gitops import Deployment, gitops_files

    namespaces: dict[str, str] = {}
    for r in rendered:
        namespaces.update(r.namespaces)
    deployments = [
        Deployment(name, blueprint, namespace, project.targets[name].cluster)
        for name in all_names
        for blueprint, namespace in sorted(namespaces.items())
    ]
    from .._errors import located_in

    with located_in(project.source or None, None):  # names clash or are too long: the file that made them
        return gitops_files(project.gitops, deployments, project.out)


def _files(project: ProjectConfig, rendered: Sequence[RenderedTarget]) -> dict[str, str]:
    files: dict[str, str] = {}
    for r in rendered:
        files.update(r.files)
    files.update(_gitops(project, rendered, list(project.targets)))
    return files


def plan_targets(
    project: ProjectConfig,
    targets: Sequence[str] | None = None,
    *,
    blueprints: Sequence[str | Path] | None = None,
    jobs: int | None = None,
    charts: Mapping[str, Path] | None = None,
    out_dir: str | Path | None = None,
) -> Planned:
    """Every file `hagen synth` leaves in out/ for these targets (default: all): path relative to out/ ->
    text, with out/gitops/ and the ownership record as a synth of exactly these targets leaves it, and
    the rendered files committed in `out_dir` (default the project's out folder) of a release to hydrate
    that has no chart copy here while their values match, as `synth_targets` keeps them (a `Planned`: a
    dict whose `notes` are those `synth_targets` says: an interrupted write of `out_dir` finished or
    discarded, each target's releases not hydrated, the committed objects kept or stale)."""
    from .._output import OWNED_RECORD, Planned, owned_record, recover_output

    _require_targets(project)
    names = project.select(targets)
    out = Path(out_dir) if out_dir is not None else project.path(project.out)
    recovery = recover_output(out)  # before the committed rendered objects are read, as synth does
    rendered = render_targets(
        project, names, _paths(project, blueprints), jobs=jobs, charts=given_charts(project, charts, out)
    )
    files = _files(project, rendered)
    files[OWNED_RECORD] = owned_record(files.keys())
    return Planned(sorted(files.items()), [*([recovery] if recovery else []), *hydration_notes(rendered)])


def synth_targets(
    project: ProjectConfig,
    targets: Sequence[str] | None = None,
    out_dir: str | Path | None = None,
    *,
    blueprints: Sequence[str | Path] | None = None,
    validate: bool = True,
    kube_version: str | None = None,
    jobs: int | None = None,
    charts: Mapping[str, Path] | None = None,
) -> WriteReport:
    """Write out/<target>/<blueprint>/ for these targets (default: all) and out/gitops/; all or nothing.

    Each target is validated against its own Kubernetes version (`kube_version`, the command line, wins);
    InvalidOutput is raised, writing nothing, when any fails. Owned files of the other targets stay.
    Releases to hydrate are rendered from `charts` (release name -> chart copy; default: the project's
    `charts`) or the project's Helm cache; the report's `notes` say which were not, and why.
    """
    from .._output import recover_output, removal_scope, write_tree

    _require_targets(project)
    names = project.select(targets)
    out = Path(out_dir) if out_dir is not None else project.path(project.out)
    # finished or discarded before the committed rendered objects are read (in workers, maybe)
    recovery = recover_output(out)
    rendered = render_targets(
        project,
        names,
        _paths(project, blueprints),
        validate=validate,
        kube_version=kube_version,
        jobs=jobs,
        charts=given_charts(project, charts, committed=out),
    )
    from .._helm._check import check_chart_names

    check_chart_names(getattr(project, "charts", {}), (name for r in rendered for name in r.releases))
    failed = {r.name: r.report for r in rendered if r.report is not None and not r.report.ok}
    if failed:
        raise InvalidOutput(failed)
    stop_on_errors(f for r in rendered for f in r.findings)  # cross-blueprint conflicts of a target
    # A synth of some blueprint files cannot tell which other owned files are stale: it removes none.
    partial = blueprints is not None and len(blueprints) > 0 and not all(Path(p).is_dir() for p in blueprints)
    complete = len(names) == len(project.targets) and not partial
    # Some blueprint files: only their folders in each target; some targets: those targets and gitops/.
    produced = {f"{r.name}/{b}" for r in rendered for b in r.namespaces} if partial else {*names, "gitops"}
    scope = removal_scope(complete, produced)
    files = _files(project, rendered)
    report = write_tree(files, out, scope)
    report.findings.extend(f for r in rendered for f in r.findings)
    report.notes.extend([*([recovery] if recovery else []), *hydration_notes(rendered)])
    return report


def diff_targets(
    project: ProjectConfig, a: str, b: str, charts: Mapping[str, Path] | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """The files of targets `a` and `b` with the <target>/ prefix removed, so that the two trees line up
    by <blueprint>/<file> (what `hagen diff --target a --against b` compares)."""
    _require_targets(project)
    project.select([a, b])
    rendered = {
        r.name: r.files
        for r in render_targets(
            project, sorted({a, b}), _paths(project, None), charts=given_charts(project, charts)
        )
    }

    def strip(name: str) -> dict[str, str]:
        cut = len(name) + 1
        return {p[cut:]: t for p, t in sorted(rendered[name].items())}

    return strip(a), strip(b)

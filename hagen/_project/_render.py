"""Rendering targets: serially in this process, or over a process pool when the work is large.

Blueprint classes are user code and do not pickle, so each worker imports the blueprint files itself and
sends back only text. Workers get whole targets, and the results are merged by path, so the bytes do not
depend on the number of workers or on which finishes first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._blueprint._discover import BlueprintClass, blueprint_classes
from ._build import TargetBuild, build_target
from ._config import ProjectConfig

POOL_MIN_SYNTHESES = 50  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class RenderedTarget:
    """One target's files (relative to out/, under <target>/) and its schema validation report."""

    name: str
    files: dict[str, str]
    namespaces: dict[str, str]  # blueprint -> namespace, for the GitOps destinations
    report: Any  # ValidationReport | None
    findings: tuple[Any, ...] = ()  # what synthesis found (Finding), for `hagen synth` to print
    releases: tuple[str, ...] = ()  # the Helm releases' names, for the project's --chart copies
    notes: tuple[str, ...] = ()  # releases not hydrated, and why; their committed objects kept (or stale)


@dataclass(frozen=True)
class ChartSources:
    """Where hydration finds a release's chart: `copies` (release name -> chart directory or .tgz, a
    project's `charts`), then the release's chart_path, then NAME-VERSION.tgz in Helm's repository cache
    folder `cache` (a project's `helm_cache`; None: not looked in)."""

    copies: Mapping[str, Path] = field(default_factory=dict)
    cache: Path | None = None
    committed: Path | None = None
    """The out folder as committed: a release not hydrated keeps the rendered objects committed there
    while their values match (`hagen._output.Committed`); None: not read. An interrupted write in it is
    finished or discarded before (`recover_output`), not here (this may run in a worker process)."""


def hydrated_synthesis(
    build: TargetBuild, spec: Any, charts: ChartSources, kube_version: str | None = None
) -> tuple[Any, dict[str, str], list[str]]:
    """One blueprint of a target synthesized with its hydrated releases: the Synthesis with the rendered
    objects among its own and their findings among its findings (what validation, `hagen check` and
    `hagen place` look at), every file under <target>/, and the notes: one for each release not
    hydrated, prefixed with the target, then those on the committed objects kept in their stead."""
    from .._output import Committed, hydrate, render, with_hydrated
    from .._synth import synthesize
    from .._validate import DEFAULT_KUBE_VERSION

    synthesis = synthesize(spec)
    files = {f"{build.name}/{p}": t for p, t in render(synthesis).items()}
    hydrated = hydrate(
        synthesis,
        files,
        charts.copies,
        cache=charts.cache,
        kube_version=kube_version or build.kube_version or DEFAULT_KUBE_VERSION,
        hydrate_all=build.hydrate,
        prefix=f"{build.name}/",
        target=build.name,
        committed=Committed(charts.committed, recover=False) if charts.committed is not None else None,
    )
    files.update(hydrated.files)
    notes = [*(f"{build.name}: {n}" for n in hydrated.notes), *hydrated.kept]
    return with_hydrated(synthesis, hydrated), files, notes


def render_build(
    build: TargetBuild,
    validate: bool,
    kube_version: str | None = None,
    charts: ChartSources | None = None,
) -> RenderedTarget:
    """Synthesize and render one target; validate its objects with `kube_version` or the target's.
    Releases to hydrate (the target's `hydrate`, or the release's) are rendered from the chart copies
    `charts` names and validated with the rest."""
    files: dict[str, str] = {}
    findings: list[Any] = []
    notes: list[str] = []
    syntheses = []
    for spec in build.specs:
        synthesis, produced, said = hydrated_synthesis(build, spec, charts or ChartSources(), kube_version)
        syntheses.append(synthesis)
        findings.extend(synthesis.findings)
        files.update(produced)
        notes.extend(n for n in said if n not in notes)
    from .._check._conflicts import conflict_findings

    findings.extend(conflict_findings(syntheses))  # two blueprints of the target, one cluster-scoped object
    report = None
    if validate:
        from .._output._streamed import merged_report

        # per blueprint, so that each error names the blueprint file and class that made its object
        report = merged_report(syntheses, kube_version or build.kube_version)
    namespaces = {s.name: s.namespace for s in build.specs}
    releases = tuple(r.name for s in build.specs for r in s.releases)
    return RenderedTarget(build.name, files, namespaces, report, tuple(findings), releases, tuple(notes))


_CLASSES: dict[tuple[str, ...], list[BlueprintClass]] = {}


def _worker(
    project: ProjectConfig,
    paths: tuple[str, ...],
    names: tuple[str, ...],
    validate: bool,
    kube: str | None,
    charts: ChartSources,
) -> list[RenderedTarget]:
    """A pool worker: import the blueprints once per process, render the targets it was given."""
    if paths not in _CLASSES:
        _CLASSES[paths] = blueprint_classes(paths)
    classes = _CLASSES[paths]
    return [render_build(build_target(project, name, classes), validate, kube, charts) for name in names]


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pool_workers(targets: int, blueprints: int, jobs: int | None = None) -> int:
    """How many processes render `targets` x `blueprints`: 1 (this process, no pool) unless there are
    several targets, more than POOL_MIN_SYNTHESES syntheses and more than one job (default: the CPUs)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if targets < 2 or targets * blueprints <= POOL_MIN_SYNTHESES:
        return 1
    return min(jobs, targets)


def render_targets(
    project: ProjectConfig,
    names: Sequence[str],
    paths: Sequence[str],
    *,
    validate: bool = False,
    kube_version: str | None = None,
    jobs: int | None = None,
    charts: ChartSources | None = None,
) -> list[RenderedTarget]:
    """Every named target rendered, in name order; a pool of `jobs` processes (default: the CPUs) is used
    only when there is more than one target and more than POOL_MIN_SYNTHESES syntheses. `charts`: where
    the releases to hydrate find their charts (default: the project's copies and Helm cache)."""
    if charts is None:
        from ._plan import given_charts

        charts = given_charts(project)
    key = tuple(paths)
    classes = _CLASSES[key] = blueprint_classes(paths)  # forked workers inherit it; spawned ones re-import
    workers = pool_workers(len(names), len(classes), jobs)
    if workers <= 1:
        return [
            render_build(build_target(project, n, classes), validate, kube_version, charts) for n in names
        ]
    import gc
    from concurrent.futures import ProcessPoolExecutor

    from .. import _output, _synth  # noqa: F401  imported once here, not once per forked worker

    if validate:
        from .. import _validate  # noqa: F401
    gc.freeze()  # forked workers then do not copy the parent's pages just to scan them for garbage
    chunks = [tuple(names[i::workers]) for i in range(workers)]
    results: list[RenderedTarget] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_worker, project, tuple(paths), chunk, validate, kube_version, charts)
            for chunk in chunks
        ]
        for future in futures:
            results.extend(future.result())
    return sorted(results, key=lambda r: r.name)

"""Rendering targets: serially in this process, or over a process pool when the work is large.

Blueprint classes are user code and do not pickle, so each worker imports the blueprint files itself and
sends back only text. Workers get whole targets, and the results are merged by path, so the bytes do not
depend on the number of workers or on which finishes first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    notes: tuple[str, ...] = ()  # releases not hydrated, and why
    releases: tuple[str, ...] = ()  # the Helm releases' names, to refuse a --chart that none uses


def hydrated_synthesis(
    build: TargetBuild, spec: Any, charts: Mapping[str, Path], kube_version: str | None = None
) -> tuple[Any, dict[str, str], list[str]]:
    """One blueprint of a target synthesized with its hydrated releases: the Synthesis with the rendered
    objects among its own and their findings among its findings (what validation, `hagen check` and
    `hagen place` look at), every file under <target>/, and a note for each release not hydrated.
    `charts`: release name -> chart directory or .tgz."""
    from .._output import hydrate, render, with_hydrated
    from .._synth import synthesize
    from .._validate import DEFAULT_KUBE_VERSION

    synthesis = synthesize(spec)
    files = {f"{build.name}/{p}": t for p, t in render(synthesis).items()}
    hydrated = hydrate(
        synthesis,
        files,
        charts,
        kube_version=kube_version or build.kube_version or DEFAULT_KUBE_VERSION,
        hydrate_all=build.hydrate,
        prefix=f"{build.name}/",
        target=build.name,
    )
    files.update(hydrated.files)
    return with_hydrated(synthesis, hydrated), files, hydrated.notes


def hydrated_syntheses(
    build: TargetBuild, charts: Mapping[str, Path], kube_version: str | None = None
) -> tuple[list[Any], list[str]]:
    """Every blueprint of the target as `hydrated_synthesis` makes it, and the notes of all."""
    syntheses: list[Any] = []
    notes: list[str] = []
    for spec in build.specs:
        synthesis, _, said = hydrated_synthesis(build, spec, charts, kube_version)
        syntheses.append(synthesis)
        notes.extend(said)
    return syntheses, notes


def render_build(
    build: TargetBuild,
    validate: bool,
    kube_version: str | None = None,
    charts: Mapping[str, Path] | None = None,
) -> RenderedTarget:
    """Synthesize and render one target; validate its objects with `kube_version` or the target's.
    Releases to hydrate (the target's `hydrate`, or the release's) are rendered from `charts` (release
    name -> chart directory or .tgz) and validated with the rest."""
    files: dict[str, str] = {}
    objects = []
    findings: list[Any] = []
    notes: list[str] = []
    syntheses = []
    for spec in build.specs:
        synthesis, produced, said = hydrated_synthesis(build, spec, charts or {}, kube_version)
        syntheses.append(synthesis)
        objects.extend(synthesis.objects)
        findings.extend(synthesis.findings)
        files.update(produced)
        notes.extend(said)
    from .._check._conflicts import conflict_findings

    findings.extend(conflict_findings(syntheses))  # two blueprints of the target, one cluster-scoped object
    report = None
    if validate:
        from .._validate import validate_objects

        report = validate_objects(objects, kube_version or build.kube_version)
    namespaces = {s.name: s.namespace for s in build.specs}
    releases = tuple(r.name for spec in build.specs for r in spec.releases)
    return RenderedTarget(build.name, files, namespaces, report, tuple(findings), tuple(notes), releases)


_CLASSES: dict[tuple[str, ...], list[BlueprintClass]] = {}


def _worker(
    project: ProjectConfig,
    paths: tuple[str, ...],
    names: tuple[str, ...],
    validate: bool,
    kube: str | None,
    charts: Mapping[str, Path],
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
    charts: Mapping[str, Path] | None = None,
) -> list[RenderedTarget]:
    """Every named target rendered, in name order; a pool of `jobs` processes (default: the CPUs) is used
    only when there is more than one target and more than POOL_MIN_SYNTHESES syntheses. `charts`: release
    name -> chart copy, for the releases to hydrate; InputError when one names no release of the targets."""
    from .._helm._check import check_chart_names

    charts = dict(charts or {})
    key = tuple(paths)
    classes = _CLASSES[key] = blueprint_classes(paths)  # forked workers inherit it; spawned ones re-import
    workers = pool_workers(len(names), len(classes), jobs)
    if workers <= 1:
        serial = [
            render_build(build_target(project, n, classes), validate, kube_version, charts) for n in names
        ]
        check_chart_names(charts, (release for r in serial for release in r.releases))
        return serial
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
    check_chart_names(charts, (release for r in results for release in r.releases))
    return sorted(results, key=lambda r: r.name)

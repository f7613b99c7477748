"""The commands as functions: what `hagen synth` does, callable from other tooling."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._blueprint import BlueprintSpec, load_blueprints
from ._errors import InvalidOutput
from ._hydration import hydrate_syntheses
from ._output import (
    OWNED_RECORD,
    Planned,
    Stream,
    WriteReport,
    object_document,
    owned_record,
    removal_scope,
    write_tree,
)
from ._synth import Synthesis, synthesize

if TYPE_CHECKING:
    from ._finding import Finding
    from ._project import Project, ProjectConfig

DEFAULT_BLUEPRINTS = "blueprints"
DEFAULT_OUT = "out"

Source = str | Path | BlueprintSpec
Sources = Source | Sequence[Source]


def _listed(sources: Sources) -> list[Source]:
    """One source or several: a str is a path, never a sequence of characters."""
    if isinstance(sources, str | Path | BlueprintSpec):
        return [sources]
    return list(sources)


def _specs(sources: Sources, project: Project | ProjectConfig | None = None) -> list[BlueprintSpec]:
    listed = _listed(sources)
    specs = [s for s in listed if isinstance(s, BlueprintSpec)]
    paths = [s for s in listed if not isinstance(s, BlueprintSpec)]
    if paths:
        specs.extend(load_blueprints(paths, project=project))
    return sorted(specs, key=lambda s: s.name)


def synthesize_all(
    sources: Sources | None = None, *, project: Project | ProjectConfig | None = None
) -> list[Synthesis]:
    """Load (where given paths) and synthesize every blueprint, in name order.

    `sources`: a blueprint file or folder (str or Path), a BlueprintSpec, or a sequence of them; default
    the project's blueprint folders. `project`: a hagen.Project (default `hagen.load_project()`).
    """
    if sources is None:
        from ._project import as_project

        project = as_project(project)
        sources = project.blueprint_paths()
    return [synthesize(spec) for spec in _specs(sources, project)]


def _refuse_blocking(parts: Sequence[Any], project: Project) -> list[Finding]:
    """What a write and `--stdout` refuse once every blueprint is synthesized, in one order: a `--chart`
    copy naming no release (InputError), then error findings, conflicts between blueprints and the
    blueprints' own (BlockingFindings). Returns the conflicts, warnings all."""
    from ._check._conflicts import conflict_findings
    from ._finding import stop_on_errors
    from ._helm._check import check_chart_names

    check_chart_names(project.charts, (r.name for s in parts for r in s.blueprint.releases))
    conflicts = conflict_findings(parts)
    stop_on_errors([*conflicts, *(f for s in parts for f in s.findings)])
    return conflicts


def synthesize_stream(
    sources: Sources | None = None,
    *,
    project: Project | ProjectConfig | None = None,
    validate: bool = True,
    kube_version: str | None = None,
    target: str | None = None,
    out_dir: str | Path | None = None,
) -> Stream:
    """What `hagen synth --stdout` prints for these blueprints: one ``---`` document per object, blueprints
    in name order, objects in hagen's order; the same text as `stream_objects` of every blueprint's
    objects, as a `Stream` (a list of str whose `findings` are the warnings `synth` would report).
    Each object's text is made (and validated) as soon as the object is, so the objects are never all
    held at once; everything is made before the caller writes anything.

    Refused as `synth` refuses, in its order: BlueprintError and ChartError while synthesizing, a
    `--chart` copy naming no release, BlockingFindings for a cluster-scoped object two blueprints emit
    differently, InvalidOutput for objects failing the schema or the API server's rules of
    `kube_version` (default the project's, else hagen's); `validate=False` skips the last. Helm
    releases declared ``hydrate=True`` are rendered in as `synth` renders them into out/ (their objects
    follow their blueprint's own); one not hydrated (no chart copy) is said in the Stream's `notes`, and
    its rendered objects committed in `out_dir` (default the project's out folder) are printed while
    their values match, with the note `synth` says when it keeps their files: the stream holds the
    objects out/ holds after `synth`. `target`: the blueprints (`sources`: paths; default the project's)
    as that target builds them, at its Kubernetes version, hydrated as the target asks, their committed
    objects under out/<target>/. `sources` and `project` are as in `synthesize_all`."""
    from ._project import as_project

    project = as_project(project)
    hydrate_all = False
    if target is not None:
        from ._project import build_target

        paths = None if sources is None else [s for s in _listed(sources) if not isinstance(s, BlueprintSpec)]
        build = build_target(project, target, paths or None)
        sources, hydrate_all = list(build.specs), build.hydrate
        kube_version = kube_version or build.kube_version
    if sources is None:
        sources = project.blueprint_paths()
    kube_version = kube_version or project.kube_version
    out_dir = project.out_path() if out_dir is None else out_dir
    from ._output._streamed import merged_report, object_check, stream_synthesis, streamed_documents, streams

    check = object_check(kube_version) if validate else None
    specs = _specs(sources, project)
    # as `synth`: a blueprint with releases is made whole, its values checked against the chart
    parts = [stream_synthesis(s, check, object_document) if streams(s) else synthesize(s) for s in specs]
    conflicts = _refuse_blocking(parts, project)
    notes: list[str] = []
    for n, part in enumerate(parts):
        if isinstance(part, Synthesis):
            hydrated, _, found = hydrate_syntheses(
                [part],
                project=project,
                kube_version=kube_version,
                hydrate_all=hydrate_all,
                files=False,
                out_dir=out_dir,
                target=target,
            )
            parts[n] = hydrated[0]
            notes.extend(found)
    findings = [f for s in parts for f in s.findings]
    documents = streamed_documents(parts)
    if validate:
        report = merged_report(parts, kube_version)
        if not report.ok:
            raise InvalidOutput({"": report})
    return Stream(documents, [*findings, *conflicts], notes)  # warnings in `synth`'s order


def plan(
    sources: Sources | None = None,
    *,
    project: Project | ProjectConfig | None = None,
    out_dir: str | Path | None = None,
) -> Planned:
    """Every file `hagen synth` would leave in out/ for these blueprints: relative path under out/ -> text
    (a `Planned`: a dict whose `notes` are what `synth` says on its Helm releases, in its order: those
    not hydrated and why, an interrupted write of `out_dir` finished or discarded, the committed rendered
    objects kept or stale).

    Includes the ownership record (.hagen-owned) as a full synth of exactly these blueprints writes it,
    and, as `synth` keeps them, the rendered files committed in `out_dir` (default the project's out
    folder) of a release declared ``hydrate=True`` that cannot be hydrated here (no chart copy) while their
    values match (`hagen._output.Committed`). Nothing is generated on disk (reading the committed files
    first finishes or discards an interrupted write, as every command reading out/ does). Without
    `sources`, the project's configuration decides (hagen.toml or [tool.hagen], found from the current
    folder): with targets, out/<target>/<blueprint>/ and out/gitops/ for every target (see
    `plan_targets`); otherwise its blueprint folders (default blueprints/).
    """
    from ._project import as_project

    project = as_project(project)
    out_dir = project.out_path() if out_dir is None else out_dir
    if sources is None:
        if project.targets:
            from ._project import plan_targets

            return plan_targets(project, out_dir=out_dir)
        sources = project.blueprint_paths()
    files: dict[str, str] = {}
    notes: list[str] = []
    for synthesis in synthesize_all(sources, project=project):
        # one blueprint at a time, as `synth` hydrates them: its notes in the same order
        _, texts, found = hydrate_syntheses([synthesis], project=project, out_dir=out_dir)
        files.update(texts)
        notes.extend(found)
    files[OWNED_RECORD] = owned_record(files.keys())
    return Planned(sorted(files.items()), notes)


def synth(
    sources: Sources | None = None,
    out_dir: str | Path | None = None,
    *,
    validate: bool = True,
    kube_version: str | None = None,
    project: Project | ProjectConfig | None = None,
) -> WriteReport:
    """Synthesize blueprints into out_dir: everything is rendered (and schema-validated) in memory first,
    then written. Raises InvalidOutput, writing nothing, when an object fails the Kubernetes schema of
    `kube_version` (default: hagen's default version), and BlockingFindings when two blueprints emit one
    cluster-scoped object with different content (`objects.cluster-scoped-conflict`, error); the
    warnings found travel in the report's `findings`.

    When every source is a folder, owned files of blueprints that no longer exist are removed too;
    otherwise removal is limited to the folders of the blueprints synthesized.

    Without `sources` the project's configuration decides, as in `plan` (with targets: `synth_targets`);
    without `out_dir`, its out folder (default out/). `sources` and `project` are as in `synthesize_all`;
    `kube_version` defaults to the project's.
    """
    from ._project import as_project

    project = as_project(project)
    if sources is None:
        if project.targets:
            from ._project import synth_targets  # the target machinery (overrides, pool) only for targets

            return synth_targets(project, None, out_dir, validate=validate, kube_version=kube_version)
        sources = project.blueprint_paths()
    kube_version = kube_version or project.kube_version
    out_dir = project.out_path() if out_dir is None else out_dir
    listed = _listed(sources)
    from ._output._streamed import (
        Layered,
        merged_report,
        object_check,
        stream_synthesis,
        streamed_files,
        streams,
    )

    # Blueprints without Helm releases are validated and rendered object by object as they are made, so
    # their objects are never all alive at once; what they fail is raised below, where it was found.
    check = object_check(kube_version) if validate else None
    parts = [stream_synthesis(s, check) if streams(s) else synthesize(s) for s in _specs(listed, project)]
    conflicts = _refuse_blocking(parts, project)
    rendered: list[Mapping[str, str]] = []
    notes: list[str] = []
    for n, part in enumerate(parts):
        if isinstance(part, Synthesis):
            # releases not hydrated here keep their committed rendered objects while the values match
            hydrated, texts, found = hydrate_syntheses(
                [part], project=project, kube_version=kube_version, out_dir=out_dir
            )
            parts[n] = hydrated[0]
            notes.extend(found)
            rendered.append(texts)
        else:
            rendered.append(streamed_files(part))
    # every blueprint's files as one mapping, not copied into one dict: a later blueprint wins a path, as
    # update() let it (the texts of streamed ones are joined to their header only when written)
    files: Mapping[str, str] = Layered(rendered) if len(rendered) != 1 else rendered[0]
    if validate:
        report = merged_report(parts, kube_version)
        if not report.ok:
            raise InvalidOutput({"": report})
    complete = all(not isinstance(s, BlueprintSpec) and Path(s).is_dir() for s in listed)
    scope = removal_scope(complete, (s.blueprint.name for s in parts))
    written = write_tree(files, Path(out_dir), scope)
    written.findings.extend(f for s in parts for f in s.findings)
    written.notes.extend(notes)
    written.findings.extend(conflicts)
    return written

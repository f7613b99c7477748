"""The commands as functions: what `hagen synth` does, callable from other tooling."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._blueprint import BlueprintSpec, load_blueprints
from ._errors import HagenError
from ._output import (
    OWNED_RECORD,
    WriteReport,
    object_document,
    owned_record,
    removal_scope,
    render,
    write_tree,
)
from ._synth import Synthesis, synthesize, synthesize_each

if TYPE_CHECKING:
    from ._validate import ValidationReport

DEFAULT_BLUEPRINTS = "blueprints"
DEFAULT_OUT = "out"

Source = str | Path | BlueprintSpec


def _specs(sources: Sequence[Source]) -> list[BlueprintSpec]:
    specs = [s for s in sources if isinstance(s, BlueprintSpec)]
    paths = [s for s in sources if not isinstance(s, BlueprintSpec)]
    if paths:
        specs.extend(load_blueprints(paths))
    return sorted(specs, key=lambda s: s.name)


def synthesize_all(sources: Sequence[Source] = (DEFAULT_BLUEPRINTS,)) -> list[Synthesis]:
    """Load (where given paths) and synthesize every blueprint, in name order."""
    return [synthesize(spec) for spec in _specs(sources)]


def synthesize_stream(sources: Sequence[Source] = (DEFAULT_BLUEPRINTS,)) -> list[str]:
    """What `hagen synth --stdout` prints for these blueprints: one ``---`` document per object, blueprints
    in name order, objects in hagen's order; the same text as `stream_objects` of every blueprint's
    objects. Each object's text is made as soon as the object is (`synthesize_each`), so the objects
    are never all held at once; everything is made before the caller writes anything."""
    return [doc for spec in _specs(sources) for doc in synthesize_each(spec, object_document)]


def plan(sources: Sequence[Source] | None = None) -> dict[str, str]:
    """Every file `hagen synth` would write for these blueprints: relative path under out/ -> text.

    Includes the ownership record (.hagen-owned) as a full synth of exactly these blueprints writes it.
    Nothing is written. Without `sources`, the project's configuration decides (hagen.toml or
    [tool.hagen], found from the current folder): with targets, out/<target>/<blueprint>/ and out/gitops/
    for every target (see `plan_targets`); otherwise its blueprint folders (default blueprints/).
    """
    if sources is None:
        from ._project import load_project, plan_targets

        project = load_project()
        if project.targets:
            return plan_targets(project)
        sources = [project.path(p) for p in project.blueprints]
    _, files, _ = hydrate_syntheses(synthesize_all(sources))
    files[OWNED_RECORD] = owned_record(files.keys())
    return dict(sorted(files.items()))


def hydrate_syntheses(
    syntheses: Sequence[Synthesis],
    charts: Mapping[str, Path] | None = None,
    *,
    kube_version: str | None = None,
    hydrate_all: bool = False,
    files: bool = True,
) -> tuple[list[Synthesis], dict[str, str], list[str]]:
    """Each synthesis with its hydrated Helm releases (those declared ``hydrate=True``, or all with
    `hydrate_all`) rendered in: (the syntheses with the rendered objects and findings among their own,
    every file under out/ as `render` plus helm/<release>/ make them, one note per release not hydrated
    and why).

    `charts`: release name -> chart directory or .tgz (default: the --chart copies of the command line);
    a release's chart_path and Helm's repository cache are looked in after it. `kube_version` is written
    into the provenance (default: hagen's default version). With ``files=False`` only the hydrated
    releases' files come back, and blueprints without one are not rendered (for checks and placement).
    ChartError when a chart does not render.
    """
    from ._output import hydrate, with_hydrated
    from ._validate import DEFAULT_KUBE_VERSION

    if charts is None:
        from ._helm._check import CHART_PATHS

        charts = CHART_PATHS.get()
    out: list[Synthesis] = []
    written: dict[str, str] = {}
    notes: list[str] = []
    for synthesis in syntheses:
        wanted = hydrate_all or any(r.hydrate for r in synthesis.blueprint.releases)
        if not wanted:
            out.append(synthesis)
            written.update(render(synthesis) if files else {})
            continue
        own = render(synthesis)
        hydrated = hydrate(
            synthesis, own, charts, kube_version=kube_version or DEFAULT_KUBE_VERSION, hydrate_all=hydrate_all
        )
        written.update(own if files else {})
        written.update(hydrated.files)
        notes.extend(hydrated.notes)
        out.append(with_hydrated(synthesis, hydrated))
    return out, written, notes


class InvalidOutput(HagenError):
    """Synthesized objects fail the Kubernetes schema; `report` lists every error. Nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.text())


def synth(
    sources: Sequence[Source] | None = None,
    out_dir: str | Path | None = None,
    *,
    validate: bool = True,
    kube_version: str | None = None,
) -> WriteReport:
    """Synthesize blueprints into out_dir: everything is rendered (and schema-validated) in memory first,
    then written. Raises InvalidOutput, writing nothing, when an object fails the Kubernetes schema of
    `kube_version` (default: hagen's default version), and BlockingFindings when two blueprints emit one
    cluster-scoped object with different content (`objects.cluster-scoped-conflict`, error); the
    warnings found travel in the report's `findings`.

    When every source is a folder, owned files of blueprints that no longer exist are removed too;
    otherwise removal is limited to the folders of the blueprints synthesized.

    Without `sources` the project's configuration decides, as in `plan` (with targets: `synth_targets`);
    without `out_dir`, its out folder (default out/).
    """
    if sources is None:
        from ._project import load_project, synth_targets

        project = load_project()
        if project.targets:
            return synth_targets(project, None, out_dir, validate=validate, kube_version=kube_version)
        sources = [project.path(p) for p in project.blueprints]
        out_dir = out_dir if out_dir is not None else project.path(project.out)
    out_dir = DEFAULT_OUT if out_dir is None else out_dir
    syntheses = synthesize_all(sources)
    from ._helm._check import CHART_PATHS, check_chart_names

    check_chart_names(CHART_PATHS.get(), (r.name for s in syntheses for r in s.blueprint.releases))
    from ._check._conflicts import conflict_findings
    from ._finding import stop_on_errors

    conflicts = conflict_findings(syntheses)
    stop_on_errors(conflicts)
    syntheses, files, notes = hydrate_syntheses(syntheses, kube_version=kube_version)
    if validate:
        from ._validate import validate_objects

        report = validate_objects([o for s in syntheses for o in s.objects], kube_version)
        if not report.ok:
            raise InvalidOutput(report)
    if notes:  # releases not hydrated here: their committed rendered files stay while the values match
        from ._output import keep_hydrated

        files, kept = keep_hydrated(files, Path(out_dir))
        notes.extend(kept)
    complete = all(not isinstance(s, BlueprintSpec) and Path(s).is_dir() for s in sources)
    scope = removal_scope(complete, (s.blueprint.name for s in syntheses))
    written = write_tree(files, Path(out_dir), scope)
    written.findings.extend(f for s in syntheses for f in s.findings)
    written.notes.extend(notes)
    written.findings.extend(conflicts)
    return written

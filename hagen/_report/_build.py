"""`hagen.report`: the report's files (relative path -> text), built from the public API; nothing written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._text import plural
from ._changes import add_marks_and_removed, diff_section, scoped
from ._dot import GraphvizMissing, clean_svg, layout, to_dot
from ._findings import findings_section, schema_section
from ._graph import build_graph
from ._placement import placement_section
from ._subjects import Subject, subjects


@dataclass(frozen=True)
class ReportOptions:
    """What a report shows beyond the default: `base` (a git revision: the diff of out/ since then, with
    verdicts), `rollouts` (tiers) and `failures` (node names or zone=ZONE) to simulate as `hagen place`
    does, the pod creation `order`, `markdown` (also write summary.md for a pull-request comment), `link`
    (where the pages will be published, e.g. the CI run's artefacts; default the relative file), `stamp`
    (a generation time to print; None keeps the bytes the same from run to run)."""

    base: str | None = None
    rollouts: Sequence[str] = ()
    failures: Sequence[str] = ()
    order: str = "declared"
    markdown: bool = False
    link: str | None = None
    stamp: str | None = None


class ReportFiles(dict[str, str]):
    """The report's files (relative path -> text, as a dict) and `notes`: what the pages say beside their
    sections, once each, for the caller to tell its user as `hagen synth` and `hagen diff` do: the
    recovery of an interrupted write of out/ (`--base`), then each page's notes (releases not
    hydrated, pods not placed, unknown topology keys), prefixed with the target's name when there are
    targets."""

    notes: list[str]

    def __init__(self, files: Mapping[str, str] | None = None, notes: Sequence[str] = ()) -> None:
        super().__init__(files or {})
        self.notes = list(notes)


@dataclass
class Page:
    """One page's data, before its graphs are laid out."""

    subject: Subject
    graphs: list[Any] = field(default_factory=list)
    svgs: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def _page(
    subject: Subject, diff: tuple[Any, Any] | None, options: ReportOptions, out_dir: str, project: Any
) -> Page:
    from hagen._place._inputs import Inputs, add_specs, declared_cluster
    from hagen._place._pods import workloads
    from hagen._place._svg import namespaced_tier_colors

    from .._check import check
    from .._hydration import hydrate_syntheses
    from .._synth import synthesize

    # The objects `hagen synth` writes, the charts of hydrated releases rendered in (one pipeline), or
    # their objects kept as committed where they cannot be rendered here, with synth's notes on them.
    syntheses, texts, hydration = hydrate_syntheses(
        [synthesize(spec) for spec in subject.specs],
        project=project,
        kube_version=subject.kube_version,
        hydrate_all=subject.hydrate,
        files=False,
        out_dir=project.path(project.out),
        target=subject.prefix.rstrip("/") or None,
    )
    cache = {id(spec): s for spec, s in zip(subject.specs, syntheses, strict=True)}
    inputs = add_specs(Inputs(), subject.specs, lambda spec: cache[id(spec)])
    page = Page(subject)
    scope = scoped(*diff, subject.prefix) if diff is not None else None
    objects = [o for s in syntheses for o in s.objects]
    cluster = declared_cluster(inputs)  # the one cluster `hagen place` and `hagen check` judge too
    page.data["placement"] = placement_section(
        inputs.objects,
        inputs.tiers,
        cluster,
        order=options.order,
        rollouts=options.rollouts,
        failures=options.failures,
    )
    # A tier looks in the graph as its pods in the placement picture: colours by (namespace, tier).
    colors = page.data["placement"].get("colors") or namespaced_tier_colors(
        (w.namespace, w.tier) for w in workloads(inputs.objects, inputs.tier_labels)
    )
    for synthesis in syntheses:
        namespace = synthesis.blueprint.namespace
        mine = {tier: color for (ns, tier), color in colors.items() if ns == namespace}
        page.graphs.append(build_graph(synthesis, colors=mine))
    if scope is not None:
        add_marks_and_removed(page.graphs, scope, subject.prefix)
        page.data["diff"] = diff_section(scope, options.base or "")
    page.data["notes"] = list(hydration)  # releases not hydrated: not in the graph, findings or schema
    page.data["placement_notes"] = list(inputs.notes)  # releases whose pods were not placed
    out = f"{out_dir}/{subject.prefix}".rstrip("/")
    # as the schema section; lines as `hagen check` gives them (texts: the hydrated releases' files)
    own = {path.removeprefix(subject.prefix): text for path, text in texts.items()}  # relative to `out`
    result = check(syntheses, out_dir=out, kube_version=subject.kube_version, texts=own, project=project)
    page.data["findings"] = findings_section(result)
    page.data["schema"] = schema_section(objects, subject.kube_version)
    page.data["counts"] = {
        "blueprints": len(subject.specs),
        "tiers": sum(len(s.tiers) for s in subject.specs),
        "objects": len(objects),
    }
    return page


def _lay_out(pages: Sequence[Page]) -> str | None:
    """Every page's graphs in one `dot` run; the message to show instead when Graphviz is missing."""
    sources: list[str] = []
    for p, page in enumerate(pages):
        sources.extend(to_dot(g, f"g{p}-{i}") for i, g in enumerate(page.graphs))
    try:
        svgs = iter(layout(sources))
    except GraphvizMissing as exc:
        return str(exc)
    for page in pages:
        for graph in page.graphs:
            desc = (
                f"{plural(len(graph.nodes), 'node')} and {plural(len(graph.edges), 'edge')}, left to right: "
                "the blueprint, its tiers with their objects, what they use and store on, and who may call "
                "whom; the table below lists the same"
            )
            page.svgs.append(clean_svg(next(svgs), graph.title, desc))
    return None


def report(
    sources: Sequence[str | Path] | None = None,
    *,
    targets: Sequence[str] = (),
    options: ReportOptions | None = None,
    project: Any = None,
) -> ReportFiles:
    """The report's files: relative path -> text (a `ReportFiles`: a dict, with the pages' `notes`). One
    HTML page per target (`<target>.html`, with an `index.html` listing them) or, without targets,
    `index.html`; plus `summary.md` with `options.markdown`. Pages are self-contained (inline CSS and
    SVG, no script, nothing fetched).

    `sources`: blueprint files or folders (default the project's); `targets`: target names (default every
    target); `project`: a hagen.ProjectConfig (default `hagen.load_project()`). Raises InputError for an
    unknown target, BlueprintError for a bad blueprint; a missing Graphviz is reported in the page.
    With `options.base`, an interrupted write of out/ is finished or discarded first (as
    `hagen.diff_output(base=...)` does) and every page, the index and the summary say so.
    """
    from .._project import load_project
    from ._render import render_pages

    options = options or ReportOptions()
    project = project if project is not None else load_project()
    pages_of = subjects(project, sources, targets)
    out_dir = str(project.out)
    diff = None
    recovery: list[str] = []
    if options.base is not None:
        from hagen._diff._git import read_revision
        from hagen._diff._tree import read_path
        from hagen._output import recover_output

        out = project.path(project.out)
        said = recover_output(out)  # as hagen.diff_output(base=...) does, and said as it says it
        recovery = [said] if said else []
        diff = (read_revision(out, options.base), read_path(out))
    pages = [_page(s, diff, options, out_dir, project) for s in pages_of]
    graph_error = _lay_out(pages)
    files, notes = render_pages(pages, options, graph_error, bool(project.targets), recovery)
    return ReportFiles(files, notes)

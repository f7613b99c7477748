"""Report pages and the pull-request summary from their data, through the package's jinja2 templates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._version import __version__

FIT_NODES = 40
"""Graphs up to this many nodes shrink to the page's width; larger ones keep their size and scroll."""

MIN_SCALE = 0.5
"""A shrinking graph stops at this fraction of its size (10pt labels stay 5pt, legible when zoomed)
and scrolls in its frame below it: on a phone a 2,000 px graph would otherwise have 2 px labels."""

MAX_SUMMARY = 65_536
"""GitHub's limit on a pull-request comment body."""


def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("hagen._report", ""),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _min_width(svg: str | None) -> str:
    """The CSS min-width of a shrinking graph: MIN_SCALE of Graphviz's `width="...pt"`."""
    import re

    found = re.search(r'<svg\b[^>]*?\swidth="([\d.]+)pt"', svg or "")
    return f"{float(found.group(1)) * MIN_SCALE:.0f}pt" if found else "0"


def _edges(graph: Any) -> list[dict[str, str]]:
    """The graph as a table: each edge with its ends' labels (the text alternative of the picture)."""
    return [
        {"src": graph.nodes[e.src].label, "kind": e.kind, "label": e.label, "dst": graph.nodes[e.dst].label}
        for e in graph.edges
    ]


def page_notes(page: Any) -> list[str]:
    """What a page says beside its sections: releases not hydrated (their objects are in no section),
    then, when it shows a placement, unknown topology keys and releases whose pods were not placed."""
    placement = page.data["placement"]
    placed = [*placement.get("topology", []), *page.data["placement_notes"]] if "svg" in placement else []
    return list(dict.fromkeys([*page.data["notes"], *placed]))


def _summary_line(page: Any) -> dict[str, Any]:
    data = page.data
    placement = data["placement"]
    diff = data.get("diff")
    return {
        "notes": page_notes(page),
        "name": page.subject.name,
        "page": page.subject.page,
        "description": page.subject.description,
        "pending": len(placement.get("pending", [])),
        "placement": placement.get("summary", placement.get("missing", "")),
        "errors": data["findings"]["counts"]["error"],
        "warnings": data["findings"]["counts"]["warning"],
        "schema": len(data["schema"]["errors"]),
        "verdict": (diff or {}).get("banner", {}).get("verdict"),
        "counts": (diff or {}).get("counts", {}),
        "callouts": (diff or {}).get("callouts", []),
    }


def render_pages(
    pages: Sequence[Any],
    options: Any,
    graph_error: str | None,
    has_targets: bool,
    run_notes: Sequence[str] = (),
) -> tuple[dict[str, str], list[str]]:
    """(relative path -> text of every file of the report, every note they say once each). `run_notes`
    (the recovery of out/) are said on every page, the index and the summary; a page's own notes on it,
    and in the index and the summary under its name."""
    env = _env()
    page_template = env.get_template("page.html.j2")
    css = env.get_template("style.css.j2").render()
    lines = [_summary_line(p) for p in pages]
    files: dict[str, str] = {}
    for page, line in zip(pages, lines, strict=True):
        graphs = [
            {
                "title": g.title,
                "svg": svg,
                "edges": _edges(g),
                "marked": len(g.marked),
                "fit": len(g.nodes) <= FIT_NODES,
                "min_width": _min_width(svg),
            }
            for g, svg in zip(page.graphs, page.svgs or [None] * len(page.graphs), strict=True)
        ]
        files[page.subject.page] = page_template.render(
            css=css,
            subject=page.subject,
            line=line,
            graphs=graphs,
            graph_error=graph_error,
            home="index.html" if has_targets else None,
            version=__version__,
            stamp=options.stamp,
            run_notes=list(run_notes),
            **page.data,
        )
    if has_targets:
        files["index.html"] = env.get_template("index.html.j2").render(
            css=css,
            lines=lines,
            version=__version__,
            stamp=options.stamp,
            base=options.base,
            run_notes=list(run_notes),
        )
    named = [f"{line['name']}: {n}" if has_targets else n for line in lines for n in line["notes"]]
    notes = list(dict.fromkeys([*run_notes, *named]))
    if options.markdown:
        files["summary.md"] = summary_markdown(env, lines, options, notes)
    return dict(sorted(files.items())), notes


def summary_markdown(
    env: Any, lines: Sequence[dict[str, Any]], options: Any, notes: Sequence[str] = ()
) -> str:
    """The pull-request comment: one row per page, the refused and recreated objects, the notes (as
    `render_pages` returns them), the link; call-outs are cut (and the cut said) when the comment would
    pass GitHub's 65,536 characters."""
    template = env.get_template("summary.md.j2")
    # A link ending in "/" is a folder serving the pages (each target links to its page); anything else
    # (a CI run, whose artefacts are zip files) is linked as it is.
    link = options.link or ""
    folder = link if link.endswith("/") else ""
    keep = max((len(line["callouts"]) for line in lines), default=0)
    while True:
        text: str = template.render(
            lines=lines,
            link=link,
            folder=folder,
            base=options.base,
            keep=keep,
            stamp=options.stamp,
            notes=notes,
        )
        if len(text) <= MAX_SUMMARY or keep == 0:
            return text
        keep //= 2

"""The resource graph laid out by Graphviz's `dot` (through the `graphviz` package) as inline SVG.

Every graph of a page goes to one `dot` process. The SVG is made deterministic and fit to inline: the XML
prolog, DOCTYPE and comments (Graphviz's version line) are dropped, element ids are given per graph, and
the root gets role="img" with a <title> and <desc> for screen readers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from .._errors import HagenError
from ._model import Graph, Mark, Node, Row

# Okabe-Ito (colour-blind safe); the verdict is also written out in the node, never shown by colour alone.
VERDICT_FILL = {
    "in place": "#d4ebf8",
    "rollout": "#fbe5b4",
    "recreate": "#f2d8e7",
    "refused": "#f6cdb3",
    "removed": "#e6e6e6",
}
VERDICT_LINE = {"in place": "#0072B2", "rollout": "#E69F00", "recreate": "#CC79A7", "refused": "#D55E00"}
SIGN = {"added": "+", "removed": "−", "changed": "~", "moved": "→"}
EDGE_STYLE = {
    "owns": 'color="#999999" arrowhead=none',
    "uses": 'color="#555555"',
    "stores": 'color="#555555" penwidth=1.6',
    "provisions": 'color="#555555" penwidth=1.6',
    "runs": 'color="#555555" style=dotted',
    "connects": 'color="#0072B2" style=dashed penwidth=1.4 fontcolor="#0b3f66"',
}
SHAPES = {"blueprint": "folder", "release": "component", "outside": "doublecircle", "addon": "box3d"}


class GraphvizMissing(HagenError):
    """Graphviz's `dot` program is not installed: the graph cannot be laid out (the report says so)."""


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _mark_key(mark: Mark | None) -> str | None:
    if mark is None:
        return None
    return "removed" if mark.status == "removed" else mark.verdict


def _row(row: Row) -> str:
    text = f"{row.kind} {row.name}" + (f"  {row.detail}" if row.detail else "")
    if row.mark is None:
        return f'<tr><td align="left">{_e(text)}</td></tr>'
    fill = VERDICT_FILL.get(_mark_key(row.mark) or "", "#ffffff")
    sign = SIGN.get(row.mark.status, "~")
    return (
        f'<tr><td align="left" bgcolor="{fill}"><b>{sign}</b> {_e(text)}'
        f" <i>({_e(row.mark.text)})</i></td></tr>"
    )


def _tier_label(node: Node) -> str:
    from .._place._svg import text_color

    fill = node.color or "#dddddd"
    head = (
        f'<tr><td bgcolor="{fill}" align="left"><font color="{text_color(fill)}">'
        f"<b>{_e(node.label)}</b></font></td></tr>"
    )
    rows = "".join(_row(r) for r in node.rows)
    table = '<table border="1" cellborder="0" cellspacing="0" cellpadding="4" color="#444444">'
    return f"<{table}{head}{rows}</table>>"


def _node(node: Node, ident: str) -> str:
    attrs = [f"id={_q(ident)}"]
    if node.kind == "tier":
        attrs += ["shape=plain", f"label={_tier_label(node)}"]
        return f"  {_q(node.key)} [{' '.join(attrs)}];"
    lines = [node.label] + ([node.note] if node.note else [])
    key = _mark_key(node.mark)
    if node.mark is not None:
        lines.append(f"{SIGN.get(node.mark.status, '~')} {node.mark.text}")
    label = "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    attrs += [f'label="{label}"', f"shape={SHAPES.get(node.kind, 'box')}"]
    style = (
        ["filled"] + (["dashed"] if node.missing else []) + (["rounded"] if node.kind not in SHAPES else [])
    )
    attrs.append(f'style="{",".join(style)}"')
    attrs.append(f'fillcolor="{VERDICT_FILL.get(key or "", "#ffffff")}"')
    if key in VERDICT_LINE:
        attrs += [f'color="{VERDICT_LINE[key]}"', "penwidth=2.5"]
    return f"  {_q(node.key)} [{' '.join(attrs)}];"


def to_dot(graph: Graph, prefix: str) -> str:
    """The DOT source of `graph`; every element id starts with `prefix` (unique within the page)."""
    lines = [
        f"digraph {_q(graph.name)} {{",
        f'  graph [id={_q(prefix)} rankdir=LR fontname="Helvetica" nodesep=0.25 ranksep=0.6 '
        'bgcolor="transparent"];',
        '  node [fontname="Helvetica" fontsize=10 color="#444444" margin="0.12,0.06"];',
        '  edge [fontname="Helvetica" fontsize=9 arrowsize=0.7];',
    ]
    for i, node in enumerate(graph.nodes.values(), 1):
        lines.append(_node(node, f"{prefix}-n{i}"))
    for i, edge in enumerate(graph.edges, 1):
        label = f" label={_q(edge.label)}" if edge.label else ""
        style = EDGE_STYLE.get(edge.kind, "")
        lines.append(f"  {_q(edge.src)} -> {_q(edge.dst)} [id={_q(f'{prefix}-e{i}')} {style}{label}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_PROLOG = re.compile(r"<\?xml.*?\?>\s*|<!DOCTYPE.*?>\s*|<!--.*?-->\s*", re.S)
_ROOT = re.compile(r"<svg\b([^>]*)>")


def clean_svg(svg: str, title: str, desc: str) -> str:
    """Graphviz's SVG as an inline, accessible, deterministic fragment."""
    svg = _PROLOG.sub("", svg).strip()
    match = _ROOT.search(svg)
    if match is None:
        raise GraphvizMissing("dot produced no SVG")
    ident = re.search(r'<g id="([^"]+)"', svg)
    base = ident.group(1) if ident else "graph"
    root = (
        f'<svg{match.group(1)} role="img" aria-labelledby="{base}-title {base}-desc">'
        f'<title id="{base}-title">{_e(title)}</title><desc id="{base}-desc">{_e(desc)}</desc>'
    )
    return svg[: match.start()] + root + svg[match.end() :] + "\n"


def layout(sources: Sequence[str]) -> list[str]:
    """SVG text of each DOT source, from one `dot` run. Raises GraphvizMissing when `dot` is absent."""
    if not sources:
        return []
    import graphviz

    try:
        out = graphviz.pipe("dot", "svg", "".join(sources).encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing(
            "the resource graph needs Graphviz's `dot` program, which is not installed "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
        ) from None
    except graphviz.CalledProcessError as exc:
        raise GraphvizMissing(f"dot failed: {exc.stderr.decode('utf-8', 'replace').strip()}") from None
    parts = [p for p in re.split(r"(?=<\?xml )", out.decode("utf-8")) if p.strip()]
    if len(parts) != len(sources):
        raise GraphvizMissing(f"dot returned {len(parts)} pictures for {len(sources)} graphs")
    return parts

"""`hagen report`: one self-contained HTML page per target that a reviewer reads instead of the YAML (the
resource graph, the placement, findings, schema errors and, since a git revision, the changes with their
verdicts), and a short Markdown summary for a pull-request comment."""

from ._build import ReportFiles, ReportOptions, report
from ._dot import GraphvizMissing, clean_svg, layout, to_dot
from ._graph import build_graph
from ._model import Edge, Graph, Mark, Node, Row
from ._refs import references, selects

__all__ = [
    "Edge",
    "Graph",
    "GraphvizMissing",
    "Mark",
    "Node",
    "ReportFiles",
    "ReportOptions",
    "Row",
    "build_graph",
    "clean_svg",
    "layout",
    "references",
    "report",
    "selects",
    "to_dot",
]

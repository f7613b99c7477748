"""The resource graph as plain data: nodes (tiers as tables of their objects, shared objects alone) and
edges (who owns, uses, selects, stores on, or talks to what)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """How `--base REV` changed an object: status (added, removed, changed, moved) and verdict name."""

    status: str
    verdict: str | None = None

    @property
    def text(self) -> str:
        return self.status + (f", {self.verdict}" if self.verdict and self.status != self.verdict else "")


@dataclass(slots=True)
class Row:
    """One object inside a tier's node: `kind name`, a detail (replicas, type, ports), its diff mark."""

    object_id: str
    kind: str
    name: str
    detail: str = ""
    mark: Mark | None = None


@dataclass(slots=True)
class Node:
    """A graph node. `kind`: blueprint, tier, release, outside, provisioner, addon, or a Kubernetes kind.
    `missing`: referenced but not among the objects (a Secret made elsewhere, an add-on not installed)."""

    key: str
    kind: str
    label: str
    rows: list[Row] = field(default_factory=list)
    color: str = ""
    mark: Mark | None = None
    missing: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    """`src` -> `dst`; `kind`: owns, uses, selects, scales, stores, provisions, connects, exposes."""

    src: str
    dst: str
    kind: str
    label: str = ""


@dataclass(slots=True)
class Graph:
    """One blueprint's resources: nodes in insertion order (stable), edges once each."""

    name: str
    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def add(self, node: Node) -> Node:
        return self.nodes.setdefault(node.key, node)

    def link(self, src: str, dst: str, kind: str, label: str = "") -> None:
        edge = Edge(src, dst, kind, label)
        if src in self.nodes and dst in self.nodes and edge not in self.edges:
            self.edges.append(edge)

    @property
    def marked(self) -> list[Row | Node]:
        """Rows and nodes a change touched, in graph order."""
        out: list[Row | Node] = []
        for node in self.nodes.values():
            out.extend(r for r in node.rows if r.mark is not None)
            if node.mark is not None:
                out.append(node)
        return out

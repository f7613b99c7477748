"""`--base REV`: the part of a diff that concerns one page, its verdict banner, and the marks it puts on
the graph (hagen.diff_output compares out/ at REV with the work tree, as `hagen diff --base` does)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ._model import Mark

SEVERITY = ("refused", "recreate", "rollout", "in place")


def scoped(old: Any, new: Any, prefix: str) -> Any:
    """The diff (a hagen.DiffResult) of the files under `prefix` ("prod/", or "" for all) of two trees of
    out/ (hagen._diff._tree.Tree). Each page diffs its own files, so that an object every target writes
    (a cluster-scoped StorageClass) keeps its own id on each page instead of the ``#2`` that tells copies
    apart in one tree."""
    from hagen._diff._engine import diff_trees
    from hagen._diff._tree import Tree

    def part(tree: Any) -> Any:
        texts = {path: text for path, text in tree.texts.items() if path.startswith(prefix)}
        return Tree(texts, tree.label, tree.root)

    result = diff_trees(part(old), part(new))
    return replace(result, formatting_only=(), foreign=())


def marks(result: Any) -> dict[str, Mark]:
    """object id -> its mark (status and verdict), for the graph."""
    return {
        o.object_id: Mark(o.status, o.verdict.name if o.verdict else None)
        for o in result.objects
        if o.status != "removed"
    }


def diff_section(result: Any, base: str) -> dict[str, Any]:
    """Template data: `banner` (worst verdict, its words, counts), `callouts`, and per object its
    verdict lines and changes (values masked as every hagen diff format masks them)."""
    from hagen._diff._render import change_values, inline, title
    from hagen._diff._render_verdict import callouts, verdict_lines

    counts = result.verdict_counts()
    worst = next((v for v in SEVERITY if counts.get(v)), None)
    objects = []
    for obj in result.objects:
        rows = []
        for change in obj.changes:
            old, new = change_values(change)
            if change.kind == "moved" and not change.path:
                old, new = f"{old[0]} ({old[1]})", f"{new[0]} ({new[1]})"
            rows.append(
                {
                    "kind": change.kind,
                    "path": change.path_str if change.path else "(whole object)",
                    "old": "" if change.kind == "added" or not change.path else inline(old),
                    "new": "" if change.kind == "removed" or not change.path else inline(new),
                }
            )
        objects.append(
            {
                "title": title(obj),
                "status": obj.status,
                "verdict": obj.verdict.name if obj.verdict else "",
                "lines": verdict_lines(obj),
                "changes": rows,
            }
        )
    words = {
        "refused": "the API server will refuse part of this change",
        "recreate": "objects are deleted and created again: data may be left behind",
        "rollout": "pods are replaced by a rollout",
        "in place": "applied in place, nothing restarts",
    }
    return {
        "base": base,
        "banner": {"verdict": worst, "text": words.get(worst or "", "no change to the cluster's objects")},
        "counts": counts,
        "callouts": callouts(result),
        "objects": objects,
    }


def add_marks_and_removed(graphs: list[Any], result: Any, prefix: str = "") -> None:
    """Mark each graph's changed objects; draw the removed ones in the graph of their blueprint: the
    folder they were written to (``<prefix><blueprint>/...``), else their `app.kubernetes.io/instance`
    label, else the first graph. The folder decides first: a Helm release's objects carry the release's
    instance label, and two blueprints may share a namespace."""
    from ._graph import add_removed

    found = marks(result)
    for graph in graphs:
        for node in graph.nodes.values():
            for row in node.rows:
                row.mark = found.get(row.object_id, row.mark)
            if node.key.startswith("obj:"):
                node.mark = found.get(node.key.removeprefix("obj:"), node.mark)
    by_name = {g.name: g for g in graphs}
    for obj in result.objects:
        if obj.status != "removed" or not graphs or not isinstance(obj.old, dict):
            continue
        labels = (obj.old.get("metadata") or {}).get("labels") or {}
        path = str(obj.old_file or obj.file or "")
        folder = path.removeprefix(prefix).split("/", 1)[0] if path.startswith(prefix) else ""
        graph = by_name.get(folder) or by_name.get(labels.get("app.kubernetes.io/instance"), graphs[0])
        add_removed(graph, [(obj.object_id, obj.old)], Mark("removed"))

"""Renames recognised by similarity: a ConfigMap whose hash suffix changed with its content.

The similarity of two documents is the Jaccard index of their leaf fields (path and value), identity
(``metadata.name``/``namespace``) left out: shared leaves / leaves in either. A removed and an added object of
the same kind and namespace are one renamed object when the similarity is at least `THRESHOLD`, or at least
`STEM_THRESHOLD` when their names share the stem before the last ``-`` (``app-config-7f9c2`` and
``app-config-b41d0``). Best pairs are matched first; ties go by name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

THRESHOLD = 0.9
STEM_THRESHOLD = 0.5
MAX_PAIRS = 10_000
"""Pairs compared per kind and namespace at most; beyond it, no similarity renames (a large rewrite)."""


def _leaves(value: Any, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            name = item.get("name") if isinstance(item, dict) else None
            yield from _leaves(item, f"{path}[{name if isinstance(name, str) else i}]")
    else:
        yield f"{path}={json.dumps(value, default=str)}"


def leaf_set(doc: Any) -> frozenset[str]:
    """The leaves of a document without its name and namespace."""
    if isinstance(doc, dict) and isinstance(doc.get("metadata"), dict):
        meta = {k: v for k, v in doc["metadata"].items() if k not in ("name", "namespace")}
        doc = {**doc, "metadata": meta}
    return frozenset(_leaves(doc))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two leaf sets (1.0 for two empty ones)."""
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def stem(name: str) -> str:
    return name.rsplit("-", 1)[0] if "-" in name else name


def _meta(doc: Any) -> dict[str, Any]:
    meta = doc.get("metadata") if isinstance(doc, dict) else None
    return meta if isinstance(meta, dict) else {}


def pair_renames(
    removed: list[tuple[str, str, Any]], added: list[tuple[str, str, Any]]
) -> list[tuple[str, str]]:
    """(old key, new key) pairs among removed and added documents given as (key, doc kind, data)."""
    groups: dict[tuple[str, Any], tuple[list[Any], list[Any]]] = {}
    for side, items in ((0, removed), (1, added)):
        for key, kind, data in items:
            group = groups.setdefault((kind, _meta(data).get("namespace")), ([], []))
            group[side].append((key, data))
    pairs: list[tuple[str, str]] = []
    for olds, news in groups.values():
        if not olds or not news or len(olds) * len(news) > MAX_PAIRS:
            continue
        old_leaves = {key: leaf_set(data) for key, data in olds}
        new_leaves = {key: leaf_set(data) for key, data in news}
        scored = []
        for okey, odata in olds:
            for nkey, ndata in news:
                score = similarity(old_leaves[okey], new_leaves[nkey])
                same_stem = stem(str(_meta(odata).get("name"))) == stem(str(_meta(ndata).get("name")))
                if score >= THRESHOLD or (same_stem and score >= STEM_THRESHOLD):
                    scored.append((-score, okey, nkey))
        used_old: set[str] = set()
        used_new: set[str] = set()
        for _, okey, nkey in sorted(scored):
            if okey not in used_old and nkey not in used_new:
                used_old.add(okey)
                used_new.add(nkey)
                pairs.append((okey, nkey))
    return pairs

"""Hydrated releases in a drift check run without their chart copy.

A committed helm/<release>/ folder holds the rendered objects and provenance.yaml. Where the check has no
copy of the chart (CI without it, or without the Helm engine), synthesis yields the values only. The
committed rendered files are then kept out of the comparison, not reported as removed, as long as the
provenance's values hash matches the values.yaml synthesized now: the values (and the chart version
named in their header) are what the render depends on besides the chart itself. When they differ the
rendered files are stale and count as drift, with a note saying how to hydrate them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

PROVENANCE_NAME = "provenance.yaml"


def _values_hash(provenance_text: str) -> str | None:
    from .._yaml import load_documents

    try:
        docs = load_documents(provenance_text, PROVENANCE_NAME)
    except Exception:  # an unreadable provenance is just not a match
        return None
    for doc in docs:
        values = doc.get("values") if isinstance(doc, dict) else None
        if isinstance(values, dict) and isinstance(values.get("sha256"), str):
            return str(values["sha256"])
    return None


def _is_provenance(path: str) -> bool:
    parts = path.split("/")
    return len(parts) >= 3 and parts[-1] == PROVENANCE_NAME and parts[-3] == "helm"


def carry_unhydrated(
    generated: Mapping[str, str], committed: Mapping[str, str], owned: set[str]
) -> tuple[dict[str, str], list[str]]:
    """`generated` plus the committed files of every hydrated release folder that synthesis did not
    hydrate now but whose values are unchanged; and one note per such folder (or per stale one)."""
    carried = dict(generated)
    notes: list[str] = []
    for path in sorted(p for p in committed if _is_provenance(p)):
        folder = path.rsplit("/", 1)[0]
        values = generated.get(f"{folder}/values.yaml")
        if path in generated or values is None or path not in owned:
            continue
        if _values_hash(committed[path]) != hashlib.sha256(values.encode()).hexdigest():
            notes.append(
                f"{folder}: the rendered objects were made from other values or another chart version; "
                "hydrate again with `hagen synth --chart RELEASE=PATH`"
            )
            continue
        for name, text in committed.items():
            if name.startswith(f"{folder}/") and name in owned and name not in generated:
                carried[name] = text
        notes.append(f"{folder}: rendered objects not compared (no chart copy here); their values match")
    return carried, notes

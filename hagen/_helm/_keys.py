"""Checking the keys of generated values against a chart's values.yaml (or a typed model's key tree).

Helm accepts any key and ignores those no template reads, so a misspelt key costs a day on the cluster.
Every key path hagen writes must therefore exist in the reference. Below a key whose default is empty
(``{}``, ``[]``, null), a list, a scalar, or a key holding a Kubernetes fragment (annotations, labels,
resources, affinity, security contexts, probes...), anything goes: charts pass those through with toYaml.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .._finding import Finding, Severity
from ._merge import key_paths
from ._renames import Rename, find_rename

# Keys whose value a chart hands to Kubernetes as-is: their defaults show examples, not the allowed keys.
_FREE_FORM = re.compile(
    r"(?i)(annotations|labels|selector|securitycontext\w*|resources|affinity|tolerations|probe|env|envfrom|"
    r"spec|datasource|dnsconfig|updatestrategy|lifecycle|configscripts|podtemplates|extraobjects)$"
)


def _is_checked_map(default: Any, key: str) -> bool:
    return isinstance(default, Mapping) and bool(default) and not _FREE_FORM.search(key)


def _all_paths(reference: Mapping[str, Any]) -> list[str]:
    return [".".join(p) for p in key_paths(reference)]


def suggest(path: tuple[str, ...], siblings: list[str], reference: Mapping[str, Any]) -> str | None:
    """The closest valid key path: a sibling spelt alike, else any path whose last key is spelt alike."""
    key = path[-1]
    lowered = {s.lower(): s for s in siblings}
    close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        return ".".join((*path[:-1], lowered[close[0]]))
    best: tuple[float, int, str] | None = None
    for candidate in _all_paths(reference):
        leaf = candidate.rpartition(".")[2]
        ratio = difflib.SequenceMatcher(None, key.lower(), leaf.lower()).ratio()
        if ratio >= 0.8 and (best is None or (-ratio, len(candidate), candidate) < best):
            best = (-ratio, len(candidate), candidate)
    return best[2] if best else None


def _leaves(value: Any, path: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
    """(dotted path, value is not a mapping) for every leaf at or below `path`."""
    if isinstance(value, Mapping) and value:
        for key, item in value.items():
            yield from _leaves(item, (*path, str(key)))
    else:
        yield ".".join(path), not isinstance(value, Mapping)


def _outcome(chain: tuple[Rename, ...]) -> str:
    """What installing with the old key does: the chart's deprecation template fails, or Helm ignores it."""
    fails = next((step.render_fails for step in chain if step.render_fails), None)
    if fails is None:
        return "Helm would ignore it"
    return (
        "the chart's deprecation template fails the render while checkDeprecation is true (its default): "
        f'"{fails}"; with checkDeprecation false Helm would ignore it'
    )


def _renamed(chain: tuple[Rename, ...], path: str, chart: str) -> Finding:
    last = chain[-1]
    new: str | None = path
    for step in chain:
        new = step.new_path(new) if new is not None else None
    since = ", ".join(f"chart {step.since}" for step in chain)
    if new is None:
        return Finding(
            "helm.removed-key",
            "error",
            f"{path}: {last.old}.* was removed in chart {last.since}; {_outcome(chain)} ({chart})",
            fix=f"delete {path}",
        )
    if last.mapping_now:
        return Finding(
            "helm.renamed-key",
            "error",
            f"{path} is a mapping since chart {last.since} (registry, repository, tag); the old single value "
            f"belongs in {new} ({since})",
            fix=f"write it as {new}",
        )
    return Finding(
        "helm.renamed-key",
        "error",
        f"{path} was renamed to {new} ({since}); under the old name {_outcome(chain)}",
        fix=f"write it as {new}",
    )


def check_keys(
    values: Mapping[str, Any],
    reference: Mapping[str, Any],
    *,
    chart: str,
    renames: tuple[Rename, ...] = (),
    unknown_severity: Severity = "error",
) -> list[Finding]:
    """A finding for each key of `values` that `reference` lacks: renamed (with its new path) or unknown
    (with the closest valid key). `chart` names the reference in messages ("chart jenkins 5.9.53").

    Renamed and removed keys are always errors; unknown keys get `unknown_severity` (a warning when the
    reference is only a typed model's key tree, which knows fewer keys than the chart).
    """
    findings: list[Finding] = []

    def unknown(path: tuple[str, ...], value: Any, siblings: list[str], scalar_where_map: bool) -> None:
        reported = False
        for leaf, scalar in _leaves(value, path):
            chain = find_rename(renames, leaf, scalar)
            if chain:
                findings.append(_renamed(chain, leaf, chart))
                reported = True
        if reported:
            return
        dotted = ".".join(path)
        if scalar_where_map:
            findings.append(
                Finding(
                    "helm.value-shape", unknown_severity, f"{dotted} is a mapping in {chart}; got {value!r}"
                )
            )
            return
        hint = suggest(path, siblings, reference)
        findings.append(
            Finding(
                "helm.unknown-key",
                unknown_severity,
                f"{dotted} is not a key of {chart}; Helm would silently ignore it"
                + (f"; did you mean {hint}?" if hint else ""),
                fix=f"write it as {hint}" if hint else "remove it or check the chart's values.yaml",
            )
        )

    def walk(node: Mapping[str, Any], ref: Mapping[str, Any], path: tuple[str, ...]) -> None:
        siblings = [str(k) for k in ref]
        for raw_key, value in node.items():
            key = str(raw_key)
            here = (*path, key)
            if key not in ref:
                unknown(here, value, siblings, False)
            elif _is_checked_map(ref[key], key):
                if isinstance(value, Mapping):
                    walk(value, ref[key], here)
                elif value is not None:  # None deletes the chart's default: allowed
                    unknown(here, value, siblings, True)

    walk(values, reference, ())
    return findings

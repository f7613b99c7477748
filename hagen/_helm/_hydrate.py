"""Hydration: a release's chart rendered with the values hagen wrote, as objects hagen writes and checks.

`hydrate_release` renders twice and compares (a template that calls randAlphaNum, now or lookup renders
differently each time, so every synth would rewrite its file and every diff show a change): a difference
is a `helm.non-deterministic` finding naming the template and, where hagen knows it, the values key that
pins it. Test hooks (``helm.sh/hook: test``, ``test-success``) are dropped: they run only under
``helm test``. Other hooks are kept and named in their file's header, since ``kubectl apply`` applies them
as plain objects instead of running them at their hook point.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._finding import Finding
from .._objects import Object, object_id, sort_objects
from ._merge import Values
from ._release import HelmRelease
from ._render import engine_version, manifest_objects, render_manifests

HOOK = "helm.sh/hook"
TEST_HOOKS = frozenset({"test", "test-success"})


@dataclass(frozen=True)
class Hydration:
    """One release rendered: `objects` in hagen's order, `hooks` (object id -> its hook annotation),
    `templates` (object id -> the template it came from), `dropped` (the templates of test hooks),
    `provenance` (plain data for provenance.yaml) and `findings` (non-deterministic templates)."""

    release: str
    objects: tuple[Object, ...]
    hooks: Mapping[str, str] = field(default_factory=dict)
    templates: Mapping[str, str] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()
    provenance: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()


def chart_digest(chart: Path) -> str:
    """``sha256:<hex>`` of a chart copy: of the .tgz's bytes, or of a directory's files in sorted relative
    path order (each path, a NUL, the file's sha256 in hex, a newline), so the digest does not depend on
    the file system's listing order or on timestamps."""
    if chart.is_file():
        return "sha256:" + hashlib.sha256(chart.read_bytes()).hexdigest()
    outer = hashlib.sha256()
    for path in sorted(p for p in chart.rglob("*") if p.is_file()):
        outer.update(path.relative_to(chart).as_posix().encode() + b"\0")
        outer.update(hashlib.sha256(path.read_bytes()).hexdigest().encode() + b"\n")
    return "sha256:" + outer.hexdigest()


def _hooks(obj: Object) -> set[str]:
    annotations = (obj.get("metadata") or {}).get("annotations") or {}
    return {h.strip() for h in str(annotations.get(HOOK, "")).split(",") if h.strip()}


def _unstable(release: HelmRelease, first: Mapping[str, str], second: Mapping[str, str]) -> list[Finding]:
    findings = []
    for template in sorted(set(first) | set(second)):
        if first.get(template) == second.get(template):
            continue
        key = release.pinning_keys().get(template.partition("/")[2])  # without the chart name
        fix = (
            f"set {key} so that the chart stops generating the value"
            if key
            else "set the value the template generates (randAlphaNum, now, lookup) through its values key"
        )
        findings.append(
            Finding(
                "helm.non-deterministic",
                "warning",
                f"release {release.name}: template {template} renders differently each time, so every "
                "synth rewrites its objects and every diff shows them changed",
                fix=fix,
            )
        )
    return findings


def hydrate_release(
    release: HelmRelease,
    values: Values,
    chart: Path,
    *,
    values_text: str,
    kube_version: str,
    hagen_version: str,
    command: str,
) -> Hydration:
    """Render `release` from `chart` (directory or .tgz) with `values` (the text written to values.yaml
    is `values_text`, hashed for the provenance). RenderUnavailable without the Helm engine or the chart,
    ChartError when the chart does not render."""
    first = render_manifests(release, values, chart, crds=True)
    second = render_manifests(release, values, chart, crds=True)
    kept: list[Object] = []
    hooks: dict[str, str] = {}
    templates: dict[str, str] = {}
    dropped: list[str] = []
    stable_first: dict[str, str] = {}
    stable_second: dict[str, str] = {}
    for template, obj in manifest_objects(release, first, chart):
        ident = object_id(obj)
        if _hooks(obj) & TEST_HOOKS:
            dropped.append(template)  # not the object's name: a test Pod's may be random
            continue
        kept.append(obj)
        templates[ident] = template
        stable_first[template], stable_second[template] = first[template], second.get(template, "")
        if _hooks(obj):
            hooks[ident] = ",".join(sorted(_hooks(obj)))
    provenance = {
        "release": release.name,
        "namespace": release.namespace,
        "chart": {
            "name": release.chart.name,
            "reference": release.chart.reference,
            "version": release.version,
            "digest": chart_digest(chart),
        },
        "values": {"file": "values.yaml", "sha256": hashlib.sha256(values_text.encode()).hexdigest()},
        "hagen": hagen_version,
        "engine": engine_version(),
        "kubeVersion": kube_version,
        "reproduce": command,
        "testHooksDropped": sorted(set(dropped)),
    }
    return Hydration(
        release.name,
        tuple(sort_objects(kept)),
        hooks,
        templates,
        tuple(sorted(set(dropped))),
        provenance,
        tuple(_unstable(release, stable_first, stable_second)),
    )

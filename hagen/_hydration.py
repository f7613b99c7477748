"""Hydration of syntheses: the charts of Helm releases rendered in, or their committed rendered objects
kept, so that every command that shows a target's objects shows the same ones (`hydrate_syntheses`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._output import render
from ._synth import Synthesis

if TYPE_CHECKING:
    from ._project import Project, ProjectConfig


def hydrate_syntheses(
    syntheses: Sequence[Synthesis],
    charts: Mapping[str, Path] | None = None,
    *,
    project: Project | ProjectConfig | None = None,
    kube_version: str | None = None,
    hydrate_all: bool = False,
    files: bool = True,
    out_dir: str | Path | None = None,
    target: str | None = None,
) -> tuple[list[Synthesis], dict[str, str], list[str]]:
    """Each synthesis with its hydrated Helm releases (those declared ``hydrate=True``, or all with
    `hydrate_all`) rendered in: (the syntheses with the rendered objects and findings among their own,
    every file under out/ as `render` plus helm/<release>/ make them, one note per release not hydrated
    and why).

    `charts`: release name -> chart directory or .tgz (default: the project's `charts`, the --chart
    copies); a release's chart_path and then the project's Helm repository cache (`helm_cache`) are
    looked in after it. `project`: a hagen.Project (default `hagen.load_project()`). `kube_version` is
    written into the provenance (default: the project's, else hagen's default version). With
    ``files=False`` only the hydrated releases' files come back, and blueprints without one are not
    rendered (for checks and placement). A synthesis with error findings is not hydrated. ChartError when
    a chart does not render.

    `out_dir` (the out folder as committed; None: not read): a release that cannot be hydrated here keeps
    the rendered objects committed under helm/<release>/ while their values match, as `synth` keeps their
    files: they are among the synthesis's objects and files, and a note says so (or that they are
    stale). `target`: the syntheses are that target's (its files under ``<target>/``, its notes of
    releases not hydrated begin with ``<target>: ``, as `synth_targets` says them).
    """
    from ._output import Committed, hydrate, with_hydrated
    from ._project import as_project
    from ._validate import DEFAULT_KUBE_VERSION

    project = as_project(project)
    charts = project.charts if charts is None else charts
    kube_version = kube_version or project.kube_version or DEFAULT_KUBE_VERSION
    committed = Committed(out_dir) if out_dir is not None else None
    prefix = f"{target}/" if target else ""
    out: list[Synthesis] = []
    written: dict[str, str] = {}
    notes: list[str] = []
    kept: list[str] = []
    for synthesis in syntheses:
        wanted = hydrate_all or any(r.hydrate for r in synthesis.blueprint.releases)
        # Values with error findings (kept by `check` to report) are never written, nor rendered.
        wanted = wanted and not any(f.severity == "error" for f in synthesis.findings)
        if not wanted:
            out.append(synthesis)
            written.update({prefix + p: t for p, t in render(synthesis).items()} if files else {})
            continue
        own = {prefix + p: t for p, t in render(synthesis).items()}
        hydrated = hydrate(
            synthesis,
            own,
            charts,
            cache=project.helm_cache,
            kube_version=kube_version,
            hydrate_all=hydrate_all,
            prefix=prefix,
            target=target,
            committed=committed,
        )
        written.update(own if files else {})
        written.update(hydrated.files)
        notes.extend(f"{prefix[:-1]}: {n}" if target else n for n in hydrated.notes)
        kept.extend(hydrated.kept)
        out.append(with_hydrated(synthesis, hydrated))
    recovery = [committed.recovery] if committed is not None and committed.recovery else []
    return out, written, list(dict.fromkeys([*notes, *recovery, *kept]))  # in the order synth said them

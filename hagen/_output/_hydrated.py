"""Hydrated releases -> files: helm/<release>/ gets one file per rendered object, a kustomization and
provenance.yaml, beside the values.yaml hagen wrote (the values the chart was rendered with).

The chart copies come in as an explicit mapping (release name -> chart directory or .tgz) and Helm's
repository cache folder, both from the project context; a release's own ``chart_path`` (relative to its
blueprint file) is used when the mapping has none, then NAME-VERSION.tgz in that cache. Without a copy or
the Helm engine the release keeps its values only, with a note; given the committed out/ folder
(`Committed`), also the rendered files committed there and their objects, while their values match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import ChartError, HagenError, InputError
from .._finding import Finding
from .._objects import Object, object_id
from .._synth import Synthesis
from .._synth._synthesis import in_blueprint
from .._yaml import dump_documents
from ._layout import KUSTOMIZATION, header, kustomization, object_filename

if TYPE_CHECKING:
    from .._helm import HelmRelease
    from .._helm._hydrate import Hydration
    from ._carry import Committed

PROVENANCE = "provenance.yaml"


@dataclass
class HydratedOutput:
    """Files added under out/ (relative paths -> text), the rendered objects (for validation, checks,
    placement), one note per release not hydrated and why, and findings (non-deterministic templates)."""

    files: dict[str, str] = field(default_factory=dict)
    objects: list[Object] = field(default_factory=list)
    placed: dict[str, str] = field(default_factory=dict)  # object id -> helm/<release>/<file>
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Notes on the committed rendered objects of releases not hydrated (kept as committed, or stale):
    each names its folder under out/ (with the target), so a target's name is not put before it."""


def _chart_for(
    synthesis: Synthesis, release: HelmRelease, charts: Mapping[str, Path], cache: Path | None
) -> Path | None:
    """The copy given for the release, else its chart_path (relative to the blueprint file), else
    NAME-VERSION.tgz in Helm's repository cache folder `cache`: the order the values check uses."""
    from .._helm._chart import find_chart_copy

    declared = None
    if release.chart_path:
        declared = Path(synthesis.blueprint.source or ".").parent / str(release.chart_path)
    return find_chart_copy(
        release.chart.name, release.version, charts.get(release.name), declared, cache=cache
    )


def reproduce_command(release: object, target: str | None) -> str:
    """The command that writes these files again: `hagen synth` with the chart copy named."""
    name = getattr(release, "name", "")
    chart = getattr(getattr(release, "chart", None), "name", name)
    version = getattr(release, "version", "")
    where = f" --target {target}" if target else ""
    return f"hagen synth{where} --chart {name}=PATH/TO/{chart}-{version}.tgz"


def hydrate(
    synthesis: Synthesis,
    files: Mapping[str, str],
    charts: Mapping[str, Path],
    *,
    cache: Path | None = None,
    kube_version: str,
    hydrate_all: bool = False,
    prefix: str = "",
    target: str | None = None,
    committed: Committed | None = None,
) -> HydratedOutput:
    """The hydrated files of the releases of `synthesis` that ask for it (`hydrate=True`, or every
    release with `hydrate_all`); `files` are the synthesis's rendered files under `prefix` (e.g.
    ``prod/``), whose values.yaml text is hashed into the provenance; `charts` (release name -> chart copy)
    and Helm's repository cache folder `cache` (a Project's helm_cache; None: not looked in) are where the
    charts are found. A release that cannot be hydrated here keeps, with `committed` (the out/ folder
    as committed), its committed rendered objects while their values match (`Committed.release`): the
    files as they are and the objects they hold, with a note in `kept`. ChartError when a given chart does
    not render or two rendered objects would share a file; InputError when a kept file does not read as
    Kubernetes objects. Every error names the blueprint's file and class."""
    with in_blueprint(synthesis.blueprint):
        return _hydrate(synthesis, files, charts, cache, kube_version, hydrate_all, prefix, target, committed)


def _hydrate(
    synthesis: Synthesis,
    files: Mapping[str, str],
    charts: Mapping[str, Path],
    cache: Path | None,
    kube_version: str,
    hydrate_all: bool,
    prefix: str,
    target: str | None,
    committed: Committed | None,
) -> HydratedOutput:
    from .._version import __version__

    out = HydratedOutput()
    for release in synthesis.blueprint.releases:
        if not (release.hydrate or hydrate_all) or release.name not in synthesis.values:
            continue
        folder = f"{prefix}{synthesis.blueprint.name}/helm/{release.name}"
        chart = _chart_for(synthesis, release, charts, cache)
        if chart is None:
            out.notes.append(
                f"release {release.name} not hydrated: no local copy of chart {release.chart.name} "
                f"{release.version} "
                f"(give --chart {release.name}=PATH or chart_path=, or `helm pull` it); values only"
            )
            _keep(out, release.name, folder, files, committed)
            continue
        from .._helm._hydrate import hydrate_release  # the engine's modules, only for a release to render
        from .._helm._render import RenderUnavailable

        try:
            result = hydrate_release(
                release,
                synthesis.values[release.name],
                chart,
                values_text=files[f"{folder}/values.yaml"],
                kube_version=kube_version,
                hagen_version=__version__,
                command=reproduce_command(release, target),
            )
        except RenderUnavailable as exc:
            out.notes.append(f"release {release.name} not hydrated: {exc}; values only")
            _keep(out, release.name, folder, files, committed)
            continue
        names: list[str] = []
        for obj in result.objects:
            name = object_filename(obj, release.namespace)
            if name in names:
                raise ChartError(f"release {release.name}: two rendered objects would share {folder}/{name}")
            names.append(name)
            out.placed[object_id(obj)] = f"helm/{release.name}/{name}"
            out.files[f"{folder}/{name}"] = dump_documents(
                [obj], header(synthesis, _what(release.name, result, obj))
            )
        note = f"Rendered objects of Helm release {release.name}: kubectl apply -k helm/{release.name}"
        out.files[f"{folder}/{KUSTOMIZATION}"] = dump_documents(
            [kustomization(names)], header(synthesis, note)
        )
        how = f"How helm/{release.name}/ was rendered (chart, values, engine)."
        out.files[f"{folder}/{PROVENANCE}"] = dump_documents(
            [dict(result.provenance)], header(synthesis, how)
        )
        out.objects.extend(result.objects)
        out.findings.extend(result.findings)
    return out


def _keep(
    out: HydratedOutput, release: str, folder: str, files: Mapping[str, str], committed: Committed | None
) -> None:
    """Into `out`: the committed rendered files of `folder` that `committed` keeps, the objects they hold
    (kustomization.yaml and provenance.yaml hold none), and its note."""
    if committed is None:
        return
    from .._yaml import load_objects

    kept, notes = committed.release(folder, files[f"{folder}/values.yaml"])
    out.kept.extend(notes)
    for path, text in sorted(kept.items()):
        out.files[path] = text
        name = path.rsplit("/", 1)[1]
        if name in (KUSTOMIZATION, PROVENANCE):
            continue
        try:
            objects = load_objects(text, (committed.out_dir / path).as_posix())
        except HagenError as exc:  # edited by hand: it no longer reads as the objects hagen wrote
            raise InputError(
                f"{exc}; the rendered objects of release {release} are kept as committed without a chart "
                f"copy: restore the file, or hydrate again with `hagen synth --chart {release}=PATH`"
            ) from None
        for obj in objects:
            out.placed[object_id(obj)] = f"helm/{release}/{name}"
            out.objects.append(obj)


def with_hydrated(synthesis: Synthesis, hydrated: HydratedOutput) -> Synthesis:
    """`synthesis` with the rendered objects among its own, in hagen's order, and the hydration's
    findings among its findings (with the blueprint's name): one pipeline, so that validation, checks,
    placement and `hagen synth`'s warnings see the chart's PersistentVolumeClaim beside the
    StorageClass the blueprint declares."""
    import dataclasses

    from .._objects import sort_objects

    if not hydrated.objects and not hydrated.findings:
        return synthesis
    found = [dataclasses.replace(f, blueprint=synthesis.blueprint.name) for f in hydrated.findings]
    return dataclasses.replace(
        synthesis,
        objects=sort_objects([*synthesis.objects, *hydrated.objects]),
        findings=(*synthesis.findings, *found),
        rendered={**synthesis.rendered, **hydrated.placed},
    )


def _what(release: str, result: Hydration, obj: Object) -> str:
    ident = object_id(obj)
    lines = [
        f"Rendered from {result.templates.get(ident, '')} of Helm release {release} (see provenance.yaml)."
    ]
    hook = result.hooks.get(ident)
    if hook:
        lines.append(
            f"Helm hook {hook}: Helm runs it at that point; kubectl apply applies it as a plain object."
        )
    return "\n".join(lines)

"""What `hagen place` reads: blueprints (synthesized to objects) or YAML/JSON manifests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import HagenError, InputError
from .._labels import DEFAULT_TIER_LABEL
from .._sources import recovered_before_reading, syntheses_or_objects
from ._cluster import ClusterProfile

_MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(slots=True)
class Inputs:
    """Objects to place, tier order (blueprint order, then tier order, as ``namespace/tier``), and the
    syntheses the objects come from (what `place_inputs` checks for objects two blueprints share; their
    blueprints' one cluster profile: `declared_cluster`)."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    tier_labels: list[str] = field(default_factory=lambda: [DEFAULT_TIER_LABEL])
    blueprints: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    syntheses: list[Any] = field(default_factory=list)


def rendered_releases(spec: Any, synthesis: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Objects of the blueprint's Helm releases whose chart can be rendered here (a local chart copy and
    the optional Helm SDK); a note for each release that cannot, since its pods are then not placed.
    Releases the synthesis already holds hydrated (its `rendered` objects) are not rendered again."""
    try:
        from .._helm import find_release_chart, render_release
    except ImportError:
        return [], []
    objects: list[dict[str, Any]] = []
    notes: list[str] = []
    base = Path(spec.source).parent if getattr(spec, "source", "") else Path()
    hydrated = {path.split("/")[1] for path in (getattr(synthesis, "rendered", None) or {}).values()}
    for release in getattr(spec, "releases", None) or ():
        if release.name in hydrated:
            continue
        try:
            copy = find_release_chart(release, base)
            values = (getattr(synthesis, "values", None) or {}).get(release.name)
            if values is None:
                values = release.merged_values(base)
            objects.extend(render_release(release, values, Path(copy.source) if copy else None))
        except HagenError as exc:
            notes.append(f"Helm release {release.name} not placed: {exc}")
    return objects, notes


def _manifest_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in _MANIFEST_SUFFIXES and p.is_file())


def load_manifests(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Every object in the YAML/JSON files under `paths` (files in sorted order, documents in order)."""
    from .._yaml import load_objects

    objects: list[dict[str, Any]] = []
    for path in paths:
        for file in _manifest_files(path):
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{file}: cannot read: {exc}") from None
            objects.extend(load_objects(text, str(file)))
    return objects


def load_inputs(paths: Sequence[Path], project: Any = None, out_dir: str | Path | None = None) -> Inputs:
    """Blueprint files/directories are loaded (through `project`, a hagen.Project; default the current
    folder's) and synthesized, with the rendered objects of the Helm releases `hagen synth` hydrates, or
    keeps as committed in `out_dir` (default the project's out folder) where it cannot hydrate them, and
    its notes on them; the manifest files and folders are read as manifests. Which is which:
    `hagen.split_paths`, as every command decides it (a blueprints folder's values files and chart copies
    are the blueprints' inputs, never manifests). InputError for a path that does not exist."""
    from .._sources import split_paths

    out = Inputs()
    blueprint_paths, manifest_paths = split_paths(paths)
    if blueprint_paths:
        add_syntheses(out, syntheses_or_objects(blueprint_paths, project, out_dir=out_dir))
    out.notes.extend(recovered_before_reading(manifest_paths, project, out_dir))
    out.objects.extend(load_manifests(manifest_paths))
    return out


def add_syntheses(out: Inputs, loaded: Any) -> Inputs:
    """The syntheses `syntheses_or_objects` loaded (what `hagen synth` writes: the releases it hydrates
    rendered in, or kept as committed) into `out`, with its notes on them first."""
    out.notes.extend(n for n in loaded.notes if n not in out.notes)
    made = {id(s.blueprint): s for s in loaded.items if hasattr(s, "objects")}
    return add_specs(out, [s.blueprint for s in made.values()], lambda spec: made[id(spec)])


def add_specs(out: Inputs, specs: Iterable[Any], synthesize: Any) -> Inputs:
    """Synthesize blueprint specs into `out`: their objects, rendered Helm releases, tier order, cluster."""
    for spec in specs:
        synthesis = synthesize(spec)
        out.syntheses.append(synthesis)
        out.objects.extend(synthesis.objects)
        rendered, notes = rendered_releases(spec, synthesis)
        out.objects.extend(rendered)
        out.notes.extend(notes)
        # namespace/tier: each blueprint's own declared order (two blueprints' `backend` are two tiers).
        out.tiers.extend(f"{spec.namespace}/{t.name}" for t in spec.tiers)
        if spec.tier_label not in out.tier_labels:
            out.tier_labels.insert(0, spec.tier_label)
        out.blueprints.append(spec.name)
    return out


def declared_cluster(inputs: Inputs, settle: Any = None) -> ClusterProfile | None:
    """The one cluster profile the blueprints of `inputs` run on (`hagen._one_cluster.one_cluster`, with
    `settle` applying the command's cluster flags to a declared profile, or to None). InputError when
    two blueprints declare profiles the flags do not make one."""
    from .._one_cluster import one_cluster

    profile: ClusterProfile | None = one_cluster([s.blueprint for s in inputs.syntheses], settle)
    return profile

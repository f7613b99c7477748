"""`hagen place --target`: the placement inputs of a target's blueprints, on the target's cluster."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._build import TargetBuild

if TYPE_CHECKING:
    from ._config import ProjectConfig


def target_inputs(
    build: TargetBuild,
    charts: Mapping[str, Path] | None = None,
    *,
    project: ProjectConfig | None = None,
    out_dir: str | Path | None = None,
) -> Any:
    """What `hagen place` reads from blueprints (objects, tier order, cluster), for one target's specs:
    the syntheses `hagen synth` writes, with the objects of the releases it hydrates (from `charts`,
    release name -> chart copy; default: the `project`'s copies, then its Helm cache) or, for a release
    it cannot hydrate here, keeps as committed in `out_dir` (default the project's out folder), with the
    notes `hagen synth` says on them. `project`: a hagen.Project (default `hagen.load_project()`)."""
    from .._output import recover_output
    from .._place._inputs import Inputs, add_specs
    from ._context import as_project
    from ._plan import given_charts
    from ._render import hydrated_synthesis

    context = as_project(project)
    out = context.out_path() if out_dir is None else Path(out_dir)
    recovery = recover_output(out)
    given = given_charts(context, charts, committed=out)
    inputs = Inputs(notes=[recovery] if recovery else [])

    def synthesized(spec: Any) -> Any:
        synthesis, _, notes = hydrated_synthesis(build, spec, given)
        inputs.notes.extend(n for n in notes if n not in inputs.notes)
        return synthesis

    return add_specs(inputs, build.specs, synthesized)

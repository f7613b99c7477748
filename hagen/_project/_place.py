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
) -> Any:
    """What `hagen place` reads from blueprints (objects, tier order, cluster), for one target's specs:
    the syntheses `hagen synth` writes, with the objects of the releases it hydrates (from `charts`,
    release name -> chart copy; default: the `project`'s copies, then its Helm cache). `project`: a
    hagen.Project (default `hagen.load_project()`)."""
    from .._place._inputs import Inputs, add_specs
    from ._plan import given_charts
    from ._render import hydrated_synthesis

    given = given_charts(project, charts)
    return add_specs(Inputs(), build.specs, lambda spec: hydrated_synthesis(build, spec, given)[0])

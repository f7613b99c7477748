"""`hagen place --target`: the placement inputs of a target's blueprints, on the target's cluster."""

from __future__ import annotations

from typing import Any

from ._build import TargetBuild


def target_inputs(build: TargetBuild) -> Any:
    """What `hagen place` reads from blueprints (objects, tier order, cluster), for one target's specs."""
    from .._place._inputs import Inputs, add_specs
    from .._synth import synthesize

    return add_specs(Inputs(), build.specs, synthesize)

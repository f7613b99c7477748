"""`hagen place --target`: the placement simulation of a target's blueprints on the target's cluster."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._build import TargetBuild


def target_inputs(build: TargetBuild) -> Any:
    """What `hagen place` reads from blueprints (objects, tier order, cluster), for one target's specs."""
    from .._place._inputs import Inputs, add_specs
    from .._synth import synthesize

    return add_specs(Inputs(), build.specs, synthesize)


def place_target(
    build: TargetBuild,
    cluster_file: Path | None = None,
    nodes: int | None = None,
    zones: int | None = None,
    node_cpu: str | None = None,
    node_memory: str | None = None,
    fmt: str = "text",
    order: str = "declared",
    rollout: str | None = None,
    fail: Sequence[str] = (),
) -> tuple[str, int, Any]:
    """(output, exit code, Simulation) of `hagen place` for one target; the flags win over its profile."""
    from .._place._command import place_inputs

    return place_inputs(
        target_inputs(build), cluster_file, nodes, zones, node_cpu, node_memory, fmt, order, rollout, fail
    )

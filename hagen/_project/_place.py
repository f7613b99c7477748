"""`hagen place --target`: the placement simulation of a target's blueprints on the target's cluster."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ._build import TargetBuild


def target_inputs(build: TargetBuild) -> Any:
    """What `hagen place` reads from blueprints (objects, tier order, cluster), for one target's specs."""
    from .._place._inputs import Inputs, rendered_releases
    from .._synth import synthesize

    inputs = Inputs()
    for spec in build.specs:
        synthesis = synthesize(spec)
        inputs.objects.extend(synthesis.objects)
        rendered, notes = rendered_releases(spec, synthesis)
        inputs.objects.extend(rendered)
        inputs.notes.extend(notes)
        inputs.tiers.extend(t.name for t in spec.tiers if t.name not in inputs.tiers)
        inputs.blueprints.append(spec.name)
        if inputs.cluster is None and spec.cluster is not None:
            inputs.cluster = spec.cluster
    return inputs


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
    from .._place._command import failure_data, failure_text, resolve_cluster, rollout_text
    from .._place._failure import apply_failure
    from .._place._report import to_data, to_text
    from .._place._rollout import rollout as simulate_rollout
    from .._place._run import place

    inputs = target_inputs(build)
    cluster = resolve_cluster(inputs.cluster, cluster_file, nodes, zones, node_cpu, node_memory)
    placed = place(inputs.objects, cluster, order, inputs.tiers)
    sim = placed.simulation
    code = 1 if sim.pending else 0
    data: dict[str, Any] = to_data(sim)
    text = to_text(sim)
    if inputs.notes:
        data["notes"] = inputs.notes
        text += "\n" + "\n".join(f"note: {n}" for n in inputs.notes) + "\n"
    if rollout is not None:
        _, r = simulate_rollout(inputs.objects, cluster, rollout, order, inputs.tiers)
        code = code or (0 if r.finished else 1)
        data["rollout"] = asdict(r)
        text += "\n" + rollout_text(r)
    failures = []
    for spec in fail:
        f = apply_failure(placed, spec)
        code = code or (1 if f.outage else 0)
        failures.append(failure_data(f))
        text += "\n" + failure_text(f)
    if failures:
        data["failures"] = failures
    return (json.dumps(data, indent=2) + "\n" if fmt == "json" else text), code, sim

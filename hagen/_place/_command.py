"""What `hagen place` does, as a function returning the text to print, the exit code and the SVG."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .._cluster_shape import effective_shape
from .._errors import InputError
from .._text import plural
from ._cluster import DEFAULT_MAX_PODS, ClusterProfile, load_profile
from ._failure import Failure, apply_failure
from ._inputs import Inputs, declared_cluster, load_inputs
from ._quantity import QuantityError, cpu_millis, memory_bytes
from ._report import to_data, to_text
from ._rollout import Rollout
from ._rollout import rollout as simulate_rollout
from ._run import place
from ._scenario import scenario_output, scenario_simulation
from ._simulate import Simulation


def load_scenario_file(path: Path) -> list[Any]:
    """The one document of a scenario file; JSON is parsed as JSON (much faster than a YAML parser)."""
    from .._yaml import load_file

    if path.suffix == ".json":
        try:
            return [json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read: {exc}") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    docs = load_file(path)
    if len(docs) != 1:
        raise InputError(f"{path}: a scenario is one JSON/YAML document")
    return docs


def resolve_cluster(
    declared: ClusterProfile | None,
    cluster_file: Path | None,
    nodes: int | None,
    zones: int | None,
    node_cpu: str | None,
    node_memory: str | None,
) -> ClusterProfile:
    """--cluster FILE, else the shorthand flags, else the blueprint's own profile. The shorthand keeps
    what it does not set from the declared profile (`ClusterProfile.resized`): its number of nodes and
    of zones (at most one per node), its first node's cpu, memory and pod count, as `hagen check --nodes`
    does."""
    if cluster_file is not None:
        return load_profile(cluster_file)
    if any(v is not None for v in (nodes, zones, node_cpu, node_memory)):
        for flag, value, parse, example in (
            ("--node-cpu", node_cpu, cpu_millis, "2 or 1500m"),
            ("--node-memory", node_memory, memory_bytes, "8Gi or 512Mi"),
        ):
            try:
                if value is not None:
                    parse(value)
            except QuantityError:
                raise InputError(f"{flag}: {value!r} is not a Kubernetes quantity (e.g. {example})") from None
        if declared is not None:
            return declared.resized(nodes, zones, node_cpu, node_memory)
        count, spread = effective_shape(nodes, zones)
        return ClusterProfile.shorthand(count or 1, spread or 1, node_cpu, node_memory, DEFAULT_MAX_PODS)
    if declared is not None:
        return declared
    raise InputError(
        "no cluster: give --cluster FILE or --nodes N [--zones Z], or declare cluster= in the blueprint"
    )


def rollout_text(r: Rollout) -> str:
    what = f"{plural(r.replicas, 'replica')}, {r.strategy}"
    head = f"{r.subject} ({what})" if r.by_name else f"{r.subject} ({r.kind} {r.workload}, {what})"
    lines = [f"Rollout of {head}:"]
    for i, step in enumerate(r.steps, 1):
        lines.append(
            f"  {i}. {step.action}: {', '.join(step.pods)}" + (f" => {step.outcome}" if step.outcome else "")
        )
    lines.append("  finishes" if r.finished else f"  HANGS: {r.stuck}")
    lines += [f"    {name}: {msg}" for name, msg in r.pending.items()]
    return "\n".join(lines) + "\n"


def failure_text(f: Failure) -> str:
    lines = [f"Failure of {f.spec} (nodes {', '.join(f.failed_nodes)}):"]
    for name, node in f.replacements.items():
        lines.append(f"  {name} -> {node or 'Pending'}")
    lines += [f"  {name}: not recreated (no controller)" for name in f.gone]
    lines += [f"  {name}: pinned to zone {zone} by its EBS volume" for name, zone in f.pinned.items()]
    lines += [f"  {name}: {msg}" for name, msg in f.pending.items()]
    lines += [f"  OUTAGE: tier {t} has no running pod" for t in f.lost_tiers]
    lines += [f"  OUTAGE: no node runs both {a} and {b}" for a, b in f.broken_pairs]
    if not f.outage:
        lines.append("  every tier keeps a running pod")
    return "\n".join(lines) + "\n"


def failure_data(f: Failure) -> dict[str, Any]:
    return {
        "spec": f.spec,
        "failed_nodes": f.failed_nodes,
        "replacements": f.replacements,
        "not_recreated": f.gone,
        "pinned_by_volume": f.pinned,
        "pending": f.pending,
        "lost_tiers": f.lost_tiers,
        "broken_pairs": [list(p) for p in f.broken_pairs],
        "outage": f.outage,
    }


@dataclass(frozen=True)
class PlaceOptions:
    """The flags of `hagen place` that shape a simulation: the cluster (they win over the inputs' own
    profile), the output format, the creation order, a rollout to simulate and failures to apply;
    `feasible` lists every node set in JSON instead of counting them."""

    cluster_file: Path | None = None
    nodes: int | None = None
    zones: int | None = None
    node_cpu: str | None = None
    node_memory: str | None = None
    fmt: str = "text"
    order: str = "declared"
    rollout: str | None = None
    fail: Sequence[str] = ()
    feasible: bool = False


def place_command(
    paths: Sequence[Path],
    scenario: Path | None,
    options: PlaceOptions = PlaceOptions(),
    want_svg: bool = False,
    project: Any = None,
) -> tuple[str, int, str | None]:
    """(output, exit code, SVG or None) of `hagen place`."""
    from ._svg import render_svg

    if scenario is not None:
        docs = load_scenario_file(scenario)
        sim, pods = scenario_simulation(docs[0], str(scenario))
        code = 1 if sim.pending else 0
        svg = render_svg(sim) if want_svg else None
        if options.fmt == "json":
            data = scenario_output(sim, pods, feasible=options.feasible)
            return json.dumps(data, indent=2) + "\n", code, svg
        return to_text(sim), code, svg
    output, code, sim = place_inputs(load_inputs(paths, project), options)
    return output, code, render_svg(sim) if want_svg else None


def place_inputs(inputs: Inputs, options: PlaceOptions) -> tuple[str, int, Simulation]:
    """(output, exit code, simulation) of `hagen place` on loaded inputs (blueprints or manifests).

    Raises BlockingFindings, placing nothing, when two blueprints emit one object differently
    (`objects.shared-between-blueprints`): `hagen synth` refuses to write such a set, and the cluster
    would hold only one of the two, so placing both would answer for pods that never run."""
    from .._check._conflicts import conflict_findings
    from .._finding import stop_on_errors

    stop_on_errors(conflict_findings(inputs.syntheses))
    o = options

    # Every blueprint's declared profile with the flags applied: they must come to one cluster.
    def settle(declared: ClusterProfile | None) -> ClusterProfile:
        return resolve_cluster(declared, o.cluster_file, o.nodes, o.zones, o.node_cpu, o.node_memory)

    # never None: with no profile declared, `settle(None)` gives the flags' cluster or raises
    cluster = declared_cluster(inputs, settle) or settle(None)
    placed = place(inputs.objects, cluster, o.order, inputs.tiers, inputs.tier_labels)
    sim = placed.simulation
    code = 1 if sim.pending else 0
    data: dict[str, Any] = to_data(sim, feasible=o.feasible)
    text = to_text(sim)
    if inputs.notes:
        data["notes"] = inputs.notes
        text += "\n" + "\n".join(f"note: {n}" for n in inputs.notes) + "\n"
    if placed.topology:
        data["unknown_topology_keys"] = [{**asdict(n), "message": n.message} for n in placed.topology]
        text += "\n" + "\n".join(f"note: {n.message}" for n in placed.topology) + "\n"
    if o.rollout is not None:
        _, r = simulate_rollout(inputs.objects, cluster, o.rollout, o.order, inputs.tiers, inputs.tier_labels)
        code = code or (0 if r.finished else 1)
        data["rollout"] = asdict(r)
        text += "\n" + rollout_text(r)
    failures = []
    for spec in o.fail:
        f = apply_failure(placed, spec)
        code = code or (1 if f.outage else 0)
        failures.append(failure_data(f))
        text += "\n" + failure_text(f)
    if failures:
        data["failures"] = failures
    return (json.dumps(data, indent=2) + "\n" if o.fmt == "json" else text), code, sim

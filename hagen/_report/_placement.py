"""The placement section: the picture, a table of nodes behind it, every Pending pod's reasons per node,
and the rollout and failure simulations asked for (through hagen.place, hagen.rollout, hagen.fail)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from .._text import plural


def placement_section(
    objects: Sequence[Mapping[str, Any]],
    tiers: Sequence[str],
    cluster: Any,
    *,
    order: str = "declared",
    rollouts: Sequence[str] = (),
    failures: Sequence[str] = (),
) -> dict[str, Any]:
    """Template data: `svg`, `nodes` (name, zone, pods), `pending` (pod, tier, message, groups of nodes
    with their reasons), `rollouts` and `failures` (the simulations' data), `summary`, and `colors`
    ((namespace, tier) -> the fill colour the picture gives that tier's pods)."""
    from hagen._place import render_svg
    from hagen._place._report import zones_of
    from hagen._place._svg import namespaced_tier_colors, reason_groups

    from .._place import fail, place, rollout

    if cluster is None:
        return {"missing": "no cluster profile: declare cluster= in the blueprint or a target profile"}
    placed = place(objects, cluster, order, tiers)
    sim = placed.simulation
    nodes = []
    for zone, indices in zones_of(sim).items():
        for i in indices:
            name = sim.state.nodes[i].name
            pods = [f"{sim.pod_name(p.pod)} ({p.pod.tier or 'no tier'})" for p in sim.on_node(name)]
            nodes.append({"name": name, "zone": zone, "pods": pods})
    pending = [
        {
            "pod": sim.pod_name(p.pod),
            "tier": p.pod.tier or "",
            "message": sim.message(p),
            "groups": [{"nodes": nodes_, "reasons": list(why)} for why, nodes_ in reason_groups(p)],
        }
        for p in sim.pending
    ]
    return {
        "svg": render_svg(sim),
        "nodes": nodes,
        "pending": pending,
        "summary": f"{plural(len(sim.nodes), 'node')}, {plural(len(sim.placements), 'pod')}: "
        f"{len(sim.placements) - len(sim.pending)} running, {len(sim.pending)} Pending",
        "rollouts": [_rollout(rollout(objects, cluster, t, order, tiers)[1]) for t in rollouts],
        "failures": [_failure(fail(objects, cluster, spec, order, tiers)[1]) for spec in failures],
        "topology": [n.message for n in placed.topology],
        "colors": namespaced_tier_colors((p.pod.namespace, p.pod.tier) for p in sim.placements),
    }


def _rollout(r: Any) -> dict[str, Any]:
    return asdict(r) | {"subject": r.subject}


def _failure(f: Any) -> dict[str, Any]:
    return {
        "spec": f.spec,
        "failed_nodes": list(f.failed_nodes),
        "replacements": dict(f.replacements),
        "gone": list(f.gone),
        "pinned": dict(f.pinned),
        "pending": dict(f.pending),
        "lost_tiers": list(f.lost_tiers),
        "broken_pairs": [list(p) for p in f.broken_pairs],
        "outage": f.outage,
    }

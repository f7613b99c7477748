"""The one cluster blueprints synthesized together run on: the rule `hagen place`, `hagen check` and
`hagen report` (and `hagen.place`, `hagen.check`, `hagen.report`) all choose their cluster profile by.

Blueprints loaded together (a project's, a target's, the PATHs of one command) are deployed to one
cluster, so they are placed on one profile: the target's when it has one (applied to every blueprint
when the target is built, `build_target`), else the one profile the blueprints declare, shared by the
blueprints that declare none. Two blueprints whose profiles still differ once the command's flags
(--cluster, --nodes, --zones, --node-cpu, --node-memory) are applied cannot both be right: an input error
naming both and what differs, instead of one command picking the first blueprint's and another each
blueprint's own. Pure: specs in, a profile out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ._errors import InputError


def one_cluster(specs: Iterable[Any], settle: Callable[[Any], Any] | None = None) -> Any:
    """The cluster profile (a hagen.ClusterProfile) blueprints `specs` (BlueprintSpecs: their `cluster`,
    `source` and `class_name`) run on together: the one they declare, passed through `settle` (the
    command's flags applied to a declared profile, or to None when no blueprint declares one); None when
    no blueprint declares one and there is no `settle`.

    Raises InputError when two blueprints' profiles differ after `settle`: one line naming both
    blueprints' files and classes, what differs, and what to do (declare it once, or in the target)."""
    chosen: list[tuple[Any, Any]] = []  # (first spec, profile): one entry per distinct settled profile
    for spec in specs:
        declared = getattr(spec, "cluster", None)
        if declared is None:
            continue  # it shares the cluster of the blueprints deployed with it
        profile = settle(declared) if settle is not None else declared
        if not any(profile == known for _, known in chosen):
            chosen.append((spec, profile))
    if len(chosen) > 1:
        (a, first), (b, second) = chosen[:2]
        raise InputError(
            f"{_named(a)} and {_named(b)} declare different cluster profiles ({difference(first, second)}), "
            "but blueprints deployed together run on one cluster: declare cluster= in one blueprint only "
            "(the others share it), or set what differs in the target's profile (profile in hagen.toml, "
            "or cluster: in targets/<target>.yaml)"
        )
    if chosen:
        return chosen[0][1]
    return settle(None) if settle is not None else None


def _named(spec: Any) -> str:
    source = getattr(spec, "source", "") or "<blueprint>"
    return f"{source}: {getattr(spec, 'class_name', '') or getattr(spec, 'name', '')}"


def difference(a: Any, b: Any) -> str:
    """The first way profile `a` differs from `b`, as `what a vs b` (node and zone counts, then the first
    node's allocatable cpu, memory and pods: what a shorthand profile says), else their nodes."""
    counts = (
        ("nodes", len(a.nodes), len(b.nodes)),
        ("zones", len(a.zones()), len(b.zones())),
    )
    for what, left, right in counts:
        if left != right:
            return f"{what} {left} vs {right}"
    first, second = a.nodes[0].allocatable, b.nodes[0].allocatable
    for field in ("cpu", "memory", "pods"):
        left, right = getattr(first, field), getattr(second, field)
        if left != right:
            return f"node {field} {left or 'unlimited'} vs {right or 'unlimited'}"
    return "their nodes' names, labels, sizes or taints"

"""Scheduling verbs -> spec.template.spec.affinity and topologySpreadConstraints."""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Colocate, Separate, Spread, Tier
from ._labels import tier_selector

DEFAULT_WEIGHT = 100
_REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
_PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"
HOSTNAME = "kubernetes.io/hostname"


def affinity(spec: BlueprintSpec, tier: Tier) -> dict[str, Any]:
    """pod spec.affinity: podAffinity from colocate(), podAntiAffinity from separate() and avoid().

    Only non-empty blocks are rendered; a tier without verbs gets an empty dict (no affinity field).
    """
    blocks: dict[str, dict[str, list[Any]]] = {"podAffinity": {}, "podAntiAffinity": {}}
    for verb in tier.placement:
        if isinstance(verb, Spread):
            continue
        target = tier.name if isinstance(verb, Separate) else verb.tier
        block = blocks["podAffinity" if isinstance(verb, Colocate) else "podAntiAffinity"]
        term = {"labelSelector": tier_selector(spec, target), "topologyKey": verb.topology_key}
        if verb.soft:
            weighted = {"weight": verb.weight or DEFAULT_WEIGHT, "podAffinityTerm": term}
            block.setdefault(_PREFERRED, []).append(weighted)
        else:
            block.setdefault(_REQUIRED, []).append(term)
    for shared in tier.shared_volumes:
        owner = spec.tier(shared.tier)
        volume = next(v for v in owner.volumes if v.name == shared.volume)
        if volume.access == "per-replica":  # ReadWriteOnce: the claim is attached to the owner's node
            term = {"labelSelector": tier_selector(spec, owner.name), "topologyKey": HOSTNAME}
            blocks["podAffinity"].setdefault(_REQUIRED, []).append(term)
    return {
        kind: {k: block[k] for k in (_REQUIRED, _PREFERRED) if k in block}
        for kind, block in blocks.items()
        if block
    }


def spread_constraints(spec: BlueprintSpec, tier: Tier) -> list[dict[str, Any]]:
    """pod spec.topologySpreadConstraints from spread() verbs."""
    out: list[dict[str, Any]] = []
    for verb in tier.placement:
        if not isinstance(verb, Spread):
            continue
        constraint: dict[str, Any] = {
            "maxSkew": verb.max_skew,
            "topologyKey": verb.topology_key,
            "whenUnsatisfiable": "ScheduleAnyway" if verb.soft else "DoNotSchedule",
            "labelSelector": tier_selector(spec, tier.name),
        }
        if verb.min_domains is not None:
            constraint["minDomains"] = verb.min_domains
        out.append(constraint)
    return out


def hard_separation(tier: Tier) -> Separate | None:
    """The tier's required separate() verb: it decides the rollout strategy (see workloads)."""
    verb = tier.separation
    return verb if verb is not None and not verb.soft else None

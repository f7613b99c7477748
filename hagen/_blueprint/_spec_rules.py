"""Load-time rules across tiers: shared volumes name a standalone claim of another tier; routes name a
Gateway the blueprint declares (or one in another namespace); a listener section exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._ingress import HttpRoute
from ._kinds import DaemonSet

if TYPE_CHECKING:
    from ._spec import BlueprintSpec


def _shared_volumes(spec: BlueprintSpec) -> None:
    tiers = {t.name: t for t in spec.tiers}
    for index, tier in enumerate(spec.tiers):
        for j, shared in enumerate(tier.shared_volumes):
            where = f"tiers[{index}].shared_volumes[{j}]"
            owner = tiers.get(shared.tier)
            if owner is None or owner.name == tier.name:
                raise ValueError(
                    f"{where}.tier: no other tier {shared.tier!r} in this blueprint "
                    f"(tiers: {', '.join(t for t in tiers if t != tier.name) or 'none'})"
                )
            volume = next((v for v in owner.volumes if v.name == shared.volume), None)
            if volume is None:
                names = ", ".join(v.name for v in owner.volumes) or "none"
                raise ValueError(
                    f"{where}.volume: tier {owner.name!r} has no volume {shared.volume!r} ({names})"
                )
            most = owner.autoscale.max_replicas if owner.autoscale is not None else owner.replicas
            if volume.access == "per-replica" and most != 1:
                raise ValueError(
                    f"{where}: {owner.name}'s {volume.name!r} is a claim per replica (a StatefulSet's "
                    "volumeClaimTemplates): there is no one claim to mount; give the owner one replica"
                )
            if volume.access == "per-replica" and isinstance(tier.workload, DaemonSet):
                raise ValueError(
                    f"{where}: {owner.name}'s {volume.name!r} is ReadWriteOnce, attached to one node; a "
                    "DaemonSet's pods on every other node could never mount it"
                )
            if owner.workload is not None:
                raise ValueError(
                    f"{where}: {owner.name!r} is not a Deployment; only a Deployment's claim is shared"
                )


def _routes(spec: BlueprintSpec) -> None:
    names = [g.name for g in spec.gateways]
    if len(set(names)) != len(names):
        raise ValueError(f"gateways: Gateway names repeat: {names}")
    gateways = {g.name: g for g in spec.gateways}
    for index, tier in enumerate(spec.tiers):
        route = tier.ingress
        if not isinstance(route, HttpRoute) or route.gateway_namespace not in (None, spec.namespace):
            continue
        gateway = gateways.get(route.gateway)
        where = f"tiers[{index}].ingress"
        if gateway is None:
            raise ValueError(
                f"{where}.gateway: no Gateway {route.gateway!r} in this blueprint's gateways "
                f"({', '.join(gateways) or 'none'}); name one, or give gateway_namespace for a shared Gateway"
            )
        sections = [item.name for item in gateway.listeners]
        if route.section is not None and route.section not in sections:
            raise ValueError(
                f"{where}.section: Gateway {gateway.name!r} has no listener {route.section!r} "
                f"({', '.join(sections)})"
            )


def check_references(spec: BlueprintSpec) -> None:
    """Raise ValueError for the first cross-tier reference that names nothing usable."""
    _shared_volumes(spec)
    _routes(spec)

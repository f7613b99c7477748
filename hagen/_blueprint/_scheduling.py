"""Scheduling intent as verbs: separate a tier's replicas, colocate it with another tier, avoid one.

Each verb is hard (requiredDuringSchedulingIgnoredDuringExecution) by default and soft
(preferredDuringSchedulingIgnoredDuringExecution with a weight) when asked. `per` names the topology:
"node" (kubernetes.io/hostname), "zone" (topology.kubernetes.io/zone) or any node label key.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .._integers import Int32
from .._model import model_check
from .._names import dns1035_label, label_key
from ._container import Model

TOPOLOGY_KEYS = {"node": "kubernetes.io/hostname", "zone": "topology.kubernetes.io/zone"}


def _topology(value: str) -> str:
    return value if value in TOPOLOGY_KEYS else label_key(value)


Topology = Annotated[str, AfterValidator(_topology)]
TierName = Annotated[str, AfterValidator(dns1035_label)]


class _Verb(Model):
    per: Topology = Field(default="node", description='"node", "zone", or a node label key')
    soft: bool = Field(default=False, description="preferred instead of required")
    weight: Int32 | None = Field(
        default=None, ge=1, le=100, description="weight of a soft rule (default 100)"
    )

    @model_check
    def _weight_only_when_soft(self) -> _Verb:
        if self.weight is not None and not self.soft:
            raise ValueError("weight applies to soft rules only; set soft=True or drop the weight")
        return self

    @property
    def topology_key(self) -> str:
        """The topologyKey of the affinity term this verb produces."""
        return TOPOLOGY_KEYS.get(self.per, self.per)


class Separate(_Verb):
    """At most one replica of this tier per topology domain (podAntiAffinity on the tier's own pods)."""

    verb: Literal["separate"] = "separate"


class Colocate(_Verb):
    """Pods of this tier only where a pod of `tier` runs, in the same domain (podAffinity)."""

    verb: Literal["colocate"] = "colocate"
    tier: TierName = Field(description="the tier to sit beside")


class Avoid(_Verb):
    """Pods of this tier never in a domain where a pod of `tier` runs (podAntiAffinity)."""

    verb: Literal["avoid"] = "avoid"
    tier: TierName = Field(description="the tier to keep away from")


class Spread(_Verb):
    """Spread the tier's pods evenly over domains (topologySpreadConstraints), at most `max_skew` apart."""

    verb: Literal["spread"] = "spread"
    per: Topology = Field(default="zone", description='"zone", "node", or a node label key')
    max_skew: Int32 = Field(default=1, ge=1, description="maxSkew")
    min_domains: Int32 | None = Field(default=None, ge=1, description="minDomains (hard spreads only)")

    @model_check
    def _min_domains_hard_only(self) -> Spread:
        if self.min_domains is not None and self.soft:
            raise ValueError("min_domains applies to hard spreads only (whenUnsatisfiable: DoNotSchedule)")
        return self


_SEPARATE = Separate(per="node", soft=False, weight=None)

Placement = Annotated[Separate | Colocate | Avoid | Spread, Field(discriminator="verb")]


def separate(per: str = "node", *, soft: bool = False, weight: int | None = None) -> Separate:
    """One replica per node (or zone, or label value); soft=True makes it a preference."""
    if per == "node" and soft is False and weight is None:
        return _SEPARATE  # the common call: one frozen, already validated verb
    return Separate(per=per, soft=soft, weight=weight)


def colocate(tier: str, per: str = "node", *, soft: bool = False, weight: int | None = None) -> Colocate:
    """Schedule beside a pod of `tier` in the same node (or zone, or label value)."""
    return Colocate(tier=tier, per=per, soft=soft, weight=weight)


def spread(
    per: str = "zone", *, max_skew: int = 1, min_domains: int | None = None, soft: bool = False
) -> Spread:
    """Keep the tier's pod counts per zone (or node, or label value) within `max_skew` of each other."""
    return Spread(per=per, max_skew=max_skew, min_domains=min_domains, soft=soft)


def avoid(tier: str, per: str = "node", *, soft: bool = False, weight: int | None = None) -> Avoid:
    """Never share a node (or zone, or label value) with a pod of `tier`."""
    return Avoid(tier=tier, per=per, soft=soft, weight=weight)

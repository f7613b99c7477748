"""Suppressions: a tier silences a finding by id, with a written reason that stays in the reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .._finding import Finding

Suppressions = Mapping[tuple[str | None, str], Mapping[str, str]]
"""(blueprint, tier) -> {finding id: reason}."""


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding a tier suppressed, kept for json/SARIF output with the tier's reason."""

    finding: Finding
    reason: str


def suppressions_of(spec: Any) -> dict[tuple[str | None, str], dict[str, str]]:
    """The `suppress` mapping (finding id -> reason) of every tier of a blueprint spec."""
    out: dict[tuple[str | None, str], dict[str, str]] = {}
    blueprint = getattr(spec, "name", None)
    for tier in getattr(spec, "tiers", ()) or ():
        suppress = getattr(tier, "suppress", None) or {}
        if suppress:
            out[(blueprint, str(tier.name))] = {str(k): str(v) for k, v in suppress.items()}
    return out


def apply_suppressions(
    findings: Iterable[Finding], suppressions: Suppressions
) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into (active, suppressed). A suppression applies to its own tier only."""
    active: list[Finding] = []
    suppressed: list[Suppressed] = []
    for item in findings:
        reasons = suppressions.get((item.blueprint, item.tier)) if item.tier else None
        reason = reasons.get(item.id) if reasons else None
        if reason is None:
            active.append(item)
        else:
            suppressed.append(Suppressed(item, reason))
    return active, suppressed

"""The label keys hagen writes and reads back, in one place (Kubernetes recommended labels).

Synthesis writes them; checks, validation reports and placement read them to name a blueprint and tier.
The tier label's key is configurable per blueprint (``Blueprint.tier_label``); readers take it as an
argument and fall back to the component label, which every object hagen writes carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

NAME = "app.kubernetes.io/name"
INSTANCE = "app.kubernetes.io/instance"
"""The blueprint's name."""
COMPONENT = "app.kubernetes.io/component"
"""The tier's name."""
PART_OF = "app.kubernetes.io/part-of"
MANAGED_BY = "app.kubernetes.io/managed-by"
MANAGER = "hagen"
DEFAULT_TIER_LABEL = "tier"


def tier_of(labels: Mapping[str, Any], tier_labels: Iterable[str] = (DEFAULT_TIER_LABEL,)) -> str | None:
    """The tier a pod or object belongs to: its component label, else the first configured tier label."""
    for key in (COMPONENT, *tier_labels):
        value = labels.get(key)
        if value is not None and value != "":
            return str(value)
    return None


def blueprint_and_tier(labels: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(blueprint, tier) named by an object's instance and component labels."""
    blueprint, tier = labels.get(INSTANCE), labels.get(COMPONENT)
    return (str(blueprint) if blueprint else None), (str(tier) if tier else None)

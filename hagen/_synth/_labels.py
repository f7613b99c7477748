"""The labels every object carries, and the selectors that find a tier's pods.

Recommended labels (app.kubernetes.io/*) on everything; the tier label (default key `tier`) on a tier's
objects and pods. Selectors use only labels that never change for a tier (instance and tier), because a
Deployment's spec.selector is immutable.
"""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Tier
from .._labels import COMPONENT, INSTANCE, MANAGED_BY, MANAGER, NAME, PART_OF


def blueprint_labels(spec: BlueprintSpec) -> dict[str, str]:
    """metadata.labels of blueprint-wide objects (Namespace, StorageClass)."""
    labels = {
        NAME: spec.name,
        INSTANCE: spec.name,
        PART_OF: spec.part_of or spec.name,
        MANAGED_BY: MANAGER,
        **spec.labels,
    }
    return dict(sorted(labels.items()))


def tier_labels(spec: BlueprintSpec, tier: Tier) -> dict[str, str]:
    """metadata.labels of a tier's objects and of its pod template."""
    labels = {
        NAME: tier.name,
        INSTANCE: spec.name,
        COMPONENT: tier.name,
        PART_OF: spec.part_of or spec.name,
        MANAGED_BY: MANAGER,
        spec.tier_label: tier.name,
        **spec.labels,
        **tier.labels,
    }
    return dict(sorted(labels.items()))


def selector_labels(spec: BlueprintSpec, tier: Tier) -> dict[str, str]:
    """spec.selector.matchLabels of a tier's workload, Service and PodDisruptionBudget."""
    labels = {INSTANCE: spec.name, spec.tier_label: tier.name}
    return labels if spec.tier_label > INSTANCE else dict(sorted(labels.items()))  # keys in order already


def tier_selector(spec: BlueprintSpec, tier_name: str) -> dict[str, Any]:
    """labelSelector of an affinity term or spread constraint that selects the pods of `tier_name`.

    With bare_tier_selectors it is the seed's ``<tier_label> In [name]``; otherwise it also requires the
    blueprint's instance label, so two blueprints sharing a namespace never select each other's pods.
    """
    expressions: list[dict[str, Any]] = [{"key": spec.tier_label, "operator": "In", "values": [tier_name]}]
    if not spec.bare_tier_selectors:
        expressions.append({"key": INSTANCE, "operator": "In", "values": [spec.name]})
    return {"matchExpressions": expressions}

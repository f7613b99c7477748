"""Synthesis: a validated blueprint -> Kubernetes objects as plain data (no I/O)."""

from ._labels import blueprint_labels, selector_labels, tier_labels, tier_selector
from ._synthesis import EKSCTL_FRAGMENT, Synthesis, synthesize, synthesize_each

__all__ = [
    "EKSCTL_FRAGMENT",
    "Synthesis",
    "blueprint_labels",
    "selector_labels",
    "synthesize",
    "synthesize_each",
    "tier_labels",
    "tier_selector",
]

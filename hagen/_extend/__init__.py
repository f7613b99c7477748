"""Escape hatches: extra objects in a blueprint and patches on generated objects (kustomize habits)."""

from ._objects import as_object, place_object
from ._patches import JsonPatch, Patch, StrategicMerge, apply_patches
from ._strategic import merge_patch

__all__ = [
    "JsonPatch",
    "Patch",
    "StrategicMerge",
    "apply_patches",
    "as_object",
    "merge_patch",
    "place_object",
]

"""Deep merge of Helm values layers, with Helm's own rules.

`helm -f a.yaml -f b.yaml` merges user values like this: mappings merge key by key, anything else (lists,
scalars) in the later file replaces the earlier value, and a null in the later file replaces the earlier
value with null. Helm then coalesces the result with the chart's values.yaml, where a null removes the
chart's default. hagen keeps the null in the merged values for that reason: dropping it would let the
chart's default come back, which is not what the user wrote.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

Values = dict[str, Any]
"""Helm values: a YAML mapping as plain data."""


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> Values:
    """`override` merged into `base`, neither modified: mappings merge, everything else replaces.

    A None in `override` replaces whatever `base` holds there (in Helm it then deletes the chart default).
    """
    merged: Values = {key: copy.deepcopy(value) for key, value in base.items()}
    for key, value in override.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = copy.deepcopy(dict(value) if isinstance(value, Mapping) else value)
    return merged


def merge_layers(layers: Iterable[Mapping[str, Any]]) -> Values:
    """All layers merged in order, the later winning (like repeated ``helm -f``)."""
    merged: Values = {}
    for layer in layers:
        merged = deep_merge(merged, layer)
    return merged


def key_paths(values: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key path in `values`, parents before children (lists are leaves: Helm replaces them whole)."""
    paths: list[tuple[str, ...]] = []
    for key, value in values.items():
        path = (*prefix, str(key))
        paths.append(path)
        if isinstance(value, Mapping):
            paths.extend(key_paths(value, path))
    return paths


def coalesce(defaults: Mapping[str, Any], values: Mapping[str, Any]) -> Values:
    """What a chart's templates see: `values` over the chart's `defaults`, a None removing the key."""
    result: Values = {key: copy.deepcopy(value) for key, value in defaults.items()}
    for key, value in values.items():
        current = result.get(key)
        if value is None:
            result.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(current, Mapping):
            result[key] = coalesce(current, value)
        else:
            result[key] = copy.deepcopy(dict(value) if isinstance(value, Mapping) else value)
    return result

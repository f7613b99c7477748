"""Deep merge of Helm values layers, with Helm's own rules.

`helm -f a.yaml -f b.yaml` merges user values like this: mappings merge key by key, anything else (lists,
scalars) in the later file replaces the earlier value, and a null in the later file replaces the earlier
value with null. Helm then coalesces the result with the chart's values.yaml (pkg/chartutil/coalesce.go):
a null removes the chart's default where values.yaml has the key, and is handed to the templates as a
null where it has not (an annotation or label of value null, a `{{ if }}` that sees a key).

hagen merges its own layers, so it finishes Helm's job before writing: `drop_nulls` keeps a null only
where the chart's defaults hold a value it removes, and drops it everywhere else (a null that removed a
lower layer's value has done its work). Without a copy of the chart there are no defaults to keep it for.
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


def drop_nulls(values: Mapping[str, Any], defaults: Mapping[str, Any] | None) -> tuple[Values, list[str]]:
    """(`values` without the nulls that remove nothing, the dotted paths of those dropped).

    A None is kept only where `defaults` (the chart's values.yaml, None when there is no copy) holds a
    non-null value at the same path: there Helm deletes that default. Mappings emptied by the drop stay
    (an empty mapping merges to the chart's default, as the user's mapping would have). Lists are leaves.
    """
    dropped: list[str] = []

    def walk(node: Mapping[str, Any], known: Mapping[str, Any] | None, prefix: str) -> Values:
        kept: Values = {}
        for key, value in node.items():
            default = known.get(key) if known is not None else None
            if value is None:
                if default is None:
                    dropped.append(f"{prefix}{key}")
                else:
                    kept[key] = None
            elif isinstance(value, Mapping):
                kept[key] = walk(value, default if isinstance(default, Mapping) else None, f"{prefix}{key}.")
            else:
                kept[key] = copy.deepcopy(value)
        return kept

    return walk(values, defaults, ""), dropped


def coalesce(defaults: Mapping[str, Any], values: Mapping[str, Any]) -> Values:
    """What a chart's templates see: `values` over the chart's `defaults` (Helm's CoalesceValues).

    A None deletes the key where `defaults` has it, and stays a None (a key whose value is null) where
    `defaults` has not; a mapping merges into a mapping default; anything else replaces the default.
    """
    result: Values = {key: copy.deepcopy(value) for key, value in defaults.items()}
    for key, value in values.items():
        current = result.get(key)
        if value is None:
            if key in defaults:
                result.pop(key)
            else:
                result[key] = None
        elif isinstance(value, Mapping) and isinstance(current, Mapping):
            result[key] = coalesce(current, value)
        else:
            result[key] = copy.deepcopy(dict(value) if isinstance(value, Mapping) else value)
    return result

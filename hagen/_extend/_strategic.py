"""Strategic merge patches, kustomize's `patches` habit, for the lists hagen's objects carry.

A strategic merge patch is a partial object: maps merge key by key, ``null`` removes a key, and lists of
objects merge item by item on the list's merge key, as the API server and kustomize do. The merge keys are
the ``patchMergeKey`` tags of the Kubernetes API types (k8s.io/api/core/v1/types.go): containers,
initContainers, ephemeralContainers, volumes, env, imagePullSecrets by ``name``; volumeMounts by
``mountPath``; a container's ports by ``containerPort`` and a Service's by ``port``. Other lists are
replaced whole. Directives: ``$patch: delete`` in a list item removes the matching item, ``$patch:
replace`` in a map replaces the map instead of merging it, ``$patch: delete`` in a map removes it.
"""

from __future__ import annotations

import copy
from typing import Any

from .._errors import BlueprintError

MERGE_KEYS: dict[str, str] = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "volumes": "name",
    "env": "name",
    "imagePullSecrets": "name",
    "volumeMounts": "mountPath",
    "hostAliases": "ip",
}
_DIRECTIVE = "$patch"


def _merge_key(field: str, items: list[Any]) -> str | None:
    if field == "ports":  # Container.ports merge on containerPort, ServiceSpec.ports on port
        return "containerPort" if any(isinstance(i, dict) and "containerPort" in i for i in items) else "port"
    return MERGE_KEYS.get(field)


def _merge_list(field: str, base: list[Any], patch: list[Any], path: str) -> list[Any]:
    key = _merge_key(field, [*base, *patch])
    if key is None or not all(isinstance(i, dict) for i in patch):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for item in patch:
        if key not in item:
            raise BlueprintError(
                f"{path}: a list item without its merge key {key!r}",
                value=item,
                allowed=f"every item of {field} names its {key}",
            )
        index = next(
            (i for i, old in enumerate(out) if isinstance(old, dict) and old.get(key) == item[key]), None
        )
        directive = item.get(_DIRECTIVE)
        if directive == "delete":
            if index is not None:
                del out[index]
            continue
        if index is None:
            out.append({k: v for k, v in copy.deepcopy(item).items() if k != _DIRECTIVE})
        else:
            out[index] = merge_patch(out[index], item, f"{path}[{key}={item[key]}]")
    return out


def merge_patch(base: dict[str, Any], patch: dict[str, Any], path: str = "") -> dict[str, Any]:
    """`base` with the strategic merge patch `patch` applied (neither is modified)."""
    directive = patch.get(_DIRECTIVE)
    body = {k: v for k, v in patch.items() if k != _DIRECTIVE}
    if directive == "replace":
        return copy.deepcopy(body)
    if directive not in (None, "merge"):
        raise BlueprintError(
            f"{path or 'patch'}: unknown directive {directive!r}", allowed="$patch: replace, merge or delete"
        )
    out = copy.deepcopy(base)
    for key, value in body.items():
        where = f"{path}.{key}" if path else key
        old = out.get(key)
        if value is None or (isinstance(value, dict) and value.get(_DIRECTIVE) == "delete"):
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(old, dict):
            out[key] = merge_patch(old, value, where)
        elif isinstance(value, list) and isinstance(old, list):
            out[key] = _merge_list(key, old, value, where)
        elif isinstance(value, dict):
            out[key] = merge_patch({}, value, where)
        elif isinstance(value, list):
            out[key] = _merge_list(key, [], value, where)
        else:
            out[key] = copy.deepcopy(value)
    return out

"""Extra objects in a blueprint: plain dicts, or models of a typed library (lightkube's resources).

Any object with a ``to_dict()`` that returns the API's camelCase form is accepted (lightkube's do;
the official client's models return snake_case attribute names and are refused by the schema check).
Extra objects go through the same pipeline as generated ones: patches, validation, checks, placement, diff.
A Secret with values is refused: its data would be written in plain text to out/ and to git.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .._objects import Object
from .._scope import BUILTIN_CLUSTER_SCOPED, GroupKind, is_cluster_scoped


def as_object(value: Any) -> Object:
    """A plain-dict copy of an extra object; ValueError naming what is missing."""
    if isinstance(value, Mapping):
        obj = copy.deepcopy(dict(value))
    elif callable(getattr(value, "to_dict", None)):
        obj = value.to_dict()
        if not isinstance(obj, dict):
            raise ValueError(f"{type(value).__name__}.to_dict() returned {type(obj).__name__}, not a dict")
    else:
        raise ValueError(
            f"expected a dict or a typed model with to_dict() (lightkube-models), got {type(value).__name__}"
        )
    meta = obj.get("metadata")
    if not obj.get("apiVersion") or not obj.get("kind") or not isinstance(meta, dict) or not meta.get("name"):
        raise ValueError("an object needs apiVersion, kind and metadata.name")
    if obj["kind"] == "Secret" and (obj.get("data") or obj.get("stringData")):
        raise ValueError(
            f"Secret {meta['name']!r} holds values that would be written in plain text to out/ and to git; "
            "reference an existing Secret, or use an ExternalSecret or a SealedSecret"
        )
    return obj


def place_object(
    obj: Object, namespace: str, labels: dict[str, str], scoped: frozenset[GroupKind] = BUILTIN_CLUSTER_SCOPED
) -> Object:
    """The extra object in the blueprint's namespace (unless it names one or its kind is in `scoped`, the
    cluster-scoped kinds: see hagen._scope.cluster_scoped_kinds) with the blueprint's labels beneath its
    own."""
    out = copy.deepcopy(obj)
    meta = out["metadata"]
    if not is_cluster_scoped(out, scoped) and not meta.get("namespace"):
        meta["namespace"] = namespace
    meta["labels"] = {**labels, **(meta.get("labels") or {})}
    return out

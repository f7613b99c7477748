"""Patches on generated objects, addressed by identity: RFC 6902 JSON patches and strategic merge patches.

The kustomize habit: a JSON patch names its target (apiVersion, kind, namespace, name) and lists
operations; a strategic merge patch is a partial object that names itself. Patches run in declaration
order on every object of the blueprint (tiers, ConfigMaps, extra objects, cdk8s charts) before the
objects are validated, checked, placed and written. A patch that addresses no object is an error that
lists the closest identities.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import Field, field_validator

from .._config._model import Model
from .._errors import BlueprintError
from .._model import model_check
from .._objects import Object, object_id
from .._scope import is_cluster_scoped
from ._strategic import merge_patch


class _Target(Model):
    named_errors = False  # `name` is the patched object's, not the patch's own

    api_version: str = Field(min_length=1, description="apiVersion of the object, e.g. apps/v1")
    kind: str = Field(min_length=1, description="kind, e.g. Deployment")
    name: str = Field(min_length=1, description="metadata.name")
    namespace: str | None = Field(default=None, description="metadata.namespace; default the blueprint's")

    def target_id(self, default_namespace: str) -> str:
        """The addressed object's identity (hagen's group.kind.namespace.name)."""
        scoped = is_cluster_scoped({"apiVersion": self.api_version, "kind": self.kind})
        namespace = None if scoped else self.namespace or default_namespace
        meta = {"name": self.name, **({"namespace": namespace} if namespace else {})}
        return object_id({"apiVersion": self.api_version, "kind": self.kind, "metadata": meta})


class JsonPatch(_Target):
    """An RFC 6902 JSON patch (add, remove, replace, move, copy, test) on one object."""

    ops: tuple[dict[str, Any], ...] = Field(
        min_length=1, description="the operations, e.g. {'op': 'add', 'path': '/spec/paused', 'value': True}"
    )

    @field_validator("ops")
    @classmethod
    def _rfc6902(cls, value: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        import jsonpatch

        try:
            jsonpatch.JsonPatch(list(value))
        except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException, KeyError, TypeError) as exc:
            raise ValueError(f"not an RFC 6902 patch: {exc}") from None
        return value

    def apply(self, obj: Object) -> Object:
        """The patched object; BlueprintError when an operation fails (a missing path, a failed test)."""
        import jsonpatch

        try:
            patched: Object = jsonpatch.apply_patch(obj, list(self.ops))
        except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
            raise ValueError(f"the JSON patch does not apply: {exc}") from None
        return patched


class StrategicMerge(Model):
    """A strategic merge patch: a partial object naming its target by apiVersion, kind and metadata."""

    patch: dict[str, Any] = Field(description="the partial object, e.g. {'apiVersion': 'apps/v1', ...}")

    @model_check
    def _names_target(self) -> StrategicMerge:
        meta = self.patch.get("metadata")
        if (
            not self.patch.get("apiVersion")
            or not self.patch.get("kind")
            or not isinstance(meta, dict)
            or not meta.get("name")
        ):
            raise ValueError("a strategic merge patch names its target: apiVersion, kind and metadata.name")
        return self

    def target_id(self, default_namespace: str) -> str:
        """The addressed object's identity."""
        meta = self.patch["metadata"]
        return _Target(
            api_version=self.patch["apiVersion"],
            kind=self.patch["kind"],
            name=meta["name"],
            namespace=meta.get("namespace"),
        ).target_id(default_namespace)

    def apply(self, obj: Object) -> Object:
        """The merged object."""
        return merge_patch(obj, self.patch)


Patch = JsonPatch | StrategicMerge


def apply_patches(
    objects: Sequence[Object],
    patches: Sequence[Patch],
    namespace: str,
    check: Callable[[int, Object, Object], None] | None = None,
) -> list[Object]:
    """`objects` with each patch applied to the object it addresses (a new list; inputs unchanged). An
    object keeps its position, so a caller can find its own objects again after the patches.

    BlueprintError (field ``patches[i]``) for a patch that addresses nothing, naming the closest
    identities, or one that does not apply. `check` sees each patch's index and the object before and
    after it, and raises a BlueprintError for a change the caller cannot accept.
    """
    out = list(objects)
    for index, patch in enumerate(patches):
        wanted = patch.target_id(namespace)
        ids = [object_id(o) for o in out]
        if wanted not in ids:
            close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5) or sorted(ids)[:5]
            raise BlueprintError(
                "the patch addresses no object of this blueprint",
                field=f"patches[{index}]",
                value=wanted,
                allowed="an object the blueprint generates; closest: " + ", ".join(close),
            )
        at = ids.index(wanted)
        try:
            patched = patch.apply(out[at])
        except (ValueError, BlueprintError) as exc:
            reason = exc.reason if isinstance(exc, BlueprintError) else str(exc)
            raise BlueprintError(reason, field=f"patches[{index}]", value=wanted) from None
        if check is not None:
            check(index, out[at], patched)
        out[at] = patched
    return out

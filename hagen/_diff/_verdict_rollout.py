"""Whether each rollout a diff causes can finish on a cluster profile, by `hagen place --rollout`'s
simulation (`hagen.rollout`): the rolling update of the workload's tier, with its own strategy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ._model import DiffResult


def _tier(doc: Any) -> str | None:
    from .._labels import tier_of

    template = ((doc.get("spec") or {}).get("template") or {}) if isinstance(doc, dict) else {}
    labels = (template.get("metadata") or {}).get("labels") or {}
    return tier_of(labels)


def check_rollouts(
    result: DiffResult, cluster: Any, objects: Sequence[Mapping[str, Any]] | None = None
) -> DiffResult:
    """`result` with a note on each Deployment or StatefulSet rollout: finishes, or where it hangs.

    `cluster` is a ClusterProfile (`hagen.load_profile`); `objects` everything on the new side (default:
    the new versions of the changed objects only, so other workloads' pods are not on the nodes).
    """
    from .._place import rollout

    docs = list(objects) if objects is not None else [o.new for o in result.objects if o.new is not None]
    changed = []
    for obj in result.objects:
        v = obj.verdict
        tier = _tier(obj.new)
        if v is None or v.name != "rollout" or obj.doc_kind not in ("Deployment", "StatefulSet") or not tier:
            changed.append(obj)
            continue
        _, r = rollout(docs, cluster, tier)
        note = (
            f"the rollout finishes on the cluster profile ({r.strategy})"
            if r.finished
            else f"the rollout hangs on the cluster profile: {r.stuck}"
        )
        changed.append(replace(obj, verdict=replace(v, notes=(*v.notes, note))))
    return replace(result, objects=tuple(changed))

"""What applying one object's change does on the cluster: in place, rollout, refused or recreate.

The refusals come from the immutable-field table (`_rules_immutable.RULES`) and the PersistentVolumeClaim
resize rules: a shrink is always refused; a grow is accepted only when the claim's StorageClass (looked up
in the same tree) has ``allowVolumeExpansion: true``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._model import Change, DiffResult, ObjectDiff
from ._rules_immutable import (
    GROW_MESSAGE,
    GROW_OUT,
    RESIZE_ADMISSION,
    RESIZE_SOURCE,
    SHRINK_MESSAGE,
    SHRINK_OUT,
    find_rule,
)
from ._verdict_cloud import hook_recreates, load_balancer_replaced

VerdictName = Literal["in place", "rollout", "refused", "recreate"]
VERDICTS: tuple[VerdictName, ...] = ("refused", "recreate", "rollout", "in place")
"""Most severe first: an object's verdict is the most severe of its changes'."""

ROLLING_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
"""Kinds whose controller replaces every pod when ``spec.template`` changes."""

ClassLookup = Callable[[str], Mapping[str, Any] | None]
_STORAGE = ("spec", "resources", "requests", "storage")


@dataclass(frozen=True, slots=True)
class Refusal:
    """One field the API server will not update: its path, the server's message, the rule's source file
    and function in kubernetes/kubernetes, and the way out."""

    field: str
    message: str
    source: str
    way_out: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """An object's verdict. `restarts`: workloads whose pods restart (``Deployment/web``); `volumes`: the
    volumes whose data is at risk on a recreate; `notes`: why, in words (class lookups, rollout outcome)."""

    name: VerdictName
    refusals: tuple[Refusal, ...] = ()
    restarts: tuple[str, ...] = ()
    volumes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def _meta(doc: Any) -> Mapping[str, Any]:
    meta = doc.get("metadata") if isinstance(doc, dict) else None
    return meta if isinstance(meta, dict) else {}


def _spec(doc: Any) -> Mapping[str, Any]:
    spec = doc.get("spec") if isinstance(doc, dict) else None
    return spec if isinstance(spec, dict) else {}


def _name(doc: Any) -> str:
    meta = _meta(doc)
    ns = meta.get("namespace")
    return f"{ns}/{meta.get('name')}" if ns else str(meta.get("name"))


def volumes_at_risk(kind: str, doc: Any) -> tuple[str, ...]:
    """The volumes whose data a delete-and-create of `doc` leaves behind or loses.

    A PersistentVolumeClaim is its own volume; a StatefulSet's pods use claims named
    ``<template>-<statefulset>-<ordinal>``, so a new name means new, empty claims.
    """
    if kind == "PersistentVolumeClaim":
        return (f"PersistentVolumeClaim {_name(doc)}",)
    if kind == "StatefulSet":
        name = _meta(doc).get("name")
        replicas = _spec(doc).get("replicas", 1)
        count = replicas if isinstance(replicas, int) else 1
        out = []
        for template in _spec(doc).get("volumeClaimTemplates") or []:
            claim = _meta(template).get("name")
            ordinals = f"0..{count - 1}" if count > 1 else "0"
            out.append(f"PersistentVolumeClaims {claim}-{name}-{ordinals}")
        return tuple(out)
    return ()


def _quantity(value: Any) -> Any:
    from .._quantity import parse_quantity

    try:
        return parse_quantity(value)
    except (ValueError, TypeError, ZeroDivisionError):
        return None


def _resize(change: Change, new_doc: Any, classes: ClassLookup) -> tuple[Refusal | None, str]:
    """(the refusal, or None for an accepted grow; a note) for a change of a claim's storage request."""
    where = change.path_str
    old, new = _quantity(change.old), _quantity(change.new)
    if old is None or new is None or old == new:
        return None, ""
    if new < old:
        return Refusal(where, SHRINK_MESSAGE, RESIZE_SOURCE, SHRINK_OUT), ""
    class_name = _spec(new_doc).get("storageClassName")
    if not isinstance(class_name, str):
        note = "the claim names no StorageClass (the cluster default): hagen cannot see whether it may grow"
        return Refusal(where, GROW_MESSAGE, RESIZE_ADMISSION, GROW_OUT), note
    found = classes(class_name)
    if found is None:
        note = f"StorageClass {class_name} is not in this tree: hagen cannot see whether it may grow"
        return Refusal(where, GROW_MESSAGE, RESIZE_ADMISSION, GROW_OUT), note
    if found.get("allowVolumeExpansion") is True:
        return None, f"grows in place: StorageClass {class_name} has allowVolumeExpansion: true"
    return Refusal(
        where, GROW_MESSAGE, RESIZE_ADMISSION, GROW_OUT.replace("the StorageClass", class_name)
    ), ""


WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet")


def workload_successors(objects: Sequence[ObjectDiff]) -> dict[str, str]:
    """removed workload id -> the id of an added workload of another kind with its namespace and name:
    one tier that changed kind (a StatefulSet of 2 replicas becoming a Deployment of 1)."""
    added = {
        (_meta(o.new).get("namespace"), _meta(o.new).get("name")): o.object_id
        for o in objects
        if o.status == "added" and o.doc_kind in WORKLOADS
    }
    return {
        o.object_id: added[key]
        for o in objects
        if o.status == "removed"
        and o.doc_kind in WORKLOADS
        and (key := (_meta(o.old).get("namespace"), _meta(o.old).get("name"))) in added
    }


def judge(obj: ObjectDiff, classes: ClassLookup = lambda name: None, successor: str | None = None) -> Verdict:
    """The verdict of one object diff; `classes` finds a StorageClass by name (None when unknown);
    `successor`: for a removed workload, the added one of another kind that takes its name (see
    `workload_successors`): its pods are deleted and created anew, and a StatefulSet's claims stay behind
    with their data, mounted by nothing."""
    if obj.status == "added":
        return Verdict("in place", notes=("created",))
    if obj.status == "removed" and successor is not None:
        volumes = volumes_at_risk(obj.doc_kind, obj.old)
        gone = f"{obj.object_id} is deleted and {successor} created in its place"
        left = ("its claims keep their data and no new pod mounts them",) if volumes else ()
        return Verdict(
            "recreate", restarts=(f"{obj.doc_kind}/{_name(obj.old)}",), volumes=volumes, notes=(gone, *left)
        )
    if obj.status == "removed":
        notes: tuple[str, ...] = ("deleted",)
        if obj.doc_kind == "PersistentVolumeClaim":
            notes = ("deleted: its volume's data goes as its PersistentVolume's reclaim policy says",)
        return Verdict("in place", notes=notes)
    ident = f"{obj.doc_kind}/{_name(obj.new)}"
    if obj.old_id is not None and obj.old_id != obj.object_id:
        volumes = volumes_at_risk(obj.doc_kind, obj.old)
        gone = f"{obj.old_id} is deleted and {obj.object_id} created"
        notes = (gone,) if volumes else (gone, "no volume data at risk")
        restarts = (ident,) if obj.doc_kind in ROLLING_KINDS else ()
        return Verdict("recreate", restarts=restarts, volumes=volumes, notes=notes)
    refusals: list[Refusal] = []
    notes_list: list[str] = []
    rolls = False
    for change in obj.changes:
        if not change.path:
            continue
        if obj.doc_kind == "PersistentVolumeClaim" and change.path == _STORAGE:
            refusal, note = _resize(change, obj.new, classes)
            if refusal:
                refusals.append(refusal)
            if note:
                notes_list.append(note)
            continue
        rule = find_rule(change, obj.old, obj.new)
        if rule is not None:
            way_out = rule.way_out.replace("NAME", str(_meta(obj.new).get("name")))
            refusals.append(Refusal(change.path_str, rule.message, rule.source, way_out))
        elif obj.doc_kind in ROLLING_KINDS and change.path[:2] == ("spec", "template"):
            rolls = True
    notes = tuple(dict.fromkeys(notes_list))  # once each, in order
    if hooked := hook_recreates(obj):
        return Verdict("recreate", notes=(*notes, hooked))
    if refusals:
        return Verdict("refused", refusals=tuple(refusals), notes=notes)
    if replaced := load_balancer_replaced(obj):
        return Verdict("recreate", notes=(*notes, replaced))
    if rolls:
        return Verdict("rollout", restarts=(ident,), notes=notes)
    return Verdict("in place", notes=notes)


FAIL_ON = ("any", "rollout", "recreate", "refused")
"""`--fail-on` levels: any drift, or a verdict at least this severe (refused > recreate > rollout)."""


def fails(result: DiffResult, fail_on: str = "any") -> bool:
    """True when `result` should fail the job at level `fail_on` (one of FAIL_ON)."""
    if fail_on == "any":
        return result.drift
    worst = [name for name in VERDICTS if VERDICTS.index(name) <= [*VERDICTS, fail_on].index(fail_on)]
    return any(obj.verdict is not None and obj.verdict.name in worst for obj in result.objects)

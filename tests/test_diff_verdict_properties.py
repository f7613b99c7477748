"""Invariants of verdicts and ignore rules: mutable fields are never refused or recreated; ignoring one path
leaves every other change, and its verdict, as it was."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._diff import IgnoreRule, diff_trees, tree_from_documents
from hagen._diff._ignore import concrete

from .test_diff_properties import SCALARS, SPECS, VALUES

API = {
    "Deployment": "apps/v1",
    "StatefulSet": "apps/v1",
    "DaemonSet": "apps/v1",
    "Job": "batch/v1",
    "PersistentVolumeClaim": "v1",
    "Service": "v1",
    "StorageClass": "storage.k8s.io/v1",
    "ConfigMap": "v1",
}
# Fields the API server lets change, per kind (besides labels and annotations).
MUTABLE: dict[str, list[tuple[str, ...]]] = {
    "Deployment": [
        ("spec", "replicas"),
        ("spec", "template"),
        ("spec", "strategy"),
        ("spec", "minReadySeconds"),
    ],
    "StatefulSet": [
        ("spec", "replicas"),
        ("spec", "template"),
        ("spec", "updateStrategy"),
        ("spec", "minReadySeconds"),
        ("spec", "persistentVolumeClaimRetentionPolicy"),
        ("spec", "ordinals"),
    ],
    "DaemonSet": [("spec", "template"), ("spec", "updateStrategy"), ("spec", "minReadySeconds")],
    "Job": [("spec", "parallelism"), ("spec", "suspend"), ("spec", "activeDeadlineSeconds")],
    "PersistentVolumeClaim": [("spec", "volumeAttributesClassName")],
    "Service": [("spec", "ports"), ("spec", "type"), ("spec", "sessionAffinity")],
    "StorageClass": [("allowVolumeExpansion",), ("mountOptions",), ("allowedTopologies",)],
    "ConfigMap": [("data",)],
}


def _set(doc: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    here = doc
    for key in path[:-1]:
        here = here.setdefault(key, {})
    here[path[-1]] = value


@st.composite
def mutable_change(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(API)))
    old: dict[str, Any] = {
        "apiVersion": API[kind],
        "kind": kind,
        "metadata": {
            "name": "x",
            "namespace": "ns",
            "labels": draw(st.dictionaries(st.sampled_from("abc"), SCALARS)),
        },
        "spec": {"selector": {"matchLabels": {"app": "x"}}, "serviceName": "x"},
    }
    new = copy.deepcopy(old)
    for path in draw(st.lists(st.sampled_from(MUTABLE[kind]), min_size=1, max_size=3, unique=True)):
        if draw(st.booleans()):
            _set(old, path, draw(VALUES))
        _set(new, path, draw(VALUES))
    new["metadata"]["annotations"] = draw(st.dictionaries(st.sampled_from("xyz"), SCALARS, max_size=2))
    return old, new


@settings(max_examples=200)
@given(mutable_change())
def test_changes_to_mutable_fields_are_never_refused_nor_recreated(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    old, new = pair
    result = diff_trees(tree_from_documents({"o.yaml": [old]}), tree_from_documents({"o.yaml": [new]}))
    for obj in result.objects:
        assert obj.verdict is not None
        assert obj.verdict.name in ("in place", "rollout"), obj.verdict


def _pointer(path: tuple[Any, ...]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


@settings(max_examples=200)
@given(SPECS, SPECS, st.sampled_from(["StatefulSet", "StorageClass", "Deployment"]), st.integers(0, 50))
def test_ignoring_one_path_leaves_every_other_change(
    old_spec: Any, new_spec: Any, kind: str, pick: int
) -> None:
    def doc(spec: Any) -> dict[str, Any]:
        return {
            "apiVersion": API[kind],
            "kind": kind,
            "metadata": {"name": "x", "namespace": "ns"},
            "spec": spec,
        }

    old, new = doc(old_spec), doc(new_spec)
    trees = tree_from_documents({"o.yaml": [old]}), tree_from_documents({"o.yaml": [new]})
    base = diff_trees(*trees)
    if not base.objects:
        return
    changes = [c for c in base.objects[0].changes if c.path]
    target = changes[pick % len(changes)]
    side = old if target.kind == "removed" else new
    path = concrete(target.path, side)
    assert path is not None
    rule = IgnoreRule(kind=kind, group="*", json_pointers=(_pointer(path),), label="r")
    after = diff_trees(*trees, ignore=[rule])
    kept = [c for c in after.changes if c.path]

    def under(c: Any) -> bool:
        # A pointer with a list position selects by position, on the side the change is on (both if changed).
        sides = [old] if c.kind == "removed" else [new] if c.kind == "added" else [old, new]
        found = [concrete(c.path, d) for d in sides]
        return any(x is not None and tuple(map(str, x[: len(path)])) == tuple(map(str, path)) for x in found)

    assert kept == [c for c in changes if not under(c)]
    assert sum(n for _, n in after.ignored) == len(changes) - len(kept)
    if kept:  # the verdict of what is left is the verdict those changes have on their own
        assert after.objects[0].verdict is not None
        names = {r.field for r in after.objects[0].verdict.refusals}
        assert names <= {c.path_str for c in kept}

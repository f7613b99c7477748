"""hagen -> cdk8s: a blueprint's objects as cdk8s ApiObjects, so `cdk8s synth` writes them with the app.

Each object becomes one ``ApiObject`` carrying a JSON patch that replaces the whole synthesized document
(path ``""``) with hagen's object. Patches apply after cdk8s's own processing, so the object comes out
exactly as hagen wrote it: same values, same key order, nothing sorted, resolved or dropped (cdk8s drops
empty metadata maps, for one). This also settles a cdk8s bug (cdk8s-core#731, open): cdk8s stamps the
chart's namespace on every ApiObject that names none, cluster-scoped kinds included (a StorageClass or
Namespace with a namespace); hagen's objects carry exactly the namespace hagen gave them.

The chart's labels are merged into metadata.labels (hagen's win on a clash), as cdk8s does for every object
in a chart. Patches a user adds to these ApiObjects later still apply, after this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._objects import Object, object_id


def chart_of(scope: Any) -> Any | None:
    """The cdk8s Chart `scope` is in (itself included), or None when it is in none (e.g. an App)."""
    from cdk8s import Chart

    for node in reversed(scope.node.scopes):
        if isinstance(node, Chart):
            return node
    return None


def with_labels(obj: Object, labels: dict[str, str]) -> Object:
    """`obj` with `labels` under its own metadata.labels (the object's own values win)."""
    if not labels:
        return obj
    meta = obj.get("metadata") or {}
    return {**obj, "metadata": {**meta, "labels": {**labels, **(meta.get("labels") or {})}}}


def api_object(scope: Any, obj: Object, chart_labels: dict[str, str] | None = None) -> Any:
    """One cdk8s ApiObject under `scope` that synthesizes to exactly `obj` (plus the chart's labels).

    Its construct id is hagen's object id (group.kind.namespace.name), unique within a blueprint.
    """
    from cdk8s import ApiObject, ApiObjectMetadata, JsonPatch

    meta = obj.get("metadata") or {}
    node = ApiObject(
        scope,
        object_id(obj),
        api_version=obj["apiVersion"],
        kind=obj["kind"],
        metadata=ApiObjectMetadata(name=meta.get("name"), namespace=meta.get("namespace")),
    )
    node.add_json_patch(JsonPatch.replace("", with_labels(obj, chart_labels or {})))
    return node


def add_objects(scope: Any, construct_id: str, objects: Iterable[Object]) -> Any:
    """A construct `construct_id` under `scope` holding one ApiObject per object, in the given order.

    Under a Chart (or a construct in one) it is a plain construct; under an App it is a new Chart with no
    namespace and no labels.
    """
    from cdk8s import Chart
    from constructs import Construct

    chart = chart_of(scope)
    group: Construct
    if chart is None:
        group = chart = Chart(scope, construct_id)
    else:
        group = Construct(scope, construct_id)
    labels = dict(chart.labels)
    for obj in objects:
        api_object(group, obj, labels)
    return group

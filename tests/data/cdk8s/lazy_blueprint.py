"""A blueprint that builds its cdk8s chart in a function importing cdk8s itself: loading the file needs
neither cdk8s nor Node.js, and `hagen synth` reports either one missing as a single line."""

from __future__ import annotations

from typing import Any

from hagen import Blueprint


def config_chart(app: Any) -> Any:
    """A chart in namespace `lazy` with a ConfigMap and a cluster-scoped PriorityClass."""
    from cdk8s import ApiObject, ApiObjectMetadata, Chart, JsonPatch

    chart = Chart(app, "lazy", namespace="lazy")
    config = ApiObject(
        chart, "settings", api_version="v1", kind="ConfigMap", metadata=ApiObjectMetadata(name="settings")
    )
    config.add_json_patch(JsonPatch.add("/data", {"mode": "on", "replicas": "2"}))
    priority = ApiObject(
        chart,
        "critical",
        api_version="scheduling.k8s.io/v1",
        kind="PriorityClass",
        metadata=ApiObjectMetadata(name="critical"),
    )
    priority.add_json_patch(JsonPatch.add("/value", 1000000))
    return chart


class Lazy(Blueprint):
    """Only the chart's objects."""

    name = "lazy"
    create_namespace = False
    cdk8s_charts = (config_chart,)

"""cdk8s -> hagen: charts listed in a blueprint's cdk8s_charts join its objects, out/ and placement."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests._cdk8s_skip import require_cdk8s

require_cdk8s()

from cdk8s import ApiObject, ApiObjectMetadata, App, Chart, JsonPatch  # noqa: E402

from hagen import BlueprintError, load_blueprints, synthesize  # noqa: E402
from hagen._cdk8s import import_objects  # noqa: E402
from hagen._objects import object_id, sort_objects  # noqa: E402
from hagen._place import ClusterProfile, place  # noqa: E402
from hagen._yaml import load_objects  # noqa: E402
from tests.conftest import run_hagen  # noqa: E402

DATA = Path(__file__).parent / "data" / "cdk8s"
SEED = DATA / "seed_blueprint.py"
sys.path.insert(0, str(DATA))

from _seed_app import seed_chart  # noqa: E402


def _by_name(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == "Deployment"}


def _matches(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def test_seed_chart_keeps_the_cdk8s_plus_scheduling_rules() -> None:
    deployments = _by_name(import_objects(seed_chart))
    assert set(deployments) == {"backend", "frontend"}
    pods = {name: d["spec"]["template"]["metadata"]["labels"] for name, d in deployments.items()}
    for name, deployment in deployments.items():
        assert deployment["spec"]["replicas"] == 2
        affinity = deployment["spec"]["template"]["spec"]["affinity"]
        (anti,) = affinity["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        assert anti["topologyKey"] == "kubernetes.io/hostname"
        assert _matches(anti["labelSelector"], pods[name])
        assert not _matches(anti["labelSelector"], pods["frontend" if name == "backend" else "backend"])
    (near,) = deployments["frontend"]["spec"]["template"]["spec"]["affinity"]["podAffinity"][
        "requiredDuringSchedulingIgnoredDuringExecution"
    ]
    assert near["topologyKey"] == "kubernetes.io/hostname"
    assert _matches(near["labelSelector"], pods["backend"])
    assert not _matches(near["labelSelector"], pods["frontend"])


def test_seed_blueprint_places_one_backend_and_one_frontend_per_node() -> None:
    (spec,) = load_blueprints([SEED])
    synthesis = synthesize(spec)
    kinds = [o["kind"] for o in synthesis.objects]
    assert kinds == ["Namespace", "Deployment", "Deployment"]
    simulation = place(synthesis.objects, spec.cluster).simulation
    assert not simulation.pending
    for node in simulation.nodes:
        workloads = sorted(str(p.pod.workload) for p in simulation.on_node(node))
        assert workloads == ["backend", "frontend"], (node, workloads)


def test_a_third_pair_has_no_room_on_two_nodes() -> None:
    objects = import_objects(seed_chart)
    cluster = ClusterProfile.shorthand(nodes=2, cpu="4", memory="8Gi")
    for deployment in objects:
        deployment["spec"]["replicas"] = 3
    simulation = place(objects, cluster).simulation
    assert len(simulation.pending) == 2  # a third backend and a third frontend: no node is free of either


def test_hagen_synth_writes_the_chart_objects_deterministically(tmp_path: Path) -> None:
    outs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out-{seed}"
        result = run_hagen("synth", str(SEED), "-o", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]
    written = load_objects((tmp_path / "out-0" / "seed-cdk8s" / "deployment-backend.yaml").read_text())
    assert written == [_by_name(import_objects(seed_chart))["backend"]]
    assert "seed-cdk8s/kustomization.yaml" in outs[0]


def test_hagen_place_cli_places_the_imported_workloads() -> None:
    result = run_hagen("place", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    by_node: dict[str, list[str]] = {}
    for placement in report["placements"]:
        assert placement["node"] is not None, placement
        by_node.setdefault(placement["node"], []).append(placement["workload"])
    assert {node: sorted(w) for node, w in by_node.items()} == {
        "node-1": ["backend", "frontend"],
        "node-2": ["backend", "frontend"],
    }


def _cluster_chart(app: App) -> Chart:
    chart = Chart(app, "mixed", namespace="apps")
    for kind, api, name in (
        ("StorageClass", "storage.k8s.io/v1", "fast"),
        ("Namespace", "v1", "apps"),
        ("ConfigMap", "v1", "settings"),
        ("ClusterRole", "rbac.authorization.k8s.io/v1", "reader"),
        ("VolumeAttributesClass", "storage.k8s.io/v1", "silver"),
        ("ValidatingAdmissionPolicy", "admissionregistration.k8s.io/v1", "policy"),
        ("ValidatingAdmissionPolicyBinding", "admissionregistration.k8s.io/v1", "policy"),
        ("FlowSchema", "flowcontrol.apiserver.k8s.io/v1", "flow"),
        ("DeviceClass", "resource.k8s.io/v1", "gpu"),
        ("Fleet", "example.com/v1", "all"),
        ("Widget", "example.com/v1", "one"),
    ):
        ApiObject(chart, f"{kind}-{name}", api_version=api, kind=kind, metadata=ApiObjectMetadata(name=name))
    for kind, scope in (("Fleet", "Cluster"), ("Widget", "Namespaced")):
        spec = {"group": "example.com", "scope": scope, "names": {"kind": kind, "plural": f"{kind.lower()}s"}}
        ApiObject(
            chart,
            f"crd-{kind}",
            api_version="apiextensions.k8s.io/v1",
            kind="CustomResourceDefinition",
            metadata=ApiObjectMetadata(name=f"{kind.lower()}s.example.com"),
        ).add_json_patch(JsonPatch.add("/spec", spec))
    return chart


def test_cluster_scoped_objects_lose_the_chart_namespace() -> None:
    objects = import_objects(_cluster_chart)
    scope = {o["kind"]: o["metadata"].get("namespace") for o in objects}
    assert scope == {
        "StorageClass": None,
        "Namespace": None,
        "ClusterRole": None,
        "VolumeAttributesClass": None,
        "ValidatingAdmissionPolicy": None,
        "ValidatingAdmissionPolicyBinding": None,
        "FlowSchema": None,
        "DeviceClass": None,
        "CustomResourceDefinition": None,
        "Fleet": None,  # its CRD in the chart declares it cluster-scoped
        "Widget": "apps",
        "ConfigMap": "apps",
    }
    assert objects == sort_objects(objects)


class NamedChart(Chart):
    def __init__(self, scope: Any, construct_id: str) -> None:
        super().__init__(scope, construct_id, namespace="named")
        ApiObject(self, "cm", api_version="v1", kind="ConfigMap", metadata=ApiObjectMetadata(name="cm"))


def _two_charts(app: App) -> None:
    NamedChart(app, "first")
    Chart(app, "second", namespace="other")
    ApiObject(app.node.find_child("second"), "cm", api_version="v1", kind="ConfigMap")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(lambda: NamedChart(App(), "x"), id="zero-argument function"),
        pytest.param(NamedChart, id="chart subclass"),
        pytest.param(NamedChart(App(), "instance"), id="chart instance"),
        pytest.param(lambda app: NamedChart(app, "y"), id="function taking an app"),
    ],
)
def test_every_source_form_gives_the_same_objects(source: Any) -> None:
    objects = import_objects(source)
    assert [object_id(o) for o in objects] == ["core.ConfigMap.named.cm"]


def test_a_builder_that_returns_nothing_gives_every_chart_it_added() -> None:
    objects = import_objects(_two_charts)
    assert sorted(o["metadata"]["namespace"] for o in objects) == ["named", "other"]
    generated = next(o for o in objects if o["metadata"]["namespace"] == "other")
    assert generated["metadata"]["name"].startswith("second-cm-")  # cdk8s's stable generated name


def _invalid(app: App) -> Chart:
    chart = Chart(app, "bad")
    obj = ApiObject(chart, "cm", api_version="v1", kind="ConfigMap", metadata=ApiObjectMetadata(name="cm"))
    obj.add_json_patch(JsonPatch.remove("/no/such/path"))
    return chart


def _twice(app: App) -> Chart:
    chart = Chart(app, "dup")
    for construct_id in ("a", "b"):
        ApiObject(
            chart, construct_id, api_version="v1", kind="ConfigMap", metadata=ApiObjectMetadata(name="same")
        )
    return chart


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (42, "42 is not a cdk8s chart"),
        (lambda a, b: None, "takes 2 arguments"),
        (lambda: "chart", "returned str, not a cdk8s Chart or App"),
        (lambda app: None, "built no cdk8s chart"),
        (_invalid, "cdk8s could not synthesize"),
        (_twice, "core.ConfigMap._.same twice"),
    ],
)
def test_bad_sources_are_blueprint_errors(source: Any, expected: str) -> None:
    with pytest.raises(BlueprintError) as caught:
        import_objects(source)
    assert "cdk8s_charts" in str(caught.value)
    assert expected in str(caught.value)


def test_a_bad_chart_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    blueprint = tmp_path / "bad.py"
    blueprint.write_text(
        "from hagen import Blueprint\n\nclass Bad(Blueprint):\n    cdk8s_charts = (42,)\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run_hagen("synth", str(blueprint), "-o", str(out), env={"PYTHONPATH": os.getcwd()})
    assert result.returncode == 2
    assert "cdk8s_charts" in result.stderr and "42 is not a cdk8s chart" in result.stderr
    assert not out.exists()


def _namespace_chart(app: App) -> Chart:
    chart = Chart(app, "ns")
    ApiObject(chart, "ns", api_version="v1", kind="Namespace", metadata=ApiObjectMetadata(name="dup"))
    return chart


def _other_namespace_chart(app: App) -> Chart:
    chart = Chart(app, "other", namespace="elsewhere")
    ApiObject(chart, "svc", api_version="v1", kind="ConfigMap", metadata=ApiObjectMetadata(name="settings"))
    return chart


def test_an_object_the_blueprint_also_makes_is_refused() -> None:
    from hagen import Blueprint
    from hagen._blueprint import build_spec

    class Dup(Blueprint):
        name = "dup"
        cdk8s_charts = (_namespace_chart,)

    with pytest.raises(BlueprintError, match=r"core\.Namespace\._\.dup"):
        synthesize(build_spec(Dup, "dup.py"))


def test_objects_of_other_namespaces_name_their_namespace_in_the_file() -> None:
    from hagen import Blueprint, render
    from hagen._blueprint import build_spec

    class Mixed(Blueprint):
        name = "mixed"
        cdk8s_charts = (_other_namespace_chart,)

    files = render(synthesize(build_spec(Mixed, "mixed.py")))
    assert "mixed/configmap-elsewhere-settings.yaml" in files

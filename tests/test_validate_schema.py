"""Strict offline schema validation: every error, with path, value and origin; CRDs never count as valid."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen import InputError
from hagen._validate import DEFAULT_KUBE_VERSION, available_versions, validate_objects, validate_paths

from ._check_objects import container, deployment, pdb, pvc, storage_class
from .conftest import ROOT

_CONTAINER_FIELDS = {
    "args", "command", "env", "envFrom", "image", "imagePullPolicy", "lifecycle", "livenessProbe", "name",
    "ports", "readinessProbe", "resizePolicy", "resources", "restartPolicy", "restartPolicyRules",
    "securityContext", "startupProbe", "stdin", "stdinOnce", "terminationMessagePath",
    "terminationMessagePolicy", "tty", "volumeDevices", "volumeMounts", "workingDir",
}  # fmt: skip


def service(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": spec,
    }


def test_hagen_style_objects_are_valid() -> None:
    objects = [
        deployment(),
        storage_class("gp3", type="gp3"),
        pvc("data", "gp3"),
        pdb("web", "web", maxUnavailable=1),
    ]
    report = validate_objects(objects)
    assert report.ok and report.errors == ()
    assert len(report.validated) == len(objects) and report.not_validated == ()
    assert report.kube_version == DEFAULT_KUBE_VERSION


def test_every_error_is_reported_with_path_value_and_origin() -> None:
    obj = deployment("backend", containers=[container(resource={}, ports=[{"containerPort": "8080"}])])
    obj["spec"]["replicas"] = "3"
    obj["metadata"]["labelz"] = {}
    report = validate_objects([obj, service(ports=[{"port": 80}], selectr={})])
    found = {(e.object_id, e.path): e for e in report.errors}
    assert set(found) == {
        ("apps.Deployment.shop.backend", "metadata.labelz"),
        ("apps.Deployment.shop.backend", "spec.replicas"),
        ("apps.Deployment.shop.backend", "spec.template.spec.containers[0].ports[0].containerPort"),
        ("apps.Deployment.shop.backend", "spec.template.spec.containers[0].resource"),
        ("core.Service.shop.web", "spec.selectr"),
    }
    replicas = found[("apps.Deployment.shop.backend", "spec.replicas")]
    assert replicas.value == "3" and "integer" in replicas.message and "null" not in replicas.message
    assert (replicas.blueprint, replicas.tier) == ("shop", "backend")
    typo = found[("apps.Deployment.shop.backend", "spec.template.spec.containers[0].resource")]
    assert "did you mean 'resources'" in typo.message
    assert not report.ok


def test_missing_required_fields() -> None:
    obj = deployment(containers=[{"image": "a:1"}])
    del obj["spec"]["selector"]
    report = validate_objects([obj])
    paths = {e.path: e for e in report.errors}
    assert set(paths) == {"spec.selector", "spec.template.spec.containers[0].name"}
    assert paths["spec.selector"].value is None and "missing" in paths["spec.selector"].message


def test_int_or_string_and_quantity_messages() -> None:
    obj = deployment(strategy={"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1.5}})
    obj["spec"]["template"]["spec"]["containers"][0]["resources"] = {"requests": {"cpu": [1]}}
    messages = {e.path: e.message for e in validate_objects([obj]).errors}
    assert "25%" in messages["spec.strategy.rollingUpdate.maxSurge"]
    assert "quantity" in messages["spec.template.spec.containers[0].resources.requests.cpu"]


@pytest.mark.parametrize(
    "obj",
    [
        {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}},
        {"apiVersion": "apps.example.com/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": 1},
        {"apiVersion": "extensions/v1beta1", "kind": "Ingress", "metadata": {"name": "old"}},
    ],
)
def test_unknown_kinds_are_not_validated_never_valid(obj: dict[str, Any]) -> None:
    report = validate_objects([obj])
    assert report.validated == () and report.errors == ()
    [item] = report.not_validated
    assert obj["kind"] in item.reason
    assert "not validated" in report.text()


def test_missing_api_version_or_kind_is_an_error() -> None:
    report = validate_objects([{"kind": "Service", "metadata": {"name": "x"}}, {"apiVersion": "v1"}])
    assert [e.path for e in report.errors] == ["apiVersion", "kind"]


def test_kube_version_selects_the_schema() -> None:
    # spec.trafficDistribution was added to Service in Kubernetes 1.30.
    obj = service(ports=[{"port": 80}], trafficDistribution="PreferClose")
    assert validate_objects([obj], "1.35").ok
    old = validate_objects([obj], "v1.29.3")
    assert old.kube_version == "1.29" and [e.path for e in old.errors] == ["spec.trafficDistribution"]


@pytest.mark.parametrize("version", ["1.99", "2", "latest", "1.1"])
def test_unavailable_versions_are_input_errors(version: str) -> None:
    with pytest.raises(InputError, match="available"):
        validate_objects([], version)


def test_versions_are_sorted_and_include_the_default() -> None:
    versions = available_versions()
    assert DEFAULT_KUBE_VERSION in versions
    assert list(versions) == sorted(versions, key=lambda v: tuple(map(int, v.split("."))))


_unknown_key = st.from_regex(r"[a-z][A-Za-z]{2,12}", fullmatch=True).filter(
    lambda k: k not in _CONTAINER_FIELDS
)


@settings(max_examples=40)
@given(
    key=_unknown_key,
    value=st.one_of(st.integers(), st.text(max_size=5), st.booleans()),
    index=st.integers(0, 2),
)
def test_any_unknown_container_field_is_one_error_at_its_path(key: str, value: Any, index: int) -> None:
    containers = [container(name=f"c{i}") for i in range(3)]
    obj = deployment(containers=copy.deepcopy(containers))
    obj["spec"]["template"]["spec"]["containers"][index][key] = value
    [error] = validate_objects([obj]).errors
    assert error.path == f"spec.template.spec.containers[{index}].{key}"
    assert error.value == value


def test_errors_are_in_object_order_then_path_order() -> None:
    a = service(selectr={}, ports=[{"port": "80"}])
    b = deployment()
    b["spec"]["replicas"] = "x"
    first = validate_objects([a, b]).errors
    second = validate_objects([b, a]).errors
    assert sorted(first, key=repr) == sorted(second, key=repr)
    service_paths = sorted(e.path for e in first if e.object_id == "core.Service.shop.web")
    assert [e.path for e in first] == [*service_paths, "spec.replicas"]


def test_validate_paths_reads_directories_and_lists(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selectr: {}}\n"
    )
    (tmp_path / "sub" / "b.yml").write_text(
        "apiVersion: v1\nkind: List\nitems:\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n  data: {k: v}\n"
    )
    (tmp_path / "notes.txt").write_text("not yaml: [")
    report = validate_paths([tmp_path])
    assert len(report.validated) == 2
    [error] = report.errors
    assert error.source == str(tmp_path / "a.yaml") and error.path == "spec.selectr"


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate_paths([tmp_path / "nope.yaml"])


def test_the_example_blueprints_synthesize_schema_valid_objects() -> None:
    if not (ROOT / "blueprints").is_dir():
        pytest.skip("no example blueprints")
    import hagen

    for spec in hagen.load_blueprints([ROOT / "blueprints"]):
        report = validate_objects(hagen.synthesize(spec).objects)
        assert report.errors == (), report.text()
        assert report.validated

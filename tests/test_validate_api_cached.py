"""The API rules remember verdicts (names, resource blocks); a remembered one still fires per object."""

from __future__ import annotations

from typing import Any

from hagen import validate_objects
from hagen._validate._api import _names
from hagen._validate._api._core_container import _resource_errors, resources
from hagen._validate._api._field import Error


def _deployment(name: str, resources_block: dict[str, Any]) -> dict[str, Any]:
    labels = {"app": name}
    container = {"name": "app", "image": "nginx:1.27", "resources": resources_block}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": {"containers": [container]}},
        },
    }


def test_a_remembered_resource_verdict_fires_on_every_object_with_its_own_path() -> None:
    block = {"requests": {"memory": "256Mi"}, "limits": {"memory": "128Mi"}}
    report = validate_objects([_deployment("one", block), _deployment("two", dict(block))])
    assert [(e.object_id, e.path, e.value) for e in report.errors] == [
        (f"apps.Deployment.default.{name}", "spec.template.spec.containers[0].resources.requests", "256Mi")
        for name in ("one", "two")
    ]
    assert {e.message for e in report.errors} == {
        'Invalid value: "256Mi": must be less than or equal to memory limit of 128Mi'
    }


def test_resource_blocks_are_checked_once_per_distinct_content() -> None:
    _resource_errors.cache_clear()
    block = {"requests": {"cpu": "100m"}, "limits": {"cpu": "200m"}}
    for index in range(3):
        resources([], block, f"c[{index}].resources")
    assert _resource_errors.cache_info().misses == 1


def test_amounts_equal_as_keys_but_printed_differently_are_not_conflated() -> None:
    found: list[list[Error]] = []
    for amount in (1, True, 1.0):
        errors: list[Error] = []
        resources(errors, {"requests": {"example.com/gpu": amount}, "limits": {}}, "r")
        found.append(errors)
    assert (
        found[0]
        == found[2]
        == [("r.limits", None, "Required value: Limit must be set for non overcommitable resources")]
    )
    assert found[1] == [
        (
            "r.requests[example.com/gpu]",
            True,
            "Invalid value: true: quantities must match the regular expression "
            "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        )
    ]


def test_a_name_is_remembered_across_ten_thousand_others() -> None:
    _names.dns1123_subdomain.cache_clear()
    names = [f"t{index:05d}" for index in range(10_001)]
    for name in [*names, names[0]]:
        assert _names.dns1123_subdomain(name) == ()
    assert _names.dns1123_subdomain.cache_info().hits == 1
    assert _names.dns1123_subdomain("T0") == (_names.dns1123_subdomain.__wrapped__("T0"))

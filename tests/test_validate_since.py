"""An unknown field that a newer Kubernetes has says from which version: the fix is the version validated
against, not the field's spelling."""

from __future__ import annotations

from typing import Any

from hagen import validate_objects


def _service(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "s"},
        "spec": {"ports": [{"port": 80}], **spec},
    }


WHERE = "(kube_version of the project or target, or --kube-version)"


def _messages(obj: dict[str, Any], version: str) -> dict[str, str]:
    return {e.path: e.message for e in validate_objects([obj], version).errors}


def test_a_field_added_later_names_the_version_that_has_it() -> None:
    messages = _messages(_service(trafficDistribution="PreferClose"), "1.28")
    assert messages == {
        "spec.trafficDistribution": "unknown field 'trafficDistribution': Service has it from "
        f"Kubernetes 1.30; this validates against 1.28 {WHERE}"
    }
    at_129 = _messages(_service(trafficDistribution="PreferClose"), "1.29")["spec.trafficDistribution"]
    assert at_129.endswith(f"from Kubernetes 1.30; this validates against 1.29 {WHERE}")
    assert _messages(_service(trafficDistribution="PreferClose"), "1.30") == {}


def test_a_field_no_version_has_and_a_typo_say_only_what_they_said() -> None:
    messages = _messages(_service(bogusField=1, sessionAffinty="None"), "1.28")
    assert messages == {
        "spec.bogusField": "unknown field 'bogusField'",
        "spec.sessionAffinty": "unknown field 'sessionAffinty'; did you mean 'sessionAffinity'?",
    }


def test_each_unknown_field_of_one_object_gets_its_own_version() -> None:
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p"},
        "spec": {
            "containers": [{"name": "c", "image": "nginx:1.27", "resizePolicy": []}],
            "nope": True,
        },
    }
    messages = _messages(pod, "1.25")
    assert messages["spec.nope"] == "unknown field 'nope'"
    assert "Pod has it from Kubernetes 1.27" in messages["spec.containers[0].resizePolicy"]

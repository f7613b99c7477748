"""Workload rules: moving images, no requests, no probes, root and privilege escalation."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hagen._check import check
from hagen._check._rules_workload import image_tag

from ._check_objects import container, deployment

_name = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
_tag = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", fullmatch=True)


def ids(objects: list[dict[str, Any]]) -> list[str]:
    return [f.id for f in check(objects).findings]


def test_a_hardened_workload_has_no_findings() -> None:
    assert ids([deployment()]) == []


@given(host=_name, port=st.integers(1, 65535), path=st.lists(_name, min_size=1, max_size=3), tag=_tag)
def test_image_tag_ignores_registry_ports(host: str, port: int, path: list[str], tag: str) -> None:
    repo = f"{host}.example.com:{port}/{'/'.join(path)}"
    assert image_tag(f"{repo}:{tag}") == tag
    assert image_tag(repo) == ""
    assert image_tag(f"{repo}@sha256:{'a' * 64}") is None


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("nginx", ["workload.image-untagged"]),
        ("localhost:5000/team/app", ["workload.image-untagged"]),
        ("nginx:latest", ["workload.image-latest"]),
        ("nginx:1.27.3", []),
        ("nginx@sha256:" + "0" * 64, []),
    ],
)
def test_images(image: str, expected: list[str]) -> None:
    assert ids([deployment(containers=[container(image=image)])]) == expected


def test_init_container_images_are_checked_too() -> None:
    init = {k: v for k, v in container(name="init", image="busybox").items() if not k.endswith("Probe")}
    obj = deployment(pod={"initContainers": [init]})
    findings = check([obj]).findings
    assert [f.id for f in findings] == ["workload.image-untagged"]
    assert "initContainers 'init'" in findings[0].message


def test_missing_requests_names_what_is_missing() -> None:
    obj = deployment(containers=[container(resources={"requests": {"cpu": "1"}})])
    [finding] = check([obj]).findings
    assert finding.id == "workload.no-resource-requests"
    assert "memory" in finding.message and "cpu" not in finding.message.split("requests no")[1]
    assert finding.fix


def test_no_probes_only_for_long_running_workloads() -> None:
    bare = container(readinessProbe=None)
    assert ids([deployment(containers=[bare])]) == ["workload.no-probes"]
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "migrate", "namespace": "shop"},
        "spec": {"template": {"spec": {"containers": [bare], "restartPolicy": "Never"}}},
    }
    assert ids([job]) == []


@pytest.mark.parametrize(
    ("container_sc", "pod_sc", "root"),
    [
        ({"allowPrivilegeEscalation": False}, {}, True),
        ({"allowPrivilegeEscalation": False}, {"runAsNonRoot": True}, False),
        ({"allowPrivilegeEscalation": False, "runAsUser": 1000}, {}, False),
        ({"allowPrivilegeEscalation": False, "runAsUser": 0}, {"runAsNonRoot": False}, True),
        ({"allowPrivilegeEscalation": False, "runAsNonRoot": False}, {"runAsNonRoot": True}, True),
    ],
)
def test_root(container_sc: dict[str, Any], pod_sc: dict[str, Any], root: bool) -> None:
    obj = deployment(containers=[container(securityContext=container_sc)], pod={"securityContext": pod_sc})
    assert ("workload.may-run-as-root" in ids([obj])) is root


def test_privilege_escalation_defaults_to_allowed() -> None:
    obj = deployment(containers=[container(securityContext={"runAsNonRoot": True})])
    assert ids([obj]) == ["workload.privilege-escalation"]


def test_privileged_is_an_error_with_origin() -> None:
    obj = deployment(
        "backend", containers=[container(securityContext={"runAsNonRoot": True, "privileged": True})]
    )
    [finding] = check([obj]).findings
    assert (finding.id, finding.severity) == ("workload.privileged", "error")
    assert (finding.blueprint, finding.tier) == ("shop", "backend")
    assert finding.object_id == "apps.Deployment.shop.backend"

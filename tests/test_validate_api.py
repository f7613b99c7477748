"""The API server's create-time rules: each refusal with the API server's path and words.

Every case changes one field of a valid object (tests/_api_objects.py) and asserts the exact error;
tests/test_validate_api_valid.py holds the near misses the API server accepts.
"""

from __future__ import annotations

from typing import Any

import pytest

from ._api_objects import DELETE, TEMPLATE, changed, errors

C = "spec.template.spec.containers.0"
P = "spec.template.spec.containers[0]"
# (kind, changes, kube version or None, field path, message)
CASES: list[tuple[str, dict[str, Any], str | None, str, str]] = [
    # Deployment (ValidateDeploymentSpec, ValidateRollingUpdateDeployment)
    (
        "Deployment",
        {"spec.selector.matchLabels": {"app": "api"}},
        None,
        "spec.template.metadata.labels",
        'Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ),
    (
        "Deployment",
        {"spec.selector": {}},
        None,
        "spec.selector",
        "Invalid value: {}: empty selector is invalid for deployment",
    ),
    (
        "Deployment",
        {"spec.replicas": -1},
        None,
        "spec.replicas",
        "Invalid value: -1: must be greater than or equal to 0",
    ),
    (
        "Deployment",
        {"spec.strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}},
        None,
        "spec.strategy.rollingUpdate.maxUnavailable",
        "Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ),
    (
        "Deployment",
        {"spec.strategy": {"type": "Recreate", "rollingUpdate": {"maxSurge": 1}}},
        None,
        "spec.strategy.rollingUpdate",
        "Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ),
    (
        "Deployment",
        {"spec.strategy": {"rollingUpdate": {"maxUnavailable": "120%"}}},
        None,
        "spec.strategy.rollingUpdate.maxUnavailable",
        'Invalid value: "120%": must not be greater than 100%',
    ),
    (
        "Deployment",
        {"spec.template.spec.restartPolicy": "OnFailure"},
        None,
        "spec.template.spec.restartPolicy",
        'Unsupported value: "OnFailure": supported values: "Always"',
    ),
    (
        "Deployment",
        {"spec.progressDeadlineSeconds": 10, "spec.minReadySeconds": 10},
        None,
        "spec.progressDeadlineSeconds",
        "Invalid value: 10: must be greater than minReadySeconds",
    ),
    (
        "Deployment",
        {"spec.selector": {"matchExpressions": [{"key": "app", "operator": "In"}]}},
        None,
        "spec.selector.matchExpressions[0].values",
        "Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ),
    (
        "Deployment",
        {"spec.selector": {"matchExpressions": [{"key": "app", "operator": "Equals", "values": ["web"]}]}},
        None,
        "spec.selector.matchExpressions[0].operator",
        'Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist"',
    ),
]

SETS: list[tuple[str, dict[str, Any], str, str]] = [
    # StatefulSet, DaemonSet, ReplicaSet
    (
        "StatefulSet",
        {"spec.podManagementPolicy": "Random"},
        "spec.podManagementPolicy",
        'Unsupported value: "Random": supported values: "OrderedReady", "Parallel"',
    ),
    (
        "StatefulSet",
        {"spec.selector.matchLabels.app": "api"},
        "spec.template.metadata.labels",
        'Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ),
    (
        "StatefulSet",
        {"spec.updateStrategy": {"type": "OnDelete", "rollingUpdate": {"partition": 1}}},
        "spec.updateStrategy.rollingUpdate",
        "Forbidden: only allowed for updateStrategy 'RollingUpdate'",
    ),
    (
        "DaemonSet",
        {"spec.selector": {}},
        "spec.selector",
        "Invalid value: {}: empty selector is invalid for daemonset",
    ),
    (
        "DaemonSet",
        {"spec.updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0}}},
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ),
    (
        "ReplicaSet",
        {"spec.replicas": -2},
        "spec.replicas",
        "Invalid value: -2: must be greater than or equal to 0",
    ),
]


@pytest.mark.parametrize(("kind", "changes", "version", "path", "message"), CASES)
def test_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], version: str | None, path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes), version)


@pytest.mark.parametrize(("kind", "changes", "path", "message"), SETS)
def test_sets_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes))


@pytest.mark.parametrize("kind", sorted(TEMPLATE))
def test_every_workload_kind_checks_its_pod_template(kind: str) -> None:
    template = TEMPLATE[kind]
    obj = changed(kind, {f"{template}.spec.containers.0.ports.0.containerPort": 0})
    where = f"{template}.spec.containers[0].ports[0].containerPort"
    assert (where, "Required value") in errors(obj, None)


def test_sidecars_are_accepted_from_1_29() -> None:
    sidecar = [
        {
            "name": "log",
            "image": "b:1",
            "restartPolicy": "Always",
            "readinessProbe": {"exec": {"command": ["true"]}},
        }
    ]
    obj = changed("Deployment", {"spec.template.spec.initContainers": sidecar})
    assert errors(obj, "1.29") == []


def test_relaxed_env_names_follow_the_kube_version() -> None:
    obj = changed("Deployment", {f"{C}.env.0.name": "LOG LEVEL"})
    assert errors(obj, "1.32") == []
    assert errors(obj, "1.31")


def test_schema_errors_come_first() -> None:
    obj = changed("Deployment", {"spec.replicas": "two", "spec.selector.matchLabels": {"app": "api"}})
    assert [p for p, _ in errors(obj, None)] == ["spec.replicas"]


def test_removed_field_is_refused_too() -> None:
    obj = changed("Deployment", {"spec.selector": DELETE})
    assert errors(obj, None)

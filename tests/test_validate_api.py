"""The API server's create-time rules: each refusal with the API server's path and words.

Every case changes one field of a valid object (tests/_api_objects.py) and asserts the exact error;
tests/test_validate_api_valid.py holds the near misses the API server accepts.
"""

from __future__ import annotations

from typing import Any

import pytest

import hagen

from ._api_objects import DELETE, TEMPLATE, changed

C = "spec.template.spec.containers.0"
P = "spec.template.spec.containers[0]"
LABEL_1123 = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
    "start and "
    "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
CONFIG_KEY = (
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
    "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
)
ENV = (
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and "
    "must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for "
    "validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
)
QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

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
    # the pod template (ValidatePodSpec, validateContainers, validateContainerPorts, ValidateEnv, ...)
    (
        "Deployment",
        {f"{C}.ports.0.containerPort": 70000},
        None,
        f"{P}.ports[0].containerPort",
        "Invalid value: 70000: must be between 1 and 65535, inclusive",
    ),
    (
        "Deployment",
        {f"{C}.ports": [{"name": "http", "containerPort": 80}, {"name": "http", "containerPort": 81}]},
        None,
        f"{P}.ports[1].name",
        'Duplicate value: "http"',
    ),
    (
        "Deployment",
        {f"{C}.ports.0.name": "http-metrics-web"},
        None,
        f"{P}.ports[0].name",
        'Invalid value: "http-metrics-web": must be no more than 15 characters',
    ),
    (
        "Deployment",
        {f"{C}.ports.0.name": "8080"},
        None,
        f"{P}.ports[0].name",
        'Invalid value: "8080": must contain at least one letter (a-z)',
    ),
    (
        "Deployment",
        {f"{C}.ports.0.protocol": "HTTP"},
        None,
        f"{P}.ports[0].protocol",
        'Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
    ),
    (
        "Deployment",
        {f"{C}.env.0.name": "LOG LEVEL"},
        "1.31",
        f"{P}.env[0].name",
        f"Invalid value: \"LOG LEVEL\": {ENV} (Kubernetes 1.32+ accepts any printable ASCII but '='; "
        f"validating for 1.31)",
    ),
    (
        "Deployment",
        {f"{C}.env.0.name": "A=B"},
        None,
        f"{P}.env[0].name",
        'Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII '
        "characters "
        "other than '='",
    ),
    (
        "Deployment",
        {f"{C}.env.0.valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        None,
        f"{P}.env[0].valueFrom",
        'Invalid value: "": may not be specified when `value` is not empty',
    ),
    (
        "Deployment",
        {f"{C}.volumeMounts.0.name": "data"},
        None,
        f"{P}.volumeMounts[0].name",
        'Not found: "data"',
    ),
    (
        "Deployment",
        {f"{C}.volumeMounts": [{"name": "tmp", "mountPath": "/x"}, {"name": "tmp", "mountPath": "/x"}]},
        None,
        f"{P}.volumeMounts[1].mountPath",
        'Invalid value: "/x": must be unique',
    ),
    (
        "Deployment",
        {f"{C}.volumeMounts.0.subPath": "../etc"},
        None,
        f"{P}.volumeMounts[0].subPath",
        "Invalid value: \"../etc\": must not contain '..'",
    ),
    (
        "Deployment",
        {"spec.template.spec.volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "tmp", "emptyDir": {}}]},
        None,
        "spec.template.spec.volumes[1].name",
        'Duplicate value: "tmp"',
    ),
    (
        "Deployment",
        {"spec.template.spec.volumes.0.name": "Tmp"},
        None,
        "spec.template.spec.volumes[0].name",
        f'Invalid value: "Tmp": {LABEL_1123}',
    ),
    (
        "Deployment",
        {"spec.template.spec.volumes.0": {"name": "tmp"}},
        None,
        "spec.template.spec.volumes[0]",
        "Required value: must specify a volume type",
    ),
    (
        "Deployment",
        {"spec.template.spec.volumes.0": {"name": "tmp", "emptyDir": {}, "configMap": {"name": "c"}}},
        None,
        "spec.template.spec.volumes[0]",
        "Forbidden: may not specify more than 1 volume type",
    ),
    (
        "Deployment",
        {f"{C}.resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}},
        None,
        f"{P}.resources.requests",
        'Invalid value: "2": must be less than or equal to cpu limit of 1',
    ),
    (
        "Deployment",
        {f"{C}.resources.requests.memory": "64MB"},
        None,
        f"{P}.resources.requests[memory]",
        f'Invalid value: "64MB": {QUANTITY}',
    ),
    (
        "Deployment",
        {f"{C}.resources.requests.gpu": "1"},
        None,
        f"{P}.resources.requests[gpu]",
        'Invalid value: "gpu": must be a standard resource for containers',
    ),
    ("Deployment", {f"{C}.name": "Web"}, None, f"{P}.name", f'Invalid value: "Web": {LABEL_1123}'),
    (
        "Deployment",
        {"spec.template.spec.dnsPolicy": "ClusterFirstWithHostNetwork"},
        None,
        "spec.template.spec.dnsPolicy",
        'Unsupported value: "ClusterFirstWithHostNetwork": supported values: '
        '"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ),
    (
        "Deployment",
        {"spec.template.spec.dnsPolicy": "None"},
        None,
        "spec.template.spec.dnsConfig",
        "Required value: must provide `dnsConfig` when `dnsPolicy` is None",
    ),
    (
        "Deployment",
        {f"{C}.imagePullPolicy": "Sometimes"},
        None,
        f"{P}.imagePullPolicy",
        'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ),
    (
        "Deployment",
        {f"{C}.livenessProbe": {"tcpSocket": {"port": 8080}, "successThreshold": 2}},
        None,
        f"{P}.livenessProbe.successThreshold",
        "Invalid value: 2: must be 1",
    ),
    (
        "Deployment",
        {"spec.template.spec.initContainers": [{"name": "log", "image": "b:1", "restartPolicy": "Always"}]},
        "1.28",
        "spec.template.spec.initContainers[0].restartPolicy",
        "Forbidden: native sidecar containers (restartPolicy: Always on an init container) need "
        "Kubernetes 1.29+; "
        "Kubernetes 1.28 drops the field and runs the container as an ordinary init container",
    ),
    (
        "Deployment",
        {"spec.template.spec.initContainers": [{"name": "init", "image": "b:1", "restartPolicy": "Never"}]},
        None,
        "spec.template.spec.initContainers[0].restartPolicy",
        'Unsupported value: "Never": supported values: "Always"',
    ),
    (
        "Deployment",
        {
            "spec.template.spec.initContainers": [
                {"name": "init", "image": "b:1", "readinessProbe": {"tcpSocket": {"port": 1}}}
            ]
        },
        None,
        "spec.template.spec.initContainers[0].readinessProbe",
        "Forbidden: may not be set for init containers without restartPolicy=Always",
    ),
    (
        "Deployment",
        {"spec.template.spec.initContainers": [{"name": "web", "image": "b:1"}]},
        None,
        "spec.template.spec.initContainers[0].name",
        'Duplicate value: "web"',
    ),
    (
        "Deployment",
        {f"{C}.restartPolicy": "Always"},
        None,
        f"{P}.restartPolicy",
        "Forbidden: may not be set for non-init containers",
    ),
    (
        "Deployment",
        {"spec.template.spec.tolerations": [{"key": "a", "operator": "Exists", "value": "b"}]},
        None,
        "spec.template.spec.tolerations[0].operator",
        "Invalid value: \"b\": value must be empty when `operator` is 'Exists'",
    ),
    # metadata (ValidateObjectMeta, ValidateLabels, ValidateAnnotations)
    (
        "Deployment",
        {"metadata.name": "Web"},
        None,
        "metadata.name",
        'Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric '
        "characters, "
        "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
        "used for "
        "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ),
    (
        "Deployment",
        {"metadata.labels": {"app": "x" * 64}},
        None,
        "metadata.labels",
        f'Invalid value: "{"x" * 64}": must be no more than 63 characters',
    ),
    (
        "Deployment",
        {"metadata.labels": {"example.com/" + "k" * 64: "v"}},
        None,
        "metadata.labels",
        f'Invalid value: "example.com/{"k" * 64}": name part must be no more than 63 characters',
    ),
    (
        "Deployment",
        {"metadata.annotations": {"big": "x" * (256 * 1024)}},
        None,
        "metadata.annotations",
        "Too long: may not be more than 262144 bytes",
    ),
    (
        "Namespace",
        {"metadata.name": "shop.eu"},
        None,
        "metadata.name",
        f'Invalid value: "shop.eu": {LABEL_1123}',
    ),
    (
        "Service",
        {"metadata.name": "1web"},
        None,
        "metadata.name",
        'Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '
        "'-', start "
        "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
        "'abc-123', regex "
        "used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ),
]


def errors(obj: dict[str, Any], version: str | None) -> list[tuple[str, str]]:
    return [(e.path, e.message) for e in hagen.validate_objects([obj], version).errors]


@pytest.mark.parametrize(("kind", "changes", "version", "path", "message"), CASES)
def test_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], version: str | None, path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes), version)


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

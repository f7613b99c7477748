"""The API server's rules for pod templates, the same in every workload kind: containers, ports, env,
volumes, mounts, resources, probes, init containers and native sidecars, restartPolicy, dnsPolicy."""

from __future__ import annotations

from typing import Any

import pytest

from ._api_objects import ENV, LABEL_1123, QUANTITY, changed, errors

C = "spec.template.spec.containers.0"
P = "spec.template.spec.containers[0]"

CASES: list[tuple[str, dict[str, Any], str | None, str, str]] = [
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
    (
        "Deployment",
        {f"{C}.ports": [{"containerPort": 80, "hostPort": 81}], "spec.template.spec.hostNetwork": True},
        None,
        f"{P}.ports[0].hostPort",
        "Invalid value: 81: must match `containerPort` when `hostNetwork` is true",
    ),
    (
        "Deployment",
        {f"{C}.env.0": {"name": "POD", "valueFrom": {}}},
        None,
        f"{P}.env[0].valueFrom",
        'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` '
        "or `secretKeyRef`",
    ),
    (
        "Deployment",
        {f"{C}.envFrom": [{"prefix": "1X", "configMapRef": {"name": "c"}}]},
        "1.31",
        f"{C.replace('.0', '[0]')}.envFrom[0].prefix",
        f"Invalid value: \"1X\": {ENV} (Kubernetes 1.32+ accepts any printable ASCII but '='; "
        f"validating for 1.31)",
    ),
    (
        "Deployment",
        {f"{C}.readinessProbe": {"periodSeconds": 5}},
        None,
        f"{P}.readinessProbe",
        "Required value: must specify a handler type",
    ),
    (
        "Deployment",
        {f"{C}.resources": {"requests": {"nvidia.com/gpu": "1"}, "limits": {"nvidia.com/gpu": "2"}}},
        None,
        f"{P}.resources.requests",
        'Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ),
    (
        "Deployment",
        {f"{C}.resources.limits.memory": "-1Mi"},
        None,
        f"{P}.resources.limits[memory]",
        'Invalid value: "-1Mi": must be greater than or equal to 0',
    ),
    (
        "Deployment",
        {"spec.template.spec.volumes.0": {"name": "tmp", "configMap": {}}},
        None,
        "spec.template.spec.volumes[0].configMap.name",
        "Required value",
    ),
    (
        "Deployment",
        {"spec.template.spec.volumes.0": {"name": "tmp", "secret": {"secretName": "s", "defaultMode": 1000}}},
        None,
        "spec.template.spec.volumes[0].secret.defaultMode",
        "Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
    ),
    (
        "Deployment",
        {"spec.template.spec.tolerations": [{"key": "a", "effect": "NoRun"}]},
        None,
        "spec.template.spec.tolerations[0].effect",
        'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ),
    (
        "Deployment",
        {"spec.template.spec.hostname": "Web_1"},
        None,
        "spec.template.spec.hostname",
        f'Invalid value: "Web_1": {LABEL_1123}',
    ),
    (
        "Deployment",
        {"spec.template.spec.restartPolicy": "Sometimes"},
        None,
        "spec.template.spec.restartPolicy",
        'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ),
]


@pytest.mark.parametrize(("kind", "changes", "version", "path", "message"), CASES)
def test_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], version: str | None, path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes), version)

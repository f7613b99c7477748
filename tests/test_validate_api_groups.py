"""The API server's create-time rules of core (Service, ConfigMap, Secret, PVC), apps sets, batch,
autoscaling, networking, policy and storage kinds: each refusal with its path and the API server's words."""

from __future__ import annotations

from typing import Any

import pytest

from ._api_objects import changed
from .test_validate_api import CONFIG_KEY, QUANTITY, errors

J = "spec.jobTemplate.spec"
R = "spec.rules.0.http.paths.0"
RP = "spec.rules[0].http.paths[0]"
BIG = "x" * (1024 * 1024 + 1)

CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # Service (ValidateService, validateServicePort)
    (
        "Service",
        {"spec.ports.0.targetPort": "http-metrics-web"},
        "spec.ports[0].targetPort",
        'Invalid value: "http-metrics-web": must be no more than 15 characters',
    ),
    (
        "Service",
        {"spec.ports.0.port": 0},
        "spec.ports[0].port",
        "Invalid value: 0: must be between 1 and 65535, inclusive",
    ),
    (
        "Service",
        {"spec.type": "Internal"},
        "spec.type",
        'Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", '
        '"NodePort"',
    ),
    (
        "Service",
        {"spec.type": "LoadBalancer", "spec.clusterIP": "None"},
        "spec.clusterIPs[0]",
        "Invalid value: \"None\": may not be set to 'None' for LoadBalancer services",
    ),
    ("Service", {"spec.ports": [{"port": 80}, {"port": 81}]}, "spec.ports[1].name", "Required value"),
    (
        "Service",
        {"spec.ports": [{"name": "a", "port": 80}, {"name": "b", "port": 80}]},
        "spec.ports[1]",
        'Duplicate value: {"port":80,"protocol":"TCP"}',
    ),
    (
        "Service",
        {"spec.ports.0.nodePort": 30080},
        "spec.ports[0].nodePort",
        "Forbidden: may not be used when `type` is 'ClusterIP'",
    ),
    (
        "Service",
        {"spec.selector": {"app": "web app"}},
        "spec.selector",
        'Invalid value: "web app": a valid label must be an empty string or consist of alphanumeric '
        "characters, "
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
        "'my_value',  "
        "or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ),
    ("Service", {"spec.type": "ExternalName", "spec.ports": []}, "spec.externalName", "Required value"),
    # ConfigMap and Secret (ValidateConfigMap, ValidateSecret)
    (
        "ConfigMap",
        {"data": {"conf/app.yaml": "x"}},
        "data[conf/app.yaml]",
        f'Invalid value: "conf/app.yaml": {CONFIG_KEY}',
    ),
    (
        "ConfigMap",
        {"data": {"k" * 254: "x"}},
        f"data[{'k' * 254}]",
        f'Invalid value: "{"k" * 254}": must be no more than 253 characters',
    ),
    (
        "ConfigMap",
        {"data": {"..data": "x"}},
        "data[..data]",
        "Invalid value: \"..data\": must not start with '..'",
    ),
    ("ConfigMap", {"data": {"big": BIG}}, "", "Too long: may not be more than 1048576 bytes"),
    (
        "ConfigMap",
        {"binaryData": {"app.conf": "eA=="}},
        "data[app.conf]",
        'Invalid value: "app.conf": duplicate of key present in binaryData',
    ),
    ("Secret", {"type": "kubernetes.io/tls", "data": {"tls.crt": "eA=="}}, "data[tls.key]", "Required value"),
    ("Secret", {"type": "kubernetes.io/dockerconfigjson"}, "data[.dockerconfigjson]", "Required value"),
    ("Secret", {"type": "kubernetes.io/basic-auth"}, "data[username]", "Required value"),
    ("Secret", {"type": "kubernetes.io/ssh-auth"}, "data[ssh-privatekey]", "Required value"),
    ("Secret", {"stringData": {"a b": "x"}}, "stringData[a b]", f'Invalid value: "a b": {CONFIG_KEY}'),
    # PersistentVolumeClaim (ValidatePersistentVolumeClaimSpec)
    (
        "PersistentVolumeClaim",
        {"spec.accessModes": []},
        "spec.accessModes",
        "Required value: at least 1 access mode is required",
    ),
    (
        "PersistentVolumeClaim",
        {"spec.accessModes": ["ReadWriteAll"]},
        "spec.accessModes",
        'Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", '
        '"ReadWriteOnce", "ReadWriteOncePod"',
    ),
    ("PersistentVolumeClaim", {"spec.resources.requests": {}}, "spec.resources[storage]", "Required value"),
    (
        "PersistentVolumeClaim",
        {"spec.resources.requests.storage": "0"},
        "spec.resources[storage]",
        'Invalid value: "0": must be greater than zero',
    ),
    (
        "PersistentVolumeClaim",
        {"spec.resources.requests.storage": "8GB"},
        "spec.resources[storage]",
        f'Invalid value: "8GB": {QUANTITY}',
    ),
    # StorageClass (ValidateStorageClass)
    ("StorageClass", {"provisioner": ""}, "provisioner", "Required value"),
    (
        "StorageClass",
        {"reclaimPolicy": "Recycle"},
        "reclaimPolicy",
        'Unsupported value: "Recycle": supported values: "Delete", "Retain"',
    ),
    (
        "StorageClass",
        {"volumeBindingMode": "Lazy"},
        "volumeBindingMode",
        'Unsupported value: "Lazy": supported values: "Immediate", "WaitForFirstConsumer"',
    ),
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
    # Job and CronJob (validateJobSpec, ValidateCronJobCreate, validateScheduleFormat)
    (
        "Job",
        {"spec.template.spec.restartPolicy": "Always"},
        "spec.template.spec.restartPolicy",
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ),
    (
        "Job",
        {"spec.parallelism": -1},
        "spec.parallelism",
        "Invalid value: -1: must be greater than or equal to 0",
    ),
    (
        "Job",
        {"spec.backoffLimit": -1},
        "spec.backoffLimit",
        "Invalid value: -1: must be greater than or equal to 0",
    ),
    (
        "Job",
        {"spec.completionMode": "Indexed"},
        "spec.completions",
        "Required value: when completion mode is Indexed",
    ),
    (
        "Job",
        {"spec.selector": {"matchLabels": {"app": "web"}}},
        "spec.selector",
        'Invalid value: {"matchLabels":{"app":"web"}}: `selector` not auto-generated',
    ),
    (
        "CronJob",
        {"spec.schedule": "every day"},
        "spec.schedule",
        'Invalid value: "every day": expected exactly 5 fields, found 2: [every day]',
    ),
    (
        "CronJob",
        {"spec.schedule": "0 24 * * *"},
        "spec.schedule",
        'Invalid value: "0 24 * * *": end of range (24) above maximum (23): 24',
    ),
    (
        "CronJob",
        {"spec.schedule": "@fortnightly"},
        "spec.schedule",
        'Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly',
    ),
    (
        "CronJob",
        {"spec.schedule": "CRON_TZ=UTC 0 * * * *"},
        "spec.schedule",
        'Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone '
        "field instead",
    ),
    (
        "CronJob",
        {"spec.timeZone": "Mars/Olympus"},
        "spec.timeZone",
        'Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ),
    (
        "CronJob",
        {"metadata.name": "n" * 53},
        "metadata.name",
        f'Invalid value: "{"n" * 53}": must be no more than 52 characters',
    ),
    (
        "CronJob",
        {"spec.concurrencyPolicy": "Queue"},
        "spec.concurrencyPolicy",
        'Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"',
    ),
    (
        "CronJob",
        {f"{J}.template.spec.restartPolicy": "Always"},
        f"{J}.template.spec.restartPolicy",
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ),
    # HorizontalPodAutoscaler (validateHorizontalPodAutoscalerSpec, validateMetricSpec, validateMetricTarget)
    (
        "HorizontalPodAutoscaler",
        {"spec.maxReplicas": 1},
        "spec.maxReplicas",
        "Invalid value: 1: must be greater than or equal to `minReplicas`",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.minReplicas": 0},
        "spec.minReplicas",
        "Invalid value: 0: must be greater than or equal to 1",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.metrics.0.type": "Pods"},
        "spec.metrics[0].pods",
        "Required value: must populate information for the given metric source",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.metrics.0.resource.target.averageUtilization": 0},
        "spec.metrics[0].resource.target.averageUtilization",
        "Invalid value: 0: must be greater than 0",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.scaleTargetRef.name": "a/b"},
        "spec.scaleTargetRef.name",
        "Invalid value: \"a/b\": may not contain '/'",
    ),
    # Ingress and IngressClass (validateIngressRules, validateHTTPIngressPath, validateIngressBackend)
    ("Ingress", {f"{R}.path": "api"}, f"{RP}.path", 'Invalid value: "api": must be an absolute path'),
    (
        "Ingress",
        {f"{R}.pathType": "Regex"},
        f"{RP}.pathType",
        'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ),
    (
        "Ingress",
        {f"{R}.path": "/api//v1"},
        f"{RP}.path",
        "Invalid value: \"/api//v1\": must not contain '//'",
    ),
    (
        "Ingress",
        {"spec.rules.0.host": "10.0.0.1"},
        "spec.rules[0].host",
        'Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ),
    (
        "Ingress",
        {"spec.rules.0.host": "shop.*.example.com"},
        "spec.rules[0].host",
        "Invalid value: \"shop.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', "
        "followed by a valid "
        "DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
        "alphanumeric character (e.g. '*.example.com', regex used for validation is "
        "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ),
    (
        "Ingress",
        {f"{R}.backend.service.port": {"name": "http", "number": 80}},
        f"{RP}.backend",
        'Invalid value: "": cannot set both port name & port number',
    ),
    (
        "Ingress",
        {f"{R}.backend.service.port": {}},
        f"{RP}.backend",
        "Required value: port name or number is required",
    ),
    (
        "Ingress",
        {f"{R}.backend.service.port": {"name": "http-metrics-web"}},
        f"{RP}.backend.service.port.name",
        'Invalid value: "http-metrics-web": must be no more than 15 characters',
    ),
    (
        "IngressClass",
        {"spec.controller": "alb"},
        "spec.controller",
        'Invalid value: "alb": must be a domain-prefixed path (such as "acme.io/foo")',
    ),
    # NetworkPolicy (ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock)
    (
        "NetworkPolicy",
        {"spec.policyTypes": ["Inbound"]},
        "spec.policyTypes[0]",
        'Unsupported value: "Inbound": supported values: "Ingress", "Egress"',
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {"ipBlock": {"cidr": "10.0.0.0/33"}}},
        "spec.ingress[0].from[0].ipBlock.cidr",
        'Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {"ipBlock": {"cidr": "10.0.0.0/16", "except": ["10.1.0.0/24"]}}},
        "spec.ingress[0].from[0].ipBlock.except[0]",
        'Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {}},
        "spec.ingress[0].from[0]",
        "Required value: must specify a peer",
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.ports.0": {"port": 9000, "endPort": 8000}},
        "spec.ingress[0].ports[0].endPort",
        "Invalid value: 9000: must be greater than or equal to `port`",
    ),
    # PodDisruptionBudget (ValidatePodDisruptionBudgetSpec)
    (
        "PodDisruptionBudget",
        {"spec.minAvailable": 1},
        "spec",
        'Invalid value: {"maxUnavailable":1,"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}: '
        "minAvailable and maxUnavailable cannot be both set",
    ),
    (
        "PodDisruptionBudget",
        {"spec.maxUnavailable": "50"},
        "spec.maxUnavailable",
        'Invalid value: "50": a valid percent string must be a numeric string followed by an ending '
        "'%' (e.g. '1%',  "
        "or '93%', regex used for validation is '[0-9]+%')",
    ),
]


@pytest.mark.parametrize(("kind", "changes", "path", "message"), CASES)
def test_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes), None)

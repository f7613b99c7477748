"""The API server's create-time rules of metadata and the core and storage kinds (Service, ConfigMap, Secret,
PersistentVolumeClaim, StorageClass): each refusal with its path and the API server's words."""

from __future__ import annotations

from typing import Any

import pytest

from ._api_objects import CONFIG_KEY, LABEL_1123, QUANTITY, changed, errors

BIG = "x" * (1024 * 1024 + 1)
BIG_BASE64 = "eHh4" * 350_000  # 1,050,000 bytes once decoded

CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # metadata (ValidateObjectMeta, ValidateLabels, ValidateAnnotations)
    (
        "Deployment",
        {"metadata.name": "Web"},
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
        "metadata.labels",
        f'Invalid value: "{"x" * 64}": must be no more than 63 characters',
    ),
    (
        "Deployment",
        {"metadata.labels": {"example.com/" + "k" * 64: "v"}},
        "metadata.labels",
        f'Invalid value: "example.com/{"k" * 64}": name part must be no more than 63 characters',
    ),
    (
        "Deployment",
        {"metadata.annotations": {"big": "x" * (256 * 1024)}},
        "metadata.annotations",
        "Too long: may not be more than 262144 bytes",
    ),
    (
        "Namespace",
        {"metadata.name": "shop.eu"},
        "metadata.name",
        f'Invalid value: "shop.eu": {LABEL_1123}',
    ),
    (
        "Service",
        {"metadata.name": "1web"},
        "metadata.name",
        'Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '
        "'-', start "
        "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
        "'abc-123', regex "
        "used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ),
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
    (
        "Secret",
        {"type": "kubernetes.io/service-account-token"},
        "metadata.annotations[kubernetes.io/service-account.name]",
        "Required value",
    ),
    ("Secret", {"data": {"big": BIG_BASE64}}, "data", "Too long: may not be more than 1048576 bytes"),
    (
        "PersistentVolumeClaim",
        {"spec.accessModes": ["ReadWriteOncePod", "ReadOnlyMany"]},
        "spec.accessModes",
        "Forbidden: may not use ReadWriteOncePod with other access modes",
    ),
    (
        "PersistentVolumeClaim",
        {"spec.volumeMode": "Raw"},
        "spec.volumeMode",
        'Unsupported value: "Raw": supported values: "Block", "Filesystem"',
    ),
    (
        "StorageClass",
        {"provisioner": "ebs csi"},
        "provisioner",
        "Invalid value: \"ebs csi\": name part must consist of alphanumeric characters, '-', '_' or "
        "'.', and must start "
        "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
        "used for validation "
        "is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ),
]


@pytest.mark.parametrize(("kind", "changes", "path", "message"), CASES)
def test_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes))

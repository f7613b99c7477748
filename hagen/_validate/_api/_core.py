"""core/v1 kinds other than pod specs: Service, ConfigMap, Secret, PersistentVolumeClaim, Pod.

Sources (pkg/apis/core/validation/validation.go): ValidateService and validateServicePort,
ValidateConfigMap, ValidateSecret, ValidatePersistentVolumeClaimSpec and ValidateClassName, ValidatePod.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from . import _names as n
from ._core_container import PROTOCOLS, as_int, port_num_or_name, quantity
from ._core_pod import pod_spec
from ._field import (
    Context,
    Error,
    duplicate,
    enum,
    forbidden,
    invalid,
    items,
    mapping,
    required,
    too_long,
    unsupported,
)
from ._meta import labels

SERVICE_TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
ACCESS_MODES = ("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
MAX_DATA_SIZE = 1024 * 1024
"""MaxSecretSize: a ConfigMap's or Secret's data, all values together, in bytes."""
# ValidateSecret: the keys each built-in Secret type needs (basic-auth needs one of its two).
SECRET_TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "kubernetes.io/tls": ("tls.crt", "tls.key"),
    "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
    "kubernetes.io/dockercfg": (".dockercfg",),
    "kubernetes.io/ssh-auth": ("ssh-privatekey",),
}


def service(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateService: type, ports (validateServicePort), clusterIP None, externalName, selector."""
    spec = mapping(obj.get("spec"))
    kind = spec.get("type") or "ClusterIP"
    enum(errors, spec, "spec", "type", SERVICE_TYPES)
    headless = spec.get("clusterIP") == "None"
    if headless and kind in ("NodePort", "LoadBalancer"):
        errors.append(invalid("spec.clusterIPs[0]", "None", f"may not be set to 'None' for {kind} services"))
    if kind == "ExternalName":
        name = spec.get("externalName")
        if not name:
            errors.append(required("spec.externalName"))
        else:
            for message in n.dns1123_subdomain(str(name).rstrip(".")):
                errors.append(invalid("spec.externalName", name, message))
    ports = items(spec.get("ports"))
    if not ports and kind != "ExternalName" and not headless:
        errors.append(required("spec.ports"))
    names: set[str] = set()
    keys: set[tuple[Any, Any]] = set()
    for index, value in enumerate(ports):
        where, port = f"spec.ports[{index}]", mapping(value)
        name = port.get("name")
        if len(ports) > 1 and not name:
            errors.append(required(f"{where}.name"))
        elif name:
            for message in n.dns1123_label(str(name)):
                errors.append(invalid(f"{where}.name", name, message))
            if name in names:
                errors.append(duplicate(f"{where}.name", name))
            names.add(str(name))
        number = as_int(port.get("port"))
        for message in n.port_number(number or 0):
            errors.append(invalid(f"{where}.port", port.get("port"), message))
        enum(errors, port, where, "protocol", PROTOCOLS)
        port_num_or_name(errors, port.get("targetPort"), f"{where}.targetPort")
        if port.get("nodePort") and kind in ("ClusterIP", "ExternalName"):
            errors.append(forbidden(f"{where}.nodePort", f"may not be used when `type` is '{kind}'"))
        key = (number, port.get("protocol") or "TCP")
        if key in keys:
            errors.append(duplicate(where, {"port": number, "protocol": key[1]}))
        keys.add(key)
    labels(errors, spec.get("selector"), "spec.selector")
    enum(errors, spec, "spec", "sessionAffinity", ("ClientIP", "None"))
    enum(errors, spec, "spec", "internalTrafficPolicy", ("Cluster", "Local"))
    policy = spec.get("externalTrafficPolicy")
    if policy is not None and kind not in ("NodePort", "LoadBalancer"):
        errors.append(
            invalid(
                "spec.externalTrafficPolicy",
                policy,
                "may only be set when `type` is 'NodePort' or 'LoadBalancer'",
            )
        )
    else:
        enum(errors, spec, "spec", "externalTrafficPolicy", ("Cluster", "Local"))
    for index, cidr in enumerate(items(spec.get("loadBalancerSourceRanges"))):
        try:
            ipaddress.ip_network(str(cidr).strip(), strict=False)
        except ValueError:
            errors.append(
                invalid(
                    f"spec.loadBalancerSourceRanges[{index}]",
                    cidr,
                    "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                )
            )


def _data_keys(errors: list[Error], obj: Mapping[str, Any], plain: str, encoded: str) -> int:
    """IsConfigMapKey for every key of both maps; returns the data's size in bytes (`encoded` is base64)."""
    total = 0
    for part in (plain, encoded):
        for key, value in mapping(obj.get(part)).items():
            for message in n.config_key(str(key)):
                errors.append(invalid(f"{part}[{key}]", key, message))
            text = "" if value is None else str(value)
            # surrogatepass: a lone surrogate (from Python, never from YAML) is counted, not a crash;
            # the YAML writer refuses it with its own message
            total += len(text) * 3 // 4 if part == encoded else len(text.encode(errors="surrogatepass"))
    return total


def config_map(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateConfigMap: keys, no key in both data and binaryData, 1 MiB in total."""
    total = _data_keys(errors, obj, "data", "binaryData")
    binary = mapping(obj.get("binaryData"))
    for key in mapping(obj.get("data")):
        if key in binary:
            errors.append(invalid(f"data[{key}]", key, "duplicate of key present in binaryData"))
    if total > MAX_DATA_SIZE:
        errors.append(too_long("", MAX_DATA_SIZE))


def secret(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateSecret: keys, 1 MiB, the keys each type needs (stringData is merged into data first)."""
    total = _data_keys(errors, obj, "stringData", "data")
    present = set(mapping(obj.get("data"))) | set(mapping(obj.get("stringData")))
    kind = obj.get("type") or "Opaque"
    for key in SECRET_TYPE_KEYS.get(str(kind), ()):
        if key not in present:
            errors.append(required(f"data[{key}]"))
    if kind == "kubernetes.io/basic-auth" and not present & {"username", "password"}:
        errors.append(required("data[username]"))
        errors.append(required("data[password]"))
    if kind == "kubernetes.io/service-account-token":
        annotations = mapping(mapping(obj.get("metadata")).get("annotations"))
        if not annotations.get("kubernetes.io/service-account.name"):
            errors.append(required("metadata.annotations[kubernetes.io/service-account.name]"))
    if total > MAX_DATA_SIZE:
        errors.append(too_long("data", MAX_DATA_SIZE))


def pvc_spec(errors: list[Error], value: Any, path: str) -> None:
    """ValidatePersistentVolumeClaimSpec: access modes, a storage request above zero, class and mode."""
    spec = mapping(value)
    modes = items(spec.get("accessModes"))
    if not modes:
        errors.append(required(f"{path}.accessModes", "at least 1 access mode is required"))
    for mode in modes:
        if mode not in ACCESS_MODES:
            errors.append(unsupported(f"{path}.accessModes", mode, ACCESS_MODES))
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        errors.append(
            forbidden(f"{path}.accessModes", "may not use ReadWriteOncePod with other access modes")
        )
    requests = mapping(mapping(spec.get("resources")).get("requests"))
    where = f"{path}.resources[storage]"
    if "storage" not in requests:
        errors.append(required(where))
    else:
        amount = quantity(errors, requests["storage"], where)
        if amount is not None and amount <= 0:
            errors.append(invalid(where, requests["storage"], "must be greater than zero"))
    enum(errors, spec, path, "volumeMode", ("Block", "Filesystem"))
    name = spec.get("storageClassName")
    if isinstance(name, str) and name:
        for message in n.dns1123_subdomain(name):
            errors.append(invalid(f"{path}.storageClassName", name, message))
    labels(errors, mapping(spec.get("selector")).get("matchLabels"), f"{path}.selector.matchLabels")


def pvc(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    pvc_spec(errors, obj.get("spec"), "spec")


def pod(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    pod_spec(errors, obj.get("spec"), "spec", ctx)

"""One container of a pod template: name, image, ports, env, volume mounts, resources, probes.

Sources (pkg/apis/core/validation/validation.go): validateContainerCommon, validateContainerPorts,
ValidateEnv and validateEnvVarValueFrom, ValidateEnvFrom, ValidateVolumeMounts and
validateLocalDescendingPath, ValidateResourceRequirements and validateContainerResourceName,
validateProbe and validateHandler, validatePullPolicy, validateTerminationMessagePolicy.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..._quantity import QuantityError, parse_quantity
from . import _names as n
from ._field import Context, Error, duplicate, enum, forbidden, invalid, items, mapping, not_found, required

PROTOCOLS = ("TCP", "UDP", "SCTP")
PULL_POLICIES = ("Always", "IfNotPresent", "Never")
_QUANTITY_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
_STANDARD_RESOURCES = ("cpu", "memory", "ephemeral-storage")
_ENV_SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
RELAXED_ENV_MINOR = 32
"""RelaxedEnvironmentVariableValidation: beta and on by default from Kubernetes 1.32 (GA in 1.34)."""


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_parsed = lru_cache(maxsize=4096, typed=True)(parse_quantity)


def quantity(errors: list[Error], value: Any, path: str) -> Any:
    """The exact value of a quantity (resource.ParseQuantity), or None after recording why it is not one."""
    try:
        return _parsed(value)
    except (QuantityError, TypeError, ValueError):
        errors.append(invalid(path, value, _QUANTITY_MSG))
        return None


def port_num_or_name(errors: list[Error], value: Any, path: str) -> None:
    """ValidatePortNumOrName: an int-or-string port, checked as a number or as an IANA_SVC_NAME."""
    if isinstance(value, str):
        for message in n.port_name(value):
            errors.append(invalid(path, value, message))
    elif as_int(value) is not None:
        for message in n.port_number(value):
            errors.append(invalid(path, value, message))


def _ports(errors: list[Error], container: Mapping[str, Any], path: str, host_network: bool) -> None:
    names: set[str] = set()
    for index, port in enumerate(items(container.get("ports"))):
        where, port = f"{path}.ports[{index}]", mapping(port)
        name = port.get("name")
        if isinstance(name, str) and name:
            for message in n.port_name(name):
                errors.append(invalid(f"{where}.name", name, message))
            if name in names:
                errors.append(duplicate(f"{where}.name", name))
            names.add(name)
        number, host = as_int(port.get("containerPort")), as_int(port.get("hostPort"))
        if not number:
            errors.append(required(f"{where}.containerPort"))
        else:
            for message in n.port_number(number):
                errors.append(invalid(f"{where}.containerPort", number, message))
        if host:
            for message in n.port_number(host):
                errors.append(invalid(f"{where}.hostPort", host, message))
            if host_network and number and host != number:
                errors.append(
                    invalid(
                        f"{where}.hostPort", host, "must match `containerPort` when `hostNetwork` is true"
                    )
                )
        enum(errors, port, where, "protocol", PROTOCOLS)


def _env(errors: list[Error], container: Mapping[str, Any], path: str, ctx: Context) -> None:
    relaxed = ctx.at_least(RELAXED_ENV_MINOR)
    note = (
        ""
        if relaxed
        else f" (Kubernetes 1.{RELAXED_ENV_MINOR}+ accepts any printable ASCII but '='; "
        f"validating for {ctx.label})"
    )
    for index, var in enumerate(items(container.get("env"))):
        where, var = f"{path}.env[{index}]", mapping(var)
        name = var.get("name")
        if not name:
            errors.append(required(f"{where}.name"))
        else:
            for message in n.env_name(str(name), relaxed):
                errors.append(invalid(f"{where}.name", name, message + note))
        source = var.get("valueFrom")
        if source is not None:
            given = [key for key in _ENV_SOURCES if mapping(source).get(key) is not None]
            if not given:
                errors.append(
                    invalid(f"{where}.valueFrom", "", "must specify one of: `fieldRef`, `resourceFieldRef`, "
                            "`configMapKeyRef` or `secretKeyRef`")
                )  # fmt: skip
            elif len(given) > 1:
                errors.append(
                    invalid(f"{where}.valueFrom", "", "may not have more than one field specified at a time")
                )
            if var.get("value"):
                errors.append(
                    invalid(f"{where}.valueFrom", "", "may not be specified when `value` is not empty")
                )
    for index, source in enumerate(items(container.get("envFrom"))):
        prefix = mapping(source).get("prefix")
        if isinstance(prefix, str) and prefix:
            for message in n.env_name(prefix, relaxed):
                errors.append(invalid(f"{path}.envFrom[{index}].prefix", prefix, message + note))


def _mounts(errors: list[Error], container: Mapping[str, Any], path: str, volumes: set[str]) -> None:
    paths: set[str] = set()
    for index, mount in enumerate(items(container.get("volumeMounts"))):
        where, mount = f"{path}.volumeMounts[{index}]", mapping(mount)
        name, mount_path, sub_path = mount.get("name"), mount.get("mountPath"), mount.get("subPath")
        if not name:
            errors.append(required(f"{where}.name"))
        if name not in volumes:
            errors.append(not_found(f"{where}.name", name))
        if not mount_path:
            errors.append(required(f"{where}.mountPath"))
        elif mount_path in paths:
            errors.append(invalid(f"{where}.mountPath", mount_path, "must be unique"))
        paths.add(str(mount_path))
        if isinstance(sub_path, str) and sub_path:
            if sub_path.startswith("/"):
                errors.append(invalid(f"{where}.subPath", sub_path, "must be a relative path"))
            if ".." in sub_path.replace("\\", "/").split("/"):
                errors.append(invalid(f"{where}.subPath", sub_path, "must not contain '..'"))


def _overcommit(name: str) -> bool:
    """IsOvercommitAllowed: native resources except huge pages may request less than their limit."""
    native = "/" not in name or "kubernetes.io/" in name
    return native and not name.startswith("hugepages-")


def resources(errors: list[Error], value: Any, path: str) -> None:
    """ValidateResourceRequirements: names, quantities >= 0, requests <= limits (== for extended ones)."""
    spec = mapping(value)
    amounts = tuple(
        (part, name, raw) for part in ("limits", "requests") for name, raw in mapping(spec.get(part)).items()
    )
    # The verdict depends on the names and raw amounts alone, and the same few resource blocks recur
    # across a manifest set. Only strings and ints are looked up: 1.0, -0.0 and True equal ints as keys
    # but print differently in messages.
    if all(type(raw) is str or type(raw) is int for _, _, raw in amounts):
        found = _resource_errors(amounts)
    else:
        found = _resource_errors.__wrapped__(amounts)
    errors.extend((path + suffix, shown, message) for suffix, shown, message in found)


@lru_cache(maxsize=1024)
def _resource_errors(amounts: tuple[tuple[str, Any, Any], ...]) -> tuple[Error, ...]:
    """resources' errors with paths relative to the resources field (".limits[cpu]")."""
    errors: list[Error] = []
    parsed: dict[str, dict[str, Any]] = {"limits": {}, "requests": {}}
    for part, name, raw in amounts:
        where = f".{part}[{name}]"
        if "/" not in name and name not in _STANDARD_RESOURCES and not name.startswith("hugepages-"):
            errors.append(invalid(where, name, "must be a standard resource for containers"))
        amount = quantity(errors, raw, where)
        if amount is not None and amount < 0:
            errors.append(invalid(where, raw, "must be greater than or equal to 0"))
        parsed[part][name] = (amount, raw)
    limits = parsed["limits"]
    for name, (amount, raw) in parsed["requests"].items():
        if amount is None:
            continue
        limit, limit_raw = limits.get(name, (None, None))
        if name not in limits and not _overcommit(name):
            errors.append(required(".limits", "Limit must be set for non overcommitable resources"))
        elif limit is None:
            continue
        elif not _overcommit(name) and amount != limit:
            errors.append(invalid(".requests", raw, f"must be equal to {name} limit of {limit_raw}"))
        elif amount > limit:
            errors.append(
                invalid(".requests", raw, f"must be less than or equal to {name} limit of {limit_raw}")
            )
    return tuple(errors)


def _probe(errors: list[Error], value: Any, path: str, single_success: bool) -> None:
    probe = mapping(value)
    given = [key for key in _HANDLERS if probe.get(key) is not None]
    if not given:
        errors.append(required(path, "must specify a handler type"))
    elif len(given) > 1:
        errors.append(forbidden(path, "may not specify more than 1 handler type"))
    for key in ("httpGet", "tcpSocket"):
        if probe.get(key) is not None:
            port_num_or_name(errors, mapping(probe.get(key)).get("port"), f"{path}.{key}.port")
    success = as_int(probe.get("successThreshold"))
    if single_success and success is not None and success != 1:
        errors.append(invalid(f"{path}.successThreshold", success, "must be 1"))


def container(
    errors: list[Error],
    value: Any,
    path: str,
    volumes: set[str],
    ctx: Context,
    *,
    host_network: bool,
    probes: bool,
) -> None:
    """validateContainerCommon and, when `probes` (regular containers and sidecars), their probes."""
    spec = mapping(value)
    name = spec.get("name")
    if not name:
        errors.append(required(f"{path}.name"))
    else:
        for message in n.dns1123_label(str(name)):
            errors.append(invalid(f"{path}.name", name, message))
    if not spec.get("image"):
        errors.append(required(f"{path}.image"))
    enum(errors, spec, path, "imagePullPolicy", PULL_POLICIES)
    enum(errors, spec, path, "terminationMessagePolicy", ("File", "FallbackToLogsOnError"))
    # Each part is looked at only when the container sets it (an absent list or map has no error).
    if spec.get("ports"):
        _ports(errors, spec, path, host_network)
    if spec.get("env") or spec.get("envFrom"):
        _env(errors, spec, path, ctx)
    if spec.get("volumeMounts"):
        _mounts(errors, spec, path, volumes)
    if spec.get("resources"):
        resources(errors, spec.get("resources"), f"{path}.resources")
    if probes:
        for key, single in (("livenessProbe", True), ("readinessProbe", False), ("startupProbe", True)):
            if spec.get(key) is not None:
                _probe(errors, spec.get(key), f"{path}.{key}", single)

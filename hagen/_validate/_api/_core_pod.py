"""Pod specs, as the API server validates the pod template of every workload kind (and bare Pods).

Sources (pkg/apis/core/validation/validation.go): ValidatePodSpec, ValidatePodTemplateSpec, ValidateVolumes
and validateVolumeSource, validateContainers, validateInitContainers and
validateInitContainerRestartPolicy (native sidecars), validateRestartPolicy, validateDNSPolicy,
validateTolerations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import _names as n
from ._core_container import container, quantity
from ._field import Context, Error, duplicate, enum, forbidden, invalid, items, mapping, required, unsupported
from ._meta import annotation_map, labels

RESTART_POLICIES = ("Always", "OnFailure", "Never")
DNS_POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
TOLERATION_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
SIDECAR_MINOR = 29
"""SidecarContainers (restartPolicy: Always on an init container): beta, on by default, from 1.29."""
_INIT_ONLY = "may not be set for init containers without restartPolicy=Always"
# Volume sources whose reference field ValidateVolumes requires (validateConfigMapVolumeSource, ...).
_SOURCE_REQUIRED = {
    "configMap": "name",
    "secret": "secretName",
    "persistentVolumeClaim": "claimName",
    "hostPath": "path",
    "nfs": "server",
    "csi": "driver",
}
_MODE_SOURCES = ("configMap", "secret", "downwardAPI", "projected")


def _key_to_paths(errors: list[Error], body: Mapping[str, Any], where: str) -> None:
    """validateKeyToPath: a key, and a relative path without '..' (validateLocalDescendingPath)."""
    for index, item in enumerate(items(body.get("items"))):
        at, item = f"{where}.items[{index}]", mapping(item)
        if not item.get("key"):
            errors.append(required(f"{at}.key"))
        target = item.get("path")
        if not target:
            errors.append(required(f"{at}.path"))
        elif str(target).startswith("/"):
            errors.append(invalid(f"{at}.path", target, "must be a relative path"))
        elif ".." in str(target).split("/"):
            errors.append(invalid(f"{at}.path", target, "must not contain '..'"))
        mode = item.get("mode")
        if isinstance(mode, int) and not 0 <= mode <= 0o777:
            errors.append(
                invalid(f"{at}.mode", mode, "must be a number between 0 and 0777 (octal), both inclusive")
            )


def _volumes(errors: list[Error], spec: Mapping[str, Any], path: str) -> set[str]:
    names: set[str] = set()
    for index, volume in enumerate(items(spec.get("volumes"))):
        where, volume = f"{path}.volumes[{index}]", mapping(volume)
        name = volume.get("name")
        if not name:
            errors.append(required(f"{where}.name"))
        else:
            for message in n.dns1123_label(str(name)):
                errors.append(invalid(f"{where}.name", name, message))
            if name in names:
                errors.append(duplicate(f"{where}.name", name))
            names.add(str(name))
        sources = [key for key, val in volume.items() if key != "name" and val is not None]
        if not sources:
            errors.append(required(where, "must specify a volume type"))
        elif len(sources) > 1:
            errors.append(forbidden(where, "may not specify more than 1 volume type"))
        for source in sources:
            body = mapping(volume.get(source))
            needed = _SOURCE_REQUIRED.get(source)
            if needed and not body.get(needed):
                errors.append(required(f"{where}.{source}.{needed}"))
            mode = body.get("defaultMode")
            if source in _MODE_SOURCES and isinstance(mode, int) and not 0 <= mode <= 0o777:
                errors.append(
                    invalid(
                        f"{where}.{source}.defaultMode",
                        mode,
                        "must be a number between 0 and 0777 (octal), both inclusive",
                    )
                )
            if source in ("configMap", "secret"):
                _key_to_paths(errors, body, f"{where}.{source}")
            if source == "emptyDir" and body.get("sizeLimit") is not None:
                quantity(errors, body.get("sizeLimit"), f"{where}.emptyDir.sizeLimit")
    return names


def _init_containers(
    errors: list[Error], spec: Mapping[str, Any], path: str, volumes: set[str], ctx: Context, seen: set[str]
) -> None:
    for index, value in enumerate(items(spec.get("initContainers"))):
        where, ctr = f"{path}.initContainers[{index}]", mapping(value)
        policy = ctr.get("restartPolicy")
        sidecar = policy == "Always"
        if policy is not None and policy != "Always":
            errors.append(unsupported(f"{where}.restartPolicy", policy, ("Always",)))
        if sidecar and not ctx.at_least(SIDECAR_MINOR):
            errors.append(
                forbidden(
                    f"{where}.restartPolicy",
                    "native sidecar containers (restartPolicy: Always on an init container) need "
                    f"Kubernetes 1.{SIDECAR_MINOR}+; Kubernetes {ctx.label} drops the field and runs the "
                    "container as an ordinary init container",
                )
            )
        if not sidecar:
            for key in ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe"):
                if ctr.get(key) is not None:
                    errors.append(forbidden(f"{where}.{key}", _INIT_ONLY))
        container(
            errors, ctr, where, volumes, ctx, host_network=bool(spec.get("hostNetwork")), probes=sidecar
        )
        name = ctr.get("name")
        if name and name in seen:
            errors.append(duplicate(f"{where}.name", name))
        seen.add(str(name))


def _containers(
    errors: list[Error], spec: Mapping[str, Any], path: str, volumes: set[str], ctx: Context
) -> set[str]:
    seen: set[str] = set()
    values = items(spec.get("containers"))
    if not values:
        errors.append(required(f"{path}.containers"))
    for index, value in enumerate(values):
        where, ctr = f"{path}.containers[{index}]", mapping(value)
        container(errors, ctr, where, volumes, ctx, host_network=bool(spec.get("hostNetwork")), probes=True)
        if ctr.get("restartPolicy") is not None:
            errors.append(forbidden(f"{where}.restartPolicy", "may not be set for non-init containers"))
        name = ctr.get("name")
        if name and name in seen:
            errors.append(duplicate(f"{where}.name", name))
        seen.add(str(name))
    return seen


def _tolerations(errors: list[Error], spec: Mapping[str, Any], path: str) -> None:
    for index, value in enumerate(items(spec.get("tolerations"))):
        where, tol = f"{path}.tolerations[{index}]", mapping(value)
        operator = tol.get("operator")
        if operator == "Exists" and tol.get("value"):
            errors.append(
                invalid(
                    f"{where}.operator", tol.get("value"), "value must be empty when `operator` is 'Exists'"
                )
            )
        elif operator not in (None, "", "Equal", "Exists"):
            errors.append(unsupported(f"{where}.operator", operator, ("Equal", "Exists")))
        if not tol.get("key") and operator != "Exists":
            errors.append(
                invalid(
                    f"{where}.operator",
                    operator,
                    "operator must be Exists when `key` is empty, which means "
                    '"match all values and all keys"',
                )
            )
        if tol.get("effect"):
            enum(errors, tol, where, "effect", TOLERATION_EFFECTS)


def pod_spec(
    errors: list[Error], value: Any, path: str, ctx: Context, extra_volumes: Iterable[str] = ()
) -> None:
    """ValidatePodSpec. `extra_volumes`: names mounts may also refer to (StatefulSet volumeClaimTemplates)."""
    spec = mapping(value)
    volumes = _volumes(errors, spec, path) | set(extra_volumes)
    seen = _containers(errors, spec, path, volumes, ctx)
    if spec.get("initContainers"):
        _init_containers(errors, spec, path, volumes, ctx, seen)
    enum(errors, spec, path, "restartPolicy", RESTART_POLICIES)
    enum(errors, spec, path, "dnsPolicy", DNS_POLICIES)
    if spec.get("dnsPolicy") == "None" and spec.get("dnsConfig") is None:
        errors.append(required(f"{path}.dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"))
    if spec.get("nodeSelector"):
        labels(errors, spec.get("nodeSelector"), f"{path}.nodeSelector")
    for key, rule in (
        ("serviceAccountName", n.dns1123_subdomain),
        ("hostname", n.dns1123_label),
        ("subdomain", n.dns1123_label),
    ):
        name = spec.get(key)
        if isinstance(name, str) and name:
            for message in rule(name):
                errors.append(invalid(f"{path}.{key}", name, message))
    deadline = spec.get("activeDeadlineSeconds")
    if isinstance(deadline, int) and not 1 <= deadline <= 2**31 - 1:
        errors.append(
            invalid(f"{path}.activeDeadlineSeconds", deadline, "must be between 1 and 2147483647, inclusive")
        )
    if spec.get("tolerations"):
        _tolerations(errors, spec, path)


def pod_template(
    errors: list[Error], value: Any, path: str, ctx: Context, extra_volumes: Iterable[str] = ()
) -> Mapping[str, Any]:
    """ValidatePodTemplateSpec: the template's labels, annotations and pod spec; returns its labels."""
    template = mapping(value)
    meta = mapping(template.get("metadata"))
    labels(errors, meta.get("labels"), f"{path}.metadata.labels")
    annotation_map(errors, meta.get("annotations"), f"{path}.metadata.annotations")
    pod_spec(errors, template.get("spec"), f"{path}.spec", ctx, extra_volumes)
    return mapping(meta.get("labels"))

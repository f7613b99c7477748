"""A tier -> its pod template spec: the container, probes, resources and the secure defaults.

Defaults (each visible in the Tier model and overridable per tier): resource requests, a TCP probe on the
first port, a restricted securityContext (non-root, no privilege escalation, all capabilities dropped,
RuntimeDefault seccomp, read-only root filesystem with emptyDir mounts at `writable_paths`) and no
service-account token. They pass the Pod Security Standard "restricted".
"""

from __future__ import annotations

import re
from typing import Any

from .._blueprint import BlueprintSpec, ConfigMapKeyRef, Port, Probe, SecretKeyRef, Tier
from .._blueprint._containers import Container
from ._affinity import affinity, spread_constraints


def _port_ref(tier: Tier | Container, port: str | int | None) -> str | int:
    if port is not None:
        return port
    return tier.ports[0].name


def probe(tier: Tier | Container, spec: Probe) -> dict[str, Any]:
    """A readinessProbe / livenessProbe / startupProbe object."""
    out: dict[str, Any] = {}
    if spec.http_path is not None:
        out["httpGet"] = {"path": spec.http_path, "port": _port_ref(tier, spec.port)}
    elif spec.tcp:
        out["tcpSocket"] = {"port": _port_ref(tier, spec.port)}
    elif spec.command is not None:
        out["exec"] = {"command": list(spec.command)}
    # field by field, in this order (a loop over getattr cost more than the probe itself)
    if spec.initial_delay_seconds is not None:
        out["initialDelaySeconds"] = spec.initial_delay_seconds
    if spec.period_seconds is not None:
        out["periodSeconds"] = spec.period_seconds
    if spec.timeout_seconds is not None:
        out["timeoutSeconds"] = spec.timeout_seconds
    if spec.failure_threshold is not None:
        out["failureThreshold"] = spec.failure_threshold
    return out


_DEFAULT_PROBE = Probe(tcp=True)


def probes(tier: Tier) -> dict[str, dict[str, Any]]:
    """The container's probes: as declared, else a TCP check of the first port (default_probes)."""
    default = _DEFAULT_PROBE if tier.default_probes and tier.ports else None
    out: dict[str, dict[str, Any]] = {}
    # the Tier model guarantees that each probe has a port to check
    readiness = default if tier.readiness is None else tier.readiness
    if readiness is not None:
        out["readinessProbe"] = probe(tier, readiness)
    liveness = default if tier.liveness is None else tier.liveness
    if liveness is not None:
        out["livenessProbe"] = probe(tier, liveness)
    if tier.startup is not None:  # no default startup probe
        out["startupProbe"] = probe(tier, tier.startup)
    return out


def env(tier: Tier | Container) -> list[dict[str, Any]]:
    """containers[].env in declaration order ($(VAR) references depend on it)."""
    out: list[dict[str, Any]] = []
    for name, value in tier.env.items():
        if isinstance(value, SecretKeyRef | ConfigMapKeyRef):
            key = "secretKeyRef" if isinstance(value, SecretKeyRef) else "configMapKeyRef"
            ref: dict[str, Any] = {"name": value.name, "key": value.key}
            if value.optional is not None:
                ref["optional"] = value.optional
            out.append({"name": name, "valueFrom": {key: ref}})
        else:
            out.append({"name": name, "value": value})
    return out


def resources(tier: Tier | Container) -> dict[str, Any]:
    """containers[].resources; the memory limit defaults to the request (no CPU limit unless given)."""
    r = tier.resources
    requests: dict[str, Any] = {}
    if r.cpu is not None:
        requests["cpu"] = r.cpu
    if r.memory is not None:
        requests["memory"] = r.memory
    if r.ephemeral_storage is not None:
        requests["ephemeral-storage"] = r.ephemeral_storage
    limits: dict[str, Any] = {}
    if r.cpu_limit is not None:
        limits["cpu"] = r.cpu_limit
    if (memory := r.memory_limit or r.memory) is not None:
        limits["memory"] = memory
    out: dict[str, Any] = {}
    if requests:
        out["requests"] = requests
    if limits:
        out["limits"] = limits
    return out


def scratch_volume_name(path: str) -> str:
    """The emptyDir volume name for a writable path: "/var/cache/nginx" -> "scratch-var-cache-nginx"."""
    if path == "/tmp":  # the default writable path of nearly every tier
        return "scratch-tmp"
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"
    return f"scratch-{slug}"[:63].rstrip("-")


def container_ports(ports: tuple[Port, ...]) -> list[dict[str, Any]]:
    """containers[].ports."""
    return [{"name": p.name, "containerPort": p.port, "protocol": p.protocol} for p in ports]


def restricted_security(read_only_root: bool, user: int | None, group: int | None) -> dict[str, Any]:
    """A container's securityContext under the Pod Security Standard "restricted"."""
    out: dict[str, Any] = {
        "allowPrivilegeEscalation": False,
        "capabilities": {"drop": ["ALL"]},
        "readOnlyRootFilesystem": read_only_root,
        "runAsNonRoot": True,
    }
    if user is not None:
        out["runAsUser"] = user
    if group is not None:
        out["runAsGroup"] = group
    return out


def process(c: Tier | Container) -> dict[str, Any]:
    """The fields every container has, from the tier's main container or an extra one: name, image,
    command, args, ports and env (spec.containers[] / spec.initContainers[])."""
    out: dict[str, Any] = {"name": c.name, "image": c.image}
    if c.command is not None:
        out["command"] = list(c.command)
    if c.args is not None:
        out["args"] = list(c.args)
    if c.ports:
        out["ports"] = container_ports(c.ports)
    if c.env:
        out["env"] = env(c)
    return out


def container(
    tier: Tier, mounts: list[dict[str, Any]], scratch_names: list[str] | None = None
) -> dict[str, Any]:
    """The tier's one container (spec.containers[0]); `scratch_names`: the emptyDir volume name of each
    writable path, when the caller has them (default: made here)."""
    security = restricted_security(tier.read_only_root, tier.run_as_user, tier.run_as_group)
    out = process(tier)
    if tier.env_from:
        out["envFrom"] = [e.entry() for e in tier.env_from]
    if res := resources(tier):
        out["resources"] = res
    out.update(probes(tier))
    out["securityContext"] = security
    if scratch_names is None:
        scratch_names = [scratch_volume_name(p) for p in tier.writable_paths]
    scratch = [{"name": n, "mountPath": p} for n, p in zip(scratch_names, tier.writable_paths, strict=True)]
    if scratch or mounts:
        out["volumeMounts"] = scratch + mounts
    return out


def pod_spec(
    spec: BlueprintSpec, tier: Tier, mounts: list[dict[str, Any]], volumes: list[dict[str, Any]]
) -> dict[str, Any]:
    """spec.template.spec of the tier's workload."""
    security: dict[str, Any] = {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}}
    if tier.fs_group is not None:
        security["fsGroup"] = tier.fs_group
    out: dict[str, Any] = {"automountServiceAccountToken": tier.service_account_token}
    if tier.identity is not None:
        out["serviceAccountName"] = tier.identity.name or tier.name
    if aff := affinity(spec, tier):
        out["affinity"] = aff
    if spread := spread_constraints(spec, tier):
        out["topologySpreadConstraints"] = spread
    names = [scratch_volume_name(p) for p in tier.writable_paths]
    main = container(tier, mounts, names)
    if tier.init_containers or tier.sidecars:
        from ._containers import init_containers

        out["initContainers"] = init_containers(tier, main.get("volumeMounts", []))
    out["containers"] = [main]
    if tier.containers:
        from ._containers import helper_containers

        out["containers"].extend(helper_containers(tier, main.get("volumeMounts", [])))
    out["securityContext"] = security
    scratch = [{"name": name, "emptyDir": {}} for name in names]
    if scratch or volumes:
        out["volumes"] = scratch + volumes
    return out

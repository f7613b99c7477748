"""Load-time rules between a tier's traffic, scaling, workload kind and containers.

Each rule refuses a combination the API server, a controller or the workload kind would refuse or
silently ignore later; the message says what is allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._ingress import Alb, HttpRoute
from ._kinds import CronJob, DaemonSet, Job

if TYPE_CHECKING:
    from ._tier import Tier


def _kind_name(tier: Tier) -> str:
    return type(tier.workload).__name__ if tier.workload is not None else "Deployment"


def _traffic(tier: Tier) -> None:
    port_names = [p.name for p in tier.ports]
    lb = tier.load_balancer
    if lb is not None:
        if tier.expose != "LoadBalancer":
            raise ValueError(
                f"load_balancer: the tier is exposed as {tier.expose!r}; a load balancer needs "
                "expose='LoadBalancer'"
            )
        numbers = {str(p.service_port or p.port) for p in tier.ports}
        for port in lb.tls_ports:
            if str(port) not in numbers and port not in port_names:
                raise ValueError(
                    f"load_balancer.tls_ports: {port!r} is not one of the Service's ports "
                    f"({', '.join(port_names)} / {', '.join(sorted(numbers))})"
                )
    ingress = tier.ingress
    if ingress is not None:
        if not tier.ports or tier.expose == "none":
            raise ValueError("ingress: routes go to the tier's Service; declare ports and keep expose")
        for index, route in enumerate(ingress.routes):
            if route.port is not None and route.port not in port_names:
                raise ValueError(
                    f"ingress.routes[{index}].port: {route.port!r} is not one of the tier's ports "
                    f"({', '.join(port_names)})"
                )
        if isinstance(ingress, Alb) and ingress.target_type == "instance" and tier.expose == "ClusterIP":
            raise ValueError(
                "ingress.target_type='instance': the ALB sends traffic to node ports, which a ClusterIP "
                "Service has none of; use target_type='ip' or expose='NodePort'"
            )
        hosts = sorted({r.host for r in ingress.routes})
        if isinstance(ingress, HttpRoute) and len(hosts) > 1:
            raise ValueError(
                f"ingress.routes: an HTTPRoute's hostnames apply to every rule, so its routes share one host "
                f"(got {', '.join(hosts)}); route the other hosts from another tier or an Alb"
            )
        keys = [(r.host, r.path, r.path_type) for r in ingress.routes]
        if len(set(keys)) != len(keys):
            raise ValueError(f"ingress.routes: a host and path repeat: {keys}")


def _requests_for_targets(tier: Tier) -> None:
    """Utilization is a percentage of the request: every container the metric averages over needs one."""
    scale = tier.autoscale
    assert scale is not None
    for resource in ("cpu", "memory"):
        if getattr(scale, resource) is None:
            continue
        if getattr(tier.resources, resource) is None:
            raise ValueError(
                f"autoscale.{resource}: a utilization target needs resources.{resource} (utilization is a "
                "percentage of the request)"
            )
        for field in ("sidecars", "containers"):
            for index, c in enumerate(getattr(tier, field)):
                if getattr(c.resources, resource) is None:
                    raise ValueError(
                        f"autoscale.{resource}: {field}[{index}] ({c.name!r}) requests no {resource}; the "
                        "autoscaler averages over every running container"
                    )


def _kind(tier: Tier) -> None:
    work = tier.workload
    kind = _kind_name(tier)
    if tier.autoscale is not None:
        if work is not None:
            raise ValueError(f"autoscale: a {kind} is not scaled by a HorizontalPodAutoscaler")
        if "replicas" in tier.model_fields_set:
            raise ValueError(
                f"replicas={tier.replicas} with autoscale: the HorizontalPodAutoscaler owns the replica "
                "count and every apply of a fixed `replicas` resets it; set autoscale.min_replicas instead"
            )
        _requests_for_targets(tier)
    if work is None:
        return
    if "replicas" in tier.model_fields_set:
        hint = (
            "completions/parallelism of the Job" if not isinstance(work, DaemonSet) else "none: one per node"
        )
        raise ValueError(f"replicas={tier.replicas} on a {kind} tier: use {hint}")
    if tier.strategy is not None:
        raise ValueError(f"strategy on a {kind} tier: only a Deployment has spec.strategy")
    if tier.volumes:
        raise ValueError(
            f"volumes on a {kind} tier: mount another tier's volume with shared_volumes "
            "(a claim per node or per run would be a new empty volume each time)"
        )
    if isinstance(work, Job | CronJob):
        for field in ("ports", "load_balancer", "ingress"):
            if getattr(tier, field):
                raise ValueError(f"{field} on a {kind} tier: a run-to-completion pod serves no traffic")


def _containers(tier: Tier) -> None:
    if not (tier.init_containers or tier.sidecars or tier.containers):
        return  # the main container alone: its ports were checked with the tier's (Tier._consistent)
    names = [tier.name, *(c.name for c in (*tier.init_containers, *tier.sidecars, *tier.containers))]
    if len(set(names)) != len(names):
        raise ValueError(f"container names repeat (the main container is named after the tier): {names}")
    # The pod's running containers share one network namespace: a port bound twice fails in the second
    # container, and a Service's named targetPort resolves to the first container that has the name.
    running = [("ports", tier.name, tier.ports)]
    for field in ("sidecars", "containers"):
        running += [(f"{field}[{i}].ports", c.name, c.ports) for i, c in enumerate(getattr(tier, field))]
    seen: dict[object, str] = {}
    for where, owner, ports in running:
        for port in ports:
            for key, value in (
                (port.name, f"name {port.name!r}"),
                ((port.port, port.protocol), f"port {port.port}/{port.protocol}"),
            ):
                if key in seen:
                    raise ValueError(
                        f"{where}: {value} of container {owner!r} is also used by container {seen[key]!r}; "
                        "the main container, sidecars and containers share the pod's network: each port "
                        "name and number once"
                    )
                seen[key] = owner
    paths = set(tier.mount_paths)
    for field in ("init_containers", "sidecars", "containers"):
        for index, c in enumerate(getattr(tier, field)):
            for path in c.shares:
                if path not in paths:
                    raise ValueError(
                        f"{field}[{index}].shares: {path!r} is not a mount of the tier (writable_paths, "
                        f"volumes, shared_volumes, files: {', '.join(sorted(paths)) or 'none'})"
                    )
            if field == "init_containers" and c.readiness is not None:
                raise ValueError(
                    f"init_containers[{index}].readiness: an init container runs to completion and takes "
                    "no probes; make it a sidecar"
                )


def check_tier(tier: Tier) -> None:
    """Raise ValueError for the first combination of fields the cluster would refuse or ignore."""
    _traffic(tier)
    _kind(tier)
    _containers(tier)

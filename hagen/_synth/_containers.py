"""A tier's extra containers -> spec.initContainers (init containers, then native sidecars with
`restartPolicy: Always`) and the helpers appended to spec.containers.

Every extra container gets the main container's restricted securityContext and mounts the volumes it
`shares` at the same paths as the main container.
"""

from __future__ import annotations

from typing import Any

from .._blueprint import Tier
from .._blueprint._containers import Container
from ._pod import probe, process, resources, restricted_security


def extra_container(
    tier: Tier, c: Container, main_mounts: list[dict[str, Any]], *, sidecar: bool = False
) -> dict[str, Any]:
    """One extra container; `main_mounts` are the main container's volumeMounts (shared by path)."""
    out = process(c)
    if res := resources(c):
        out["resources"] = res
    if c.readiness is not None:
        out["readinessProbe"] = probe(c, c.readiness)
    if sidecar:
        out["restartPolicy"] = "Always"
    user = c.run_as_user if c.run_as_user is not None else tier.run_as_user
    out["securityContext"] = restricted_security(True, user, tier.run_as_group)
    by_path = {m["mountPath"]: m for m in main_mounts}
    mounts = []
    for path in c.shares:
        mount = dict(by_path[path])
        if c.read_only_shares:
            mount["readOnly"] = True
        mounts.append(mount)
    if mounts:
        out["volumeMounts"] = mounts
    return out


def init_containers(tier: Tier, main_mounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """spec.initContainers: the init containers in order, then the sidecars (started in that order)."""
    return [extra_container(tier, c, main_mounts) for c in tier.init_containers] + [
        extra_container(tier, c, main_mounts, sidecar=True) for c in tier.sidecars
    ]


def helper_containers(tier: Tier, main_mounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The helpers that follow the main container in spec.containers."""
    return [extra_container(tier, c, main_mounts) for c in tier.containers]

"""Which workload a tier with volumes becomes, and why (see docs/storage.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from hagen._errors import BlueprintError
from hagen._storage._volume import Volume


@dataclass(frozen=True, slots=True)
class StoragePlan:
    """How a tier's volumes are wired.

    kind: the workload kind. templates: volumes that become spec.volumeClaimTemplates (StatefulSet only).
    claims: volumes that become one standalone PVC each, mounted through spec.volumes. strategy: the
    Deployment strategy type the claims force (Recreate) or None. headless_service: the StatefulSet needs
    a Service with clusterIP None named in spec.serviceName. reason: one sentence for docs and comments.
    """

    kind: Literal["Deployment", "StatefulSet"]
    templates: tuple[Volume, ...]
    claims: tuple[Volume, ...]
    strategy: Literal["Recreate"] | None
    headless_service: bool
    reason: str


_SHARED = "shared (ReadWriteMany) or no volumes: every replica mounts the same claims"
_NO_VOLUMES = StoragePlan("Deployment", (), (), None, False, _SHARED)


def plan_storage(volumes: Sequence[Volume], replicas: int, tier: str = "tier") -> StoragePlan:
    """The workload for a tier with `replicas` replicas and these volumes.

    Per-replica volumes on several replicas need a StatefulSet (one claim per pod, kept across restarts).
    One replica may stay a Deployment with a PVC, but must use Recreate: a RollingUpdate starts the new pod
    before the old one stops, and a ReadWriteOnce volume cannot attach to a second node meanwhile.
    """
    if not volumes:
        return _NO_VOLUMES
    names = [v.name for v in volumes]
    if len(set(names)) != len(names):
        raise BlueprintError("two volumes share a name", field=f"{tier}.volumes", value=names)
    paths = [v.mount_path for v in volumes]
    if len(set(paths)) != len(paths):
        raise BlueprintError("two volumes share a mount path", field=f"{tier}.volumes", value=paths)
    own = tuple(v for v in volumes if v.access == "per-replica")
    shared = tuple(v for v in volumes if v.access == "shared")
    if own and replicas > 1:
        return StoragePlan(
            "StatefulSet",
            own,
            shared,
            None,
            True,
            "per-replica volumes: a StatefulSet gives each pod its own claim from volumeClaimTemplates",
        )
    if own:
        return StoragePlan(
            "Deployment",
            (),
            own + shared,
            "Recreate",
            False,
            "one replica with a ReadWriteOnce claim: Recreate, since a rolling update's new pod could not "
            "attach the volume on another node",
        )
    return StoragePlan("Deployment", (), shared, None, False, _SHARED)

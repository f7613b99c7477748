"""Storage findings: declarations that pass validation but fail or disappoint on the cluster."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hagen._finding import Finding
from hagen._storage._addons import ADDON_OF, WELL_KNOWN_POLICY, CsiDriver, declared_drivers, provisioners_used
from hagen._storage._ebs import StorageClass
from hagen._storage._efs import EfsStorageClass
from hagen._storage._volume import Volume

AnyStorageClass = StorageClass | EfsStorageClass

EFS_RWO_REASON = (
    "single-owner data on EFS/NFS breaks: the access point forces its own uid/gid, so the chown and fsGroup "
    "the image relies on (Jenkins runs as uid 1000) do not apply and start-up fails with permission errors, "
    "and small-file I/O over NFS is slow; Jenkins home on EFS failed a day after install this way"
)


def _sc_id(name: str) -> str:
    return f"storage.k8s.io.StorageClass._.{name}"


def storage_findings(
    classes: Sequence[AnyStorageClass],
    volumes: Iterable[tuple[str, Volume]] = (),
    drivers: Iterable[CsiDriver] = (),
    *,
    claims: Iterable[tuple[str, str]] = (),
    blueprint: str | None = None,
) -> list[Finding]:
    """Findings for a blueprint's storage.

    classes: every StorageClass model the blueprint declares or its volumes use. volumes: (tier name,
    Volume). drivers: the CsiDriver declarations. claims: (where, class name) of ReadWriteOnce claims made
    outside tiers, e.g. ("release jenkins: persistence", "efs-sc") for a chart's persistence.

    ids: storage.csi-driver-missing (error), storage.rwo-data-on-efs (warning), storage.gp2-over-gp3
    (warning), storage.multiple-default-classes (warning).
    """
    found: list[Finding] = []
    declared = declared_drivers(drivers)
    for provisioner in sorted(provisioners_used(classes) - set(declared)):
        addon = ADDON_OF[provisioner]
        users = sorted(c.name for c in classes if c.provisioner == provisioner)
        found.append(
            Finding(
                id="storage.csi-driver-missing",
                severity="error",
                message=f"StorageClass {', '.join(users)} use {provisioner}, but the blueprint declares no "
                f"{addon} add-on: unless the cluster runs it with an IAM role, every PVC of these classes "
                "stays Pending (no volume is ever created)",
                fix=f"declare CsiDriver(addon={addon!r}) to get the eksctl fragment (wellKnownPolicies "
                f"{WELL_KNOWN_POLICY[addon]}) in cluster/eksctl-addons.yaml, or CsiDriver(addon={addon!r}, "
                "installed=True, service_account_role_arn=...) if the cluster already has it",
                blueprint=blueprint,
                object_id=_sc_id(users[0]),
            )
        )
    by_name = {c.name: c for c in classes}
    rwo: list[tuple[str, str | None, str]] = [
        (f"tier {tier}: volume {v.name}", tier, v.storage_class.name)
        for tier, v in volumes
        if v.access == "per-replica"
    ]
    rwo += [(where, None, name) for where, name in claims]
    for where, tier, name in rwo:
        if isinstance(by_name.get(name), EfsStorageClass):
            found.append(
                Finding(
                    id="storage.rwo-data-on-efs",
                    severity="warning",
                    message=f"{where} keeps single-owner (ReadWriteOnce) data on EFS class {name!r}: "
                    f"{EFS_RWO_REASON}",
                    fix="use an EBS gp3 StorageClass for data one pod owns; keep EFS for data pods share",
                    blueprint=blueprint,
                    tier=tier,
                    object_id=_sc_id(name),
                )
            )
    for sc in classes:
        if isinstance(sc, StorageClass) and sc.type == "gp2":
            found.append(
                Finding(
                    id="storage.gp2-over-gp3",
                    severity="warning",
                    message=f"StorageClass {sc.name!r} uses gp2: gp3 costs about 20% less per GiB and gives "
                    "3,000 IOPS and 125 MiB/s at any size, where gp2 gives 3 IOPS per GiB",
                    fix="type='gp3' (existing gp2 volumes keep their class; see docs/storage.md, migration)",
                    blueprint=blueprint,
                    object_id=_sc_id(sc.name),
                )
            )
    defaults = sorted(c.name for c in classes if c.default_class)
    if len(defaults) > 1:
        found.append(
            Finding(
                id="storage.multiple-default-classes",
                severity="warning",
                message=f"StorageClasses {', '.join(defaults)} are all marked default: a PVC without a class "
                "gets the most recently created one",
                fix="set default_class=True on one class only",
                blueprint=blueprint,
                object_id=_sc_id(defaults[0]),
            )
        )
    return found

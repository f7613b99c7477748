"""The cluster prerequisites of the storage classes: the EKS CSI driver add-ons and their IAM roles.

A class provisioned by ebs.csi.aws.com or efs.csi.aws.com does nothing until the matching add-on runs
with an IAM role; PVCs stay Pending meanwhile (the seed's first failure). A blueprint declares, per driver,
either that hagen should emit the eksctl ClusterConfig fragment installing it, or that the cluster already
has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from hagen._errors import BlueprintError
from hagen._storage._ebs import EBS_PROVISIONER
from hagen._storage._efs import EFS_PROVISIONER

from .._model import HagenModel

AddonName = Literal["aws-ebs-csi-driver", "aws-efs-csi-driver"]
PROVISIONER_OF: dict[str, str] = {
    "aws-ebs-csi-driver": EBS_PROVISIONER,
    "aws-efs-csi-driver": EFS_PROVISIONER,
}
ADDON_OF: dict[str, str] = {v: k for k, v in PROVISIONER_OF.items()}
WELL_KNOWN_POLICY: dict[str, str] = {
    "aws-ebs-csi-driver": "ebsCSIController",
    "aws-efs-csi-driver": "efsCSIController",
}
MANAGED_POLICY: dict[str, str] = {
    "aws-ebs-csi-driver": "AmazonEBSCSIDriverPolicy",
    "aws-efs-csi-driver": "AmazonEFSCSIDriverPolicy",
}
_ROLE_ARN = re.compile(r"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]+$")
_POLICY_ARN = re.compile(r"^arn:aws(-[a-z]+)*:iam::([0-9]{12}|aws):policy/[\w+=,.@/-]+$")
EKSCTL_API_VERSION = "eksctl.io/v1alpha5"


class CsiDriver(HagenModel):
    """One CSI driver add-on: installed by the emitted eksctl fragment, or declared already there.

    The IAM permission is at most one of: `well_known_policy` (eksctl makes a role with the managed policy,
    the default when installing), `service_account_role_arn` (an existing role), `attach_policy_arns`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    addon: AddonName = Field("aws-ebs-csi-driver", description="addons[].name: the EKS add-on.")
    installed: bool = Field(
        False, description="True: the cluster already runs it; hagen emits nothing for it."
    )
    version: str = Field("latest", description="addons[].version: 'latest' or a pinned v1.x.y-eksbuild.N.")
    well_known_policy: bool | None = Field(
        None, description="addons[].wellKnownPolicies.{ebsCSIController|efsCSIController}."
    )
    service_account_role_arn: str | None = Field(None, description="addons[].serviceAccountRoleARN.")
    attach_policy_arns: tuple[str, ...] = Field((), description="addons[].attachPolicyARNs.")

    @model_validator(mode="after")
    def _checks(self) -> CsiDriver:
        where = f"CsiDriver {self.addon!r}"
        chosen = [
            name
            for name, value in (
                ("well_known_policy", self.well_known_policy),
                ("service_account_role_arn", self.service_account_role_arn),
                ("attach_policy_arns", self.attach_policy_arns),
            )
            if value
        ]
        if len(chosen) > 1:
            raise BlueprintError(
                f"eksctl takes at most one IAM source per add-on, got {', '.join(chosen)}",
                field=where,
                allowed="one of well_known_policy, service_account_role_arn, attach_policy_arns",
            )
        if self.installed and not chosen:
            raise BlueprintError(
                "an installed driver records the IAM role it runs with",
                field=f"{where}: installed",
                allowed="service_account_role_arn='arn:aws:iam::<account>:role/<role>' "
                "or well_known_policy=True",
            )
        arn = self.service_account_role_arn
        if arn is not None and not _ROLE_ARN.match(arn):
            raise BlueprintError(
                "not an IAM role ARN",
                field=f"{where}: service_account_role_arn",
                value=arn,
                allowed="arn:aws:iam::<12-digit account>:role/<name>",
            )
        for policy in self.attach_policy_arns:
            if not _POLICY_ARN.match(policy):
                raise BlueprintError(
                    "not an IAM policy ARN",
                    field=f"{where}: attach_policy_arns",
                    value=policy,
                    allowed=f"e.g. arn:aws:iam::aws:policy/service-role/{MANAGED_POLICY[self.addon]}",
                )
        return self

    @property
    def provisioner(self) -> str:
        """The StorageClass provisioner this add-on serves."""
        return PROVISIONER_OF[self.addon]

    def addon_entry(self) -> dict[str, Any]:
        """The eksctl ClusterConfig `addons[]` entry that installs this driver with its IAM role."""
        entry: dict[str, Any] = {"name": self.addon, "version": self.version}
        if self.service_account_role_arn:
            entry["serviceAccountRoleARN"] = self.service_account_role_arn
        elif self.attach_policy_arns:
            entry["attachPolicyARNs"] = list(self.attach_policy_arns)
        else:
            entry["wellKnownPolicies"] = {WELL_KNOWN_POLICY[self.addon]: True}
        return entry


def declared_drivers(drivers: Iterable[CsiDriver]) -> dict[str, CsiDriver]:
    """Provisioner -> its declaration; a driver declared twice is refused."""
    declared: dict[str, CsiDriver] = {}
    for driver in drivers:
        if driver.provisioner in declared:
            raise BlueprintError(
                "declared twice", field=f"CsiDriver {driver.addon!r}", allowed="one per add-on"
            )
        declared[driver.provisioner] = driver
    return declared


def provisioners_used(classes: Iterable[Any]) -> set[str]:
    """The CSI provisioners (of the two hagen knows) that these StorageClass models need."""
    return {c.provisioner for c in classes if c.provisioner in ADDON_OF}


def cluster_fragment(
    classes: Iterable[Any],
    drivers: Iterable[CsiDriver],
    cluster_name: str | None = None,
    region: str | None = None,
) -> dict[str, Any] | None:
    """The eksctl ClusterConfig fragment (iam.withOIDC, addons[]) installing the drivers the classes need.

    Only drivers declared with installed=False are emitted; None when there is nothing to install. The
    synthesizer writes it at out/<blueprint>/cluster/eksctl-addons.yaml; apply it with
    ``eksctl create addon -f`` (or merge it into the cluster's config).
    """
    needed = provisioners_used(classes)
    declared = declared_drivers(drivers)
    to_install = [declared[p] for p in sorted(needed) if p in declared and not declared[p].installed]
    if not to_install:
        return None
    fragment: dict[str, Any] = {"apiVersion": EKSCTL_API_VERSION, "kind": "ClusterConfig"}
    metadata = {key: value for key, value in (("name", cluster_name), ("region", region)) if value}
    if metadata:
        fragment["metadata"] = metadata
    fragment["iam"] = {"withOIDC": True}
    fragment["addons"] = [d.addon_entry() for d in sorted(to_install, key=lambda d: d.addon)]
    return fragment

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

from pydantic import ConfigDict, Field

from hagen._errors import BlueprintError
from hagen._storage._ebs import EBS_PROVISIONER
from hagen._storage._efs import EFS_PROVISIONER

from .._model import HagenModel, model_check

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
_ROLE_ARN = r"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]+$"
_POLICY_ARN = r"^arn:aws(-[a-z]+)*:iam::([0-9]{12}|aws):policy/[\w+=,.@/-]+$"
EKSCTL_API_VERSION = "eksctl.io/v1alpha5"
POD_IDENTITY_AGENT = "eks-pod-identity-agent"
# eksctl's own rule for metadata.name (pkg/apis/eksctl.io/v1alpha5 validation: "must satisfy regular
# expression pattern: [a-zA-Z][-a-zA-Z0-9]*"), at most 100 characters as EKS allows.
_CLUSTER_NAME = re.compile(r"^[a-zA-Z][-a-zA-Z0-9]{0,99}$")
# AWS region codes: us-east-1, eu-central-1, ap-northeast-2, us-gov-west-1, cn-north-1, us-isob-east-1.
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]+$")


class EksCluster(HagenModel):
    """The EKS cluster an eksctl ClusterConfig names: ``metadata.name`` and ``metadata.region``.

    eksctl refuses a config without them ("metadata must be set"), so the add-on fragment cannot be
    applied with ``eksctl create addon -f`` until both are known. A blueprint sets ``eks = EksCluster(...)``;
    a target's ``cluster`` and ``region`` in hagen.toml replace them for that target.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="metadata.name: the EKS cluster name, e.g. 'finalproject'.")
    region: str = Field(description="metadata.region: the AWS region code, e.g. 'ap-northeast-2'.")

    @model_check
    def _checks(self) -> EksCluster:
        check_cluster_name(self.name, "EksCluster: name")
        check_region(self.region, "EksCluster: region")
        return self

    def metadata(self) -> dict[str, str]:
        """eksctl ClusterConfig ``metadata``."""
        return {"name": self.name, "region": self.region}


def check_cluster_name(value: str, field: str) -> str:
    """`value` if eksctl accepts it as metadata.name; BlueprintError otherwise."""
    if not _CLUSTER_NAME.match(value):
        raise BlueprintError(
            "not an EKS cluster name",
            field=field,
            value=value,
            allowed="a letter, then letters, digits and '-', at most 100 characters (eksctl metadata.name)",
        )
    return value


def check_region(value: str, field: str) -> str:
    """`value` if it is an AWS region code; BlueprintError otherwise."""
    if not _REGION.match(value):
        raise BlueprintError(
            "not an AWS region code",
            field=field,
            value=value,
            allowed="a region code such as us-east-1, eu-central-1, ap-northeast-2 (eksctl metadata.region)",
        )
    return value


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

    @model_check
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
        if arn is not None and not re.match(_ROLE_ARN, arn):
            raise BlueprintError(
                "not an IAM role ARN",
                field=f"{where}: service_account_role_arn",
                value=arn,
                allowed="arn:aws:iam::<12-digit account>:role/<name>",
            )
        for policy in self.attach_policy_arns:
            if not re.match(_POLICY_ARN, policy):
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
    eks: EksCluster | None = None,
    iam: dict[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any] | None:
    """The eksctl ClusterConfig fragment (metadata, iam.withOIDC, addons[]) installing the drivers the
    classes need.

    `iam` adds ``iam.serviceAccounts`` / ``iam.podIdentityAssociations`` (the tiers' IAM roles, from
    `hagen._identity.eksctl_iam`); Pod Identity associations bring the eks-pod-identity-agent add-on.
    Only drivers declared with installed=False are emitted; None when there is nothing to install. The
    synthesizer writes it at out/<blueprint>/cluster/eksctl-addons.yaml; apply it with
    ``eksctl create addon -f`` (or merge it into the cluster's config). BlueprintError when there is
    something to install and `eks` is None: eksctl refuses a ClusterConfig without metadata.
    """
    needed = provisioners_used(classes)
    declared = declared_drivers(drivers)
    to_install = [declared[p] for p in sorted(needed) if p in declared and not declared[p].installed]
    iam = iam or {}
    if not to_install and not iam:
        return None
    if eks is None:
        names = ", ".join(
            [d.addon for d in to_install] + [f"the IAM roles ({', '.join(sorted(iam))})"] * bool(iam)
        )
        raise BlueprintError(
            f"the eksctl fragment installing {names} needs the cluster's name and region "
            "(eksctl refuses a ClusterConfig without metadata: 'metadata must be set')",
            field="eks",
            allowed="eks = hagen.EksCluster(name=..., region=...) in the blueprint, or cluster and region "
            "in the target's hagen.toml entry, or CsiDriver(installed=True, ...) when the cluster has it",
        )
    fragment: dict[str, Any] = {"apiVersion": EKSCTL_API_VERSION, "kind": "ClusterConfig"}
    fragment["metadata"] = eks.metadata()
    fragment["iam"] = {"withOIDC": True, **iam}
    addons = [d.addon_entry() for d in sorted(to_install, key=lambda d: d.addon)]
    if iam.get("podIdentityAssociations"):
        addons.append({"name": POD_IDENTITY_AGENT})  # serves the associations' credentials to the pods
    if addons:
        fragment["addons"] = addons
    return fragment

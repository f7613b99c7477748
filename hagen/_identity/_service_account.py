"""A ServiceAccount per tier, with an IAM role for service accounts or an EKS Pod Identity association.

IRSA: the ServiceAccount carries ``eks.amazonaws.com/role-arn`` and the EKS pod identity webhook mounts a
projected web-identity token in the pods. Pod Identity: the eks-pod-identity-agent add-on serves credentials
to the pods of an association (namespace, ServiceAccount, role) made in the cluster's config. Neither needs
the Kubernetes API token, so `automountServiceAccountToken` stays off unless the tier asks for it.
When eksctl should create the role (`attach_policy_arns`), the eksctl fragment lists it: for IRSA in
``iam.serviceAccounts`` with ``roleOnly: true`` (hagen writes the ServiceAccount itself), for Pod Identity
in ``iam.podIdentityAssociations`` with ``createServiceAccount: false``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import Field, field_validator

from .._config._model import Model, ObjectName
from .._model import model_check
from .._storage._addons import _POLICY_ARN, _ROLE_ARN

IRSA_ANNOTATION = "eks.amazonaws.com/role-arn"


class Identity(Model):
    """A tier's ServiceAccount (metadata.name `name`, default the tier's name) and its IAM role.

    role_arn: the role (IRSA annotation, or the association's roleARN). attach_policy_arns: eksctl creates
    the role with these policies (named after `role_arn` for IRSA; `role_name` or eksctl's own name for
    Pod Identity). pod_identity=True: an EKS Pod Identity association instead of the IRSA annotation.
    """

    name: ObjectName | None = Field(default=None, description="ServiceAccount name; default the tier's")
    role_arn: str | None = Field(default=None, description="arn:aws:iam::<account>:role/<name>")
    attach_policy_arns: tuple[str, ...] = Field(default=(), description="policies eksctl attaches")
    pod_identity: bool = Field(default=False, description="EKS Pod Identity association instead of IRSA")
    role_name: str | None = Field(default=None, description="Pod Identity: the role eksctl creates")

    @field_validator("role_arn")
    @classmethod
    def _role(cls, value: str | None) -> str | None:
        if value is not None and not re.match(_ROLE_ARN, value):
            raise ValueError(
                f"{value!r} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)"
            )
        return value

    @field_validator("attach_policy_arns")
    @classmethod
    def _policies(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for arn in value:
            if not re.match(_POLICY_ARN, arn):
                raise ValueError(
                    f"{arn!r} is not an IAM policy ARN (arn:aws:iam::<account or aws>:policy/<name>)"
                )
        return value

    @model_check
    def _one_way(self) -> Identity:
        if self.pod_identity and self.role_arn and self.attach_policy_arns:
            raise ValueError(
                "a Pod Identity association takes role_arn (an existing role) or attach_policy_arns "
                "(eksctl creates one), not both"
            )
        if not self.pod_identity and self.attach_policy_arns and not self.role_arn:
            raise ValueError(
                "IRSA with attach_policy_arns needs role_arn: the ServiceAccount's annotation names the "
                "role eksctl creates (its name is the ARN's last part)"
            )
        if self.pod_identity and not self.role_arn and not self.attach_policy_arns:
            raise ValueError("a Pod Identity association needs role_arn or attach_policy_arns")
        if self.role_name is not None and not self.pod_identity:
            raise ValueError("role_name is for pod_identity=True; IRSA takes the role's name from role_arn")
        return self

    @property
    def creates_role(self) -> bool:
        """True when the eksctl fragment must create the role."""
        return bool(self.attach_policy_arns)


def service_account(name: str, namespace: str, labels: dict[str, str], identity: Identity) -> dict[str, Any]:
    """The v1 ServiceAccount; its token is not mounted by default (pods say so themselves)."""
    metadata: dict[str, Any] = {"name": name, "namespace": namespace, "labels": labels}
    if identity.role_arn and not identity.pod_identity:
        metadata["annotations"] = {IRSA_ANNOTATION: identity.role_arn}
    return {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": metadata,
        "automountServiceAccountToken": False,
    }


def eksctl_iam(accounts: Iterable[tuple[str, str, Identity]]) -> dict[str, list[dict[str, Any]]]:
    """``iam.serviceAccounts`` and ``iam.podIdentityAssociations`` entries (eksctl ClusterConfig
    v1alpha5) for (namespace, ServiceAccount name, identity); an IRSA role that exists is not listed."""
    irsa: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    for namespace, name, identity in sorted(accounts, key=lambda a: (a[0], a[1])):
        if identity.pod_identity:
            entry: dict[str, Any] = {"namespace": namespace, "serviceAccountName": name}
            if identity.role_arn:
                entry["roleARN"] = identity.role_arn
            else:
                if identity.role_name:
                    entry["roleName"] = identity.role_name
                entry["permissionPolicyARNs"] = list(identity.attach_policy_arns)
            entry["createServiceAccount"] = False
            associations.append(entry)
        elif identity.creates_role and identity.role_arn:
            irsa.append(
                {
                    "metadata": {"name": name, "namespace": namespace},
                    "roleName": identity.role_arn.rsplit("/", 1)[-1],
                    "roleOnly": True,
                    "attachPolicyARNs": list(identity.attach_policy_arns),
                }
            )
    out: dict[str, list[dict[str, Any]]] = {}
    if irsa:
        out["serviceAccounts"] = irsa
    if associations:
        out["podIdentityAssociations"] = associations
    return out

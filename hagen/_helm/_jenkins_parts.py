"""Typed values of the Jenkins chart outside the controller: persistence, agent, identity, network."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, PlainValidator, field_validator

from .._integers import Int32
from ._jenkins_controller import check_annotation_keys, check_resources
from ._names import StorageClassLike, check_dns_label
from ._typed import ValuesModel, check_quantity

IAM_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn"
"""The ServiceAccount annotation EKS (IRSA) reads to hand a pod an IAM role."""
_ROLE_ARN = r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+$"

SHARED_HOME_EXPLANATION = (
    "JENKINS_HOME on a shared (ReadWriteMany) file system such as EFS breaks the controller: the seed's "
    "Jenkins stopped answering a day after install because its volume mount was a shared mount point; "
    "the chart runs Jenkins as uid/fsGroup 1000 while EFS access points force their own uid/gid, so "
    "start-up fails with permission errors (chown and fsGroup do not apply); and Jenkins' many small-file "
    "writes are slow on NFS. Give the single controller an EBS gp3 ReadWriteOnce class instead (provisioner "
    "ebs.csi.aws.com, the seed's gp3 StorageClass)"
)


def _storage_class(value: object) -> StorageClassLike | None:
    if value is None or isinstance(value, StorageClassLike):
        return value
    if isinstance(value, str):
        raise ValueError(
            f"storage_class takes the StorageClass object declared in the blueprint (e.g. gp3 = "
            f"StorageClass(...)), not the name {value!r}: the object makes hagen synthesize the class too. "
            "For a class the cluster already has, set values={'persistence': {'storageClass': NAME}}"
        )
    raise ValueError(
        f"storage_class must be a StorageClass with name, provisioner and shared_access; got {value!r}"
    )


StorageClassField = Annotated[StorageClassLike | None, PlainValidator(_storage_class)]


class Persistence(ValuesModel):
    """The controller's JENKINS_HOME volume (``persistence.*``)."""

    KEYS: ClassVar[dict[str, str]] = {
        "enabled": "enabled",
        "storage_class": "storageClass",
        "size": "size",
        "access_mode": "accessMode",
        "existing_claim": "existingClaim",
        "annotations": "annotations",
    }
    enabled: bool | None = None
    """``persistence.enabled`` (chart default true)."""
    storage_class: StorageClassField = None
    """``persistence.storageClass``: a StorageClass object of the blueprint (its name goes in the values)."""
    size: str | None = None
    """``persistence.size``, a quantity (chart default ``8Gi``)."""
    access_mode: Literal["ReadWriteOnce", "ReadWriteOncePod"] | None = None
    """``persistence.accessMode``; one controller mounts its home, so only single-node modes."""
    existing_claim: str | None = None
    """``persistence.existingClaim``: a PersistentVolumeClaim created outside the chart."""
    annotations: dict[str, str] | None = None
    """``persistence.annotations`` on the PersistentVolumeClaim."""

    @field_validator("storage_class", mode="after")
    @classmethod
    def _not_shared(cls, value: StorageClassLike | None) -> StorageClassLike | None:
        if value is not None and value.shared_access:
            raise ValueError(
                f"StorageClass {value.name!r} ({value.provisioner}) is shared storage. "
                + SHARED_HOME_EXPLANATION
            )
        return value

    @field_validator("access_mode", mode="before")
    @classmethod
    def _single_node(cls, value: Any) -> Any:
        if value in ("ReadWriteMany", "ReadOnlyMany"):
            raise ValueError(f"access_mode {value!r} asks for shared storage. {SHARED_HOME_EXPLANATION}")
        return value

    @field_validator("size")
    @classmethod
    def _size(cls, value: str | None) -> str | None:
        return None if value is None else check_quantity(value, "persistence.size")

    def convert(self, field: str, value: Any) -> Any:
        return value.name if field == "storage_class" else super().convert(field, value)


class Agent(ValuesModel):
    """The default Kubernetes agent pod template (``agent.*``)."""

    KEYS: ClassVar[dict[str, str]] = {
        "enabled": "enabled",
        "image_repository": "image.repository",
        "image_tag": "image.tag",
        "namespace": "namespace",
        "resources": "resources",
        "container_cap": "containerCap",
        "node_selector": "nodeSelector",
    }
    enabled: bool | None = None
    """``agent.enabled``."""
    image_repository: str | None = None
    """``agent.image.repository`` (chart default ``jenkins/inbound-agent``)."""
    image_tag: str | None = None
    """``agent.image.tag``."""
    namespace: str | None = None
    """``agent.namespace``: where agent pods run (default: the release namespace)."""
    resources: dict[str, dict[str, str]] | None = None
    """``agent.resources``."""
    container_cap: Int32 | None = Field(default=None, ge=0)
    """``agent.containerCap``: most agents at once."""
    node_selector: dict[str, str] | None = None
    """``agent.nodeSelector``."""

    @field_validator("resources")
    @classmethod
    def _resources(cls, value: dict[str, dict[str, str]] | None) -> dict[str, dict[str, str]] | None:
        return None if value is None else check_resources(value, "agent.resources")

    @field_validator("namespace")
    @classmethod
    def _namespace(cls, value: str | None) -> str | None:
        return None if value is None else check_dns_label(value, "agent.namespace")


class ServiceAccount(ValuesModel):
    """The controller's ServiceAccount (``serviceAccount.*``), with its IAM role on EKS."""

    KEYS: ClassVar[dict[str, str]] = {"create": "create", "name": "name", "annotations": "annotations"}
    create: bool | None = None
    """``serviceAccount.create``."""
    name: str | None = None
    """``serviceAccount.name``."""
    role_arn: str | None = None
    """IAM role for the controller's pods: written as the ``eks.amazonaws.com/role-arn`` annotation."""
    annotations: dict[str, str] | None = None
    """``serviceAccount.annotations``."""

    @field_validator("role_arn")
    @classmethod
    def _arn(cls, value: str | None) -> str | None:
        if value is not None and not re.match(_ROLE_ARN, value):
            raise ValueError(
                f"role_arn {value!r} is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)"
            )
        return value

    @field_validator("annotations")
    @classmethod
    def _annotations(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        return None if value is None else check_annotation_keys(value, "serviceAccount.annotations")

    def chart_values(self) -> dict[str, Any]:
        values = super().chart_values()
        if self.role_arn is not None:
            annotations = {**(self.annotations or {}), IAM_ROLE_ANNOTATION: self.role_arn}
            values["annotations"] = annotations
        return values


class Rbac(ValuesModel):
    """``rbac.*``: the Role the controller uses to start agent pods."""

    KEYS: ClassVar[dict[str, str]] = {"create": "create", "read_secrets": "readSecrets"}
    create: bool | None = None
    """``rbac.create``."""
    read_secrets: bool | None = None
    """``rbac.readSecrets``: let Jenkins read Secrets in its namespace."""


class NetworkPolicy(ValuesModel):
    """``networkPolicy.*``."""

    KEYS: ClassVar[dict[str, str]] = {"enabled": "enabled"}
    enabled: bool | None = None
    """``networkPolicy.enabled``."""

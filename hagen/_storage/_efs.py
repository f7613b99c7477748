"""`EfsStorageClass`: a StorageClass for the AWS EFS CSI driver (efs.csi.aws.com), dynamic access points.

EFS is ReadWriteMany: many pods on many nodes mount one file system. That suits shared content; it does
not suit data a single process owns (a database, Jenkins home): access points force their uid/gid, so
chown and fsGroup do not apply, and small-file I/O over NFS is slow.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from hagen._errors import BlueprintError
from hagen._integers import Int64
from hagen._storage._ebs import DEFAULT_CLASS_ANNOTATION, BindingMode, ReclaimPolicy
from hagen._storage._names import check_absolute_path, check_subdomain

from .._model import HagenModel

EFS_PROVISIONER = "efs.csi.aws.com"
_FILE_SYSTEM_ID = r"^fs-[0-9a-f]{8}([0-9a-f]{9})?$"
_PERMS = r"^[0-7]{3,4}$"


class EfsStorageClass(HagenModel):
    """An EFS StorageClass: each PVC gets its own access point on one existing file system."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="metadata.name; a DNS-1123 subdomain.")
    file_system_id: str = Field(description="parameters.fileSystemId: an existing EFS file system, fs-....")
    provisioning_mode: Literal["efs-ap"] = Field("efs-ap", description="parameters.provisioningMode.")
    directory_perms: str = Field("700", description="parameters.directoryPerms: octal mode of the AP root.")
    uid: Int64 | None = Field(
        None, ge=0, description="parameters.uid: the POSIX user every access is made as."
    )
    gid: Int64 | None = Field(
        None, ge=0, description="parameters.gid: the POSIX group every access is made as."
    )
    base_path: str | None = Field(
        None, description="parameters.basePath: directory the access points go under."
    )
    reclaim_policy: ReclaimPolicy = Field("Delete", description="reclaimPolicy.")
    volume_binding_mode: BindingMode | None = Field(
        None, description="volumeBindingMode; None writes nothing (Kubernetes then reads Immediate)."
    )
    default_class: bool = Field(False, description=f"metadata.annotations[{DEFAULT_CLASS_ANNOTATION}].")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_subdomain(value, "EfsStorageClass.name")

    @field_validator("file_system_id")
    @classmethod
    def _fs_id(cls, value: str) -> str:
        if not re.match(_FILE_SYSTEM_ID, value):
            raise BlueprintError(
                f"{value!r} is not an EFS file system id",
                field="EfsStorageClass.file_system_id",
                allowed="fs- followed by 8 or 17 lowercase hex digits, e.g. fs-0123abcd",
            )
        return value

    @field_validator("directory_perms")
    @classmethod
    def _perms(cls, value: str) -> str:
        if not re.match(_PERMS, value):
            raise BlueprintError(
                f"{value!r} is not an octal mode",
                field="EfsStorageClass.directory_perms",
                allowed='e.g. "700"',
            )
        return value

    @field_validator("base_path")
    @classmethod
    def _base_path(cls, value: str | None) -> str | None:
        return None if value is None else check_absolute_path(value, "EfsStorageClass.base_path")

    @property
    def provisioner(self) -> str:
        """The StorageClass `provisioner`: the EFS CSI driver."""
        return EFS_PROVISIONER

    @property
    def shared_access(self) -> bool:
        """True: every node can mount the same EFS volume (ReadWriteMany)."""
        return True

    @property
    def access_modes(self) -> tuple[str, ...]:
        """The PVC accessModes this class can serve."""
        return ("ReadWriteMany", "ReadWriteOnce")

    def driver_parameters(self) -> dict[str, str]:
        """`parameters`, every value a string, in a fixed order."""
        params = {
            "provisioningMode": self.provisioning_mode,
            "fileSystemId": self.file_system_id,
            "directoryPerms": self.directory_perms,
        }
        optional = {"uid": self.uid, "gid": self.gid, "basePath": self.base_path}
        params.update({key: str(value) for key, value in optional.items() if value is not None})
        return params

    def to_object(self) -> dict[str, Any]:
        """The storage.k8s.io/v1 StorageClass object, in conventional key order."""
        metadata: dict[str, Any] = {"name": self.name}
        if self.default_class:
            metadata["annotations"] = {DEFAULT_CLASS_ANNOTATION: "true"}
        obj: dict[str, Any] = {
            "apiVersion": "storage.k8s.io/v1",
            "kind": "StorageClass",
            "metadata": metadata,
            "provisioner": EFS_PROVISIONER,
            "parameters": self.driver_parameters(),
            "reclaimPolicy": self.reclaim_policy,
        }
        if self.volume_binding_mode is not None:
            obj["volumeBindingMode"] = self.volume_binding_mode
        return obj

"""`Volume`: what a tier needs from storage, and the PVC, volume and volumeMount pieces it becomes.

The size and the class are declared once, here; every piece the synthesizer wires (claim spec, claim
template, pod volume, volumeMount) is derived from the same object, so they cannot disagree.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from hagen._errors import BlueprintError
from hagen._quantity import QuantityError, check_quantity, parse_quantity
from hagen._storage._ebs import StorageClass
from hagen._storage._ebs_checks import check_volume
from hagen._storage._efs import EfsStorageClass
from hagen._storage._names import check_absolute_path, check_label

from .._model import HagenModel, model_check

Access = Literal["per-replica", "shared"]
AnyStorageClass = StorageClass | EfsStorageClass

GIB = 2**30

MULTI_ATTACH_ERROR = "Multi-Attach error for volume ... Volume is already used by pod(s)"


def to_gib_ceil(value: Fraction) -> int:
    """Whole GiB, rounded up: the size the EBS CSI driver asks EC2 for (it rounds requests up to GiB)."""
    return int(-((-value) // GIB))


class Volume(HagenModel):
    """A tier's storage need: one claim per replica, or one claim every replica mounts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="The pod volume, PVC template and volumeMount name; a DNS-1123 label.")
    size: str = Field(description="resources.requests.storage, a Kubernetes quantity such as '20Gi'.")
    mount_path: str = Field(description="volumeMounts[].mountPath in every container of the tier.")
    storage_class: AnyStorageClass = Field(description="The class, as the object (its name goes in the PVC).")
    access: Access = Field(
        "per-replica",
        description="'per-replica': each replica its own volume (ReadWriteOnce); "
        "'shared': one volume all replicas mount (ReadWriteMany; needs a class such as EFS).",
    )
    read_only: bool = Field(False, description="volumeMounts[].readOnly.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_label(value, "Volume.name")

    @field_validator("mount_path")
    @classmethod
    def _mount_path(cls, value: str) -> str:
        return check_absolute_path(value, "Volume.mount_path")

    @model_check
    def _checks(self) -> Volume:
        field = f"Volume {self.name!r}: size"
        if self.size != self.size.strip():
            raise BlueprintError("a quantity has no surrounding spaces", field=field, value=self.size)
        try:
            size = check_quantity(self.size)
        except QuantityError as exc:
            raise BlueprintError(str(exc), field=field, value=self.size) from None
        if size <= 0:
            raise BlueprintError("a volume size must be positive", field=field, value=self.size)
        if self.access == "shared" and not self.storage_class.shared_access:
            raise BlueprintError(
                f"class {self.storage_class.name!r} is EBS ({self.storage_class.provisioner}): an EBS volume "
                "attaches to one node at a time, so replicas on other nodes would stay ContainerCreating "
                f"with '{MULTI_ATTACH_ERROR}'",
                field=f"Volume {self.name!r}: access",
                value="shared",
                allowed="access='per-replica' (one volume each), "
                "or a ReadWriteMany class such as EfsStorageClass",
            )
        if isinstance(self.storage_class, StorageClass):
            check_volume(self.storage_class, to_gib_ceil(size), field, self.size)
        return self

    @property
    def size_bytes(self) -> Fraction:
        """The requested size in bytes, exactly."""
        return parse_quantity(self.size)

    @property
    def access_mode(self) -> str:
        """The PVC access mode: ReadWriteOnce per replica, ReadWriteMany when shared."""
        return "ReadWriteMany" if self.access == "shared" else "ReadWriteOnce"

    def claim_spec(self) -> dict[str, Any]:
        """A PersistentVolumeClaim `spec`: accessModes, resources.requests.storage, storageClassName."""
        return {
            "accessModes": [self.access_mode],
            "resources": {"requests": {"storage": self.size}},
            "storageClassName": self.storage_class.name,
        }

    def claim_template(self) -> dict[str, Any]:
        """A StatefulSet `spec.volumeClaimTemplates[]` entry; its PVCs are named <name>-<pod name>."""
        return {"metadata": {"name": self.name}, "spec": self.claim_spec()}

    def claim(self, claim_name: str, namespace: str) -> dict[str, Any]:
        """A standalone v1 PersistentVolumeClaim (a shared volume, or a one-replica Deployment's volume)."""
        return {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": {"name": claim_name, "namespace": namespace},
            "spec": self.claim_spec(),
        }

    def pod_volume(self, claim_name: str) -> dict[str, Any]:
        """A pod `spec.volumes[]` entry mounting the standalone claim `claim_name`."""
        return {"name": self.name, "persistentVolumeClaim": {"claimName": claim_name}}

    def volume_mount(self) -> dict[str, Any]:
        """A container `volumeMounts[]` entry; readOnly only when set."""
        mount: dict[str, Any] = {"name": self.name, "mountPath": self.mount_path}
        if self.read_only:
            mount["readOnly"] = True
        return mount

"""`StorageClass`: a typed StorageClass for the AWS EBS CSI driver (provisioner ebs.csi.aws.com).

Nothing is emitted that the declaration does not say: ``StorageClass(name="gp3")`` renders exactly the class
the seed applied by hand (type gp3, ext4, Delete, WaitForFirstConsumer) and no hidden extras.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from hagen._integers import Int32
from hagen._storage import _ebs_checks as checks
from hagen._storage._limits import DEFAULT_LIMIT_SET, LimitSet, VolumeLimits, limits_for
from hagen._storage._names import check_subdomain
from hagen._storage._parameters import FSTYPE_KEY, KNOWN_KEYS, TAG_PREFIX, check_raw_parameters

from .._model import HagenModel, model_check

EBS_PROVISIONER = "ebs.csi.aws.com"
DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class"
ZONE_TOPOLOGY_KEY = "topology.ebs.csi.aws.com/zone"
"""The key the driver puts on the volumes it creates (docs/parameters.md, "Volume Availability Zone and
Topologies"); nodes carry it too, so it matches on every driver version."""

VolumeType = Literal["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"]
FsType = Literal["ext4", "xfs", "ext3"]
ReclaimPolicy = Literal["Delete", "Retain"]
BindingMode = Literal["WaitForFirstConsumer", "Immediate"]


def _str(value: object) -> str:
    """A parameter value as the driver reads it: booleans lowercase, numbers in decimal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class StorageClass(HagenModel):
    """An EBS StorageClass. Field docs name the driver parameter (``parameters.<key>``) each one sets."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="metadata.name; a DNS-1123 subdomain. Volumes name the class by it.")
    type: VolumeType = Field("gp3", description="parameters.type: the EBS volume type.")
    fs_type: FsType = Field("ext4", description=f"parameters.{FSTYPE_KEY}: the filesystem the driver makes.")
    iops: Int32 | None = Field(None, description="parameters.iops: provisioned IOPS (gp3, io1, io2).")
    iops_per_gb: Int32 | None = Field(None, description="parameters.iopsPerGB: IOPS per GiB (gp3, io1, io2).")
    allow_auto_iops_per_gb_increase: bool | None = Field(
        None,
        description="parameters.allowAutoIOPSPerGBIncrease: raise a too-low iopsPerGB result to the minimum.",
    )
    throughput: Int32 | None = Field(None, description="parameters.throughput: MiB/s (gp3 only).")
    encrypted: bool | None = Field(None, description="parameters.encrypted.")
    kms_key_id: str | None = Field(
        None, description="parameters.kmsKeyId: full KMS key ARN; needs encrypted."
    )
    tags: dict[str, str] = Field(
        default_factory=dict,
        description=f"parameters.{TAG_PREFIX}N: EBS tags, written 'key=value' in key order; values may use "
        "{{ .PVCName }}, {{ .PVCNamespace }}, {{ .PVName }}.",
    )
    block_size: Int32 | None = Field(None, gt=0, description="parameters.blockSize (mkfs).")
    inode_size: Int32 | None = Field(None, gt=0, description="parameters.inodeSize (mkfs).")
    bytes_per_inode: Int32 | None = Field(None, gt=0, description="parameters.bytesPerInode (ext3/ext4).")
    number_of_inodes: Int32 | None = Field(None, gt=0, description="parameters.numberOfInodes (ext3/ext4).")
    ext4_bigalloc: bool | None = Field(None, description="parameters.ext4BigAlloc (ext4).")
    ext4_cluster_size: Int32 | None = Field(
        None, gt=0, description="parameters.ext4ClusterSize (ext4, bigalloc)."
    )
    parameters: dict[str, str] = Field(
        default_factory=dict,
        description="Other driver parameters without a field here (e.g. allowAutoIOPSIncreaseOnModify, "
        "volumeInitializationRate); unknown keys are refused.",
    )
    reclaim_policy: ReclaimPolicy = Field("Delete", description="reclaimPolicy.")
    volume_binding_mode: BindingMode = Field(
        "WaitForFirstConsumer",
        description="volumeBindingMode; WaitForFirstConsumer creates each volume in its pod's zone.",
    )
    allow_volume_expansion: bool | None = Field(
        None, description="allowVolumeExpansion; None writes nothing (Kubernetes then reads false)."
    )
    allowed_zones: tuple[str, ...] = Field(
        (), description=f"allowedTopologies: zones volumes may be created in ({ZONE_TOPOLOGY_KEY})."
    )
    default_class: bool = Field(
        False,
        description=f"metadata.annotations[{DEFAULT_CLASS_ANNOTATION}]: PVCs without a class get this one.",
    )
    limits: LimitSet = Field(
        DEFAULT_LIMIT_SET,
        description="Which EBS limits to check against: 'current' or 'legacy' (pre-2025 gp3).",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_subdomain(value, "StorageClass.name")

    @field_validator("parameters")
    @classmethod
    def _parameters(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        return check_raw_parameters(value, f"StorageClass {info.data.get('name')!r}: parameters")

    @model_check
    def _checks(self) -> StorageClass:
        checks.check_performance(self)
        checks.check_encryption(self)
        checks.check_formatting(self)
        checks.check_tags(self)
        checks.check_zones(self)
        return self

    def __hash__(self) -> int:
        # Frozen models hash their fields, and dicts (tags, parameters) cannot be hashed: hash the
        # canonical JSON instead, so that a Tier holding a Volume holding this class stays hashable.
        return hash(json.dumps(self.model_dump(mode="json"), sort_keys=True))

    @property
    def provisioner(self) -> str:
        """The StorageClass `provisioner`: the EBS CSI driver."""
        return EBS_PROVISIONER

    @property
    def shared_access(self) -> bool:
        """False: an EBS volume attaches to one node at a time (ReadWriteOnce)."""
        return False

    @property
    def access_modes(self) -> tuple[str, ...]:
        """The PVC accessModes this class can serve."""
        return ("ReadWriteOnce",)

    @property
    def volume_limits(self) -> VolumeLimits:
        """The limits-table row this class is checked against."""
        return limits_for(self.type, self.limits)

    def driver_parameters(self) -> dict[str, str]:
        """`parameters`: every value a string, keys in the driver's spelling and a fixed order."""
        values = self.model_dump(include={f for f in KNOWN_KEYS.values() if f})
        rendered: dict[str, str] = {}
        for key, field in KNOWN_KEYS.items():
            value = values.get(field) if field else self.parameters.get(key)
            if value is not None:
                rendered[key] = _str(value)
        for i, key in enumerate(sorted(self.tags), start=1):
            rendered[f"{TAG_PREFIX}{i}"] = f"{key}={self.tags[key]}"
        return rendered

    def to_object(self) -> dict[str, Any]:
        """The storage.k8s.io/v1 StorageClass object, in conventional key order, only non-empty blocks."""
        metadata: dict[str, Any] = {"name": self.name}
        if self.default_class:
            metadata["annotations"] = {DEFAULT_CLASS_ANNOTATION: "true"}
        obj: dict[str, Any] = {
            "apiVersion": "storage.k8s.io/v1",
            "kind": "StorageClass",
            "metadata": metadata,
            "provisioner": EBS_PROVISIONER,
            "parameters": self.driver_parameters(),
            "reclaimPolicy": self.reclaim_policy,
            "volumeBindingMode": self.volume_binding_mode,
        }
        if self.allow_volume_expansion is not None:
            obj["allowVolumeExpansion"] = self.allow_volume_expansion
        if self.allowed_zones:
            obj["allowedTopologies"] = [
                {"matchLabelExpressions": [{"key": ZONE_TOPOLOGY_KEY, "values": list(self.allowed_zones)}]}
            ]
        return obj

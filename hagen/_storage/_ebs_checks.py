"""The checks behind StorageClass and Volume: the driver's and EBS's rules, quoting the limits table.

Each check raises BlueprintError naming the field, the value, the limit and where the limit comes from.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hagen._errors import BlueprintError
from hagen._storage._limits import VolumeLimits, baseline_iops

if TYPE_CHECKING:
    from hagen._storage._ebs import StorageClass

KMS_KEY_ARN = r"^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$"
_ZONE = r"^[a-z]{2}(-[a-z0-9]+)+[a-z]$"
_TAG_KEY_MAX, _TAG_VALUE_MAX = 128, 256  # EC2 tag limits (CreateTags)


def _where(sc: StorageClass, field: str) -> str:
    return f"StorageClass {sc.name!r}: {field}"


def _range_error(sc: StorageClass, field: str, value: Any, what: str, low: Any, high: Any) -> BlueprintError:
    lim = sc.volume_limits
    return BlueprintError(
        f"{value} is outside the {lim.volume_type} range for {what}",
        field=_where(sc, field),
        value=value,
        allowed=f"{low}..{high} (source: {lim.source}; limit set {sc.limits!r})",
    )


def check_performance(sc: StorageClass) -> None:
    """iops, iopsPerGB and throughput against the type: which it takes, their ranges and ratios."""
    lim = sc.volume_limits
    takers = "gp3, io1, io2"
    for field in ("iops", "iops_per_gb"):
        if getattr(sc, field) is not None and not lim.takes_iops:
            raise BlueprintError(
                f"type {lim.volume_type} does not take {field}; its IOPS follow from its size",
                field=_where(sc, field),
                allowed=f"types {takers}",
            )
    if sc.throughput is not None and not lim.takes_throughput:
        raise BlueprintError(
            f"type {lim.volume_type} does not take throughput",
            field=_where(sc, "throughput"),
            allowed="type gp3",
        )
    if sc.iops is not None and sc.iops_per_gb is not None:
        raise BlueprintError(
            "set iops or iops_per_gb, not both: the driver refuses the pair", field=_where(sc, "iops")
        )
    if lim.requires_iops and sc.iops is None and sc.iops_per_gb is None:
        raise BlueprintError(
            f"type {lim.volume_type} needs provisioned IOPS: EC2 CreateVolume refuses {lim.volume_type} "
            "without them",
            field=_where(sc, "iops"),
            allowed=f"iops {lim.iops} or iops_per_gb up to {lim.iops_per_gib_max} (source: {lim.source})",
        )
    if sc.allow_auto_iops_per_gb_increase is not None and sc.iops_per_gb is None:
        raise BlueprintError(
            "allow_auto_iops_per_gb_increase only acts together with iops_per_gb",
            field=_where(sc, "allow_auto_iops_per_gb_increase"),
        )
    if sc.iops is not None and lim.iops is not None and not lim.iops[0] <= sc.iops <= lim.iops[1]:
        raise _range_error(sc, "iops", sc.iops, "IOPS", *lim.iops)
    per_gib_max = lim.iops_per_gib_max
    if sc.iops_per_gb is not None and per_gib_max is not None and not 1 <= sc.iops_per_gb <= per_gib_max:
        raise _range_error(sc, "iops_per_gb", sc.iops_per_gb, "IOPS per GiB", 1, lim.iops_per_gib_max)
    if sc.throughput is not None and lim.throughput_mibps is not None:
        if not lim.throughput_mibps[0] <= sc.throughput <= lim.throughput_mibps[1]:
            raise _range_error(sc, "throughput", sc.throughput, "throughput (MiB/s)", *lim.throughput_mibps)
        iops = sc.iops if sc.iops is not None else baseline_iops(lim)
        if sc.iops_per_gb is None and iops is not None:
            check_throughput_ratio(sc, iops, "throughput")


def check_throughput_ratio(sc: StorageClass, iops: int, field: str) -> None:
    """At most 0.25 MiB/s per provisioned IOPS on gp3 (3,000 IOPS allow 750 MiB/s)."""
    lim = sc.volume_limits
    if sc.throughput is None or lim.mibps_per_iops_max is None:
        return
    if Fraction(sc.throughput) > lim.mibps_per_iops_max * iops:
        most = float(lim.mibps_per_iops_max * iops)
        least = float(sc.throughput / lim.mibps_per_iops_max)
        raise BlueprintError(
            f"throughput {sc.throughput} MiB/s needs at least {least:g} IOPS; "
            f"with {iops} IOPS the most is {most:g} MiB/s",
            field=_where(sc, field),
            allowed=f"at most {float(lim.mibps_per_iops_max):g} MiB/s per IOPS (source: {lim.source})",
        )


def check_encryption(sc: StorageClass) -> None:
    """kmsKeyId must be a KMS key ARN, and only on an encrypted class."""
    if sc.kms_key_id is None:
        return
    if not re.match(KMS_KEY_ARN, sc.kms_key_id):
        raise BlueprintError(
            "kms_key_id must be the full ARN of a KMS key",
            field=_where(sc, "kms_key_id"),
            value=sc.kms_key_id,
            allowed="arn:aws:kms:<region>:<12-digit account>:key/<key id> (aws-ebs-csi-driver parameters)",
        )
    if sc.encrypted is not True:
        raise BlueprintError(
            f"a kms_key_id needs encrypted=True (encrypted is {sc.encrypted}): EBS uses the key only "
            "for encrypted volumes",
            field=_where(sc, "encrypted"),
        )


def check_formatting(sc: StorageClass) -> None:
    """Formatting options the chosen filesystem understands (ext3/ext4 only; bigalloc ext4 only)."""
    ext_only = ("bytes_per_inode", "number_of_inodes")
    ext4_only = ("ext4_bigalloc", "ext4_cluster_size")
    for field in ext_only + ext4_only:
        allowed = ("ext4",) if field in ext4_only else ("ext3", "ext4")
        if getattr(sc, field) is not None and sc.fs_type not in allowed:
            raise BlueprintError(
                f"{field} is a mkfs option of {' and '.join(allowed)}, not {sc.fs_type}",
                field=_where(sc, field),
                allowed=f"fs_type {' or '.join(allowed)}",
            )
    if sc.ext4_cluster_size is not None and sc.ext4_bigalloc is not True:
        raise BlueprintError(
            "ext4_cluster_size needs ext4_bigalloc=True", field=_where(sc, "ext4_cluster_size")
        )


def check_tags(sc: StorageClass) -> None:
    """EBS tags: key=value pairs the driver splits at the first '='; 'aws:' keys are reserved."""
    for key, value in sc.tags.items():
        if not key or len(key) > _TAG_KEY_MAX or "=" in key or key.lower().startswith("aws:"):
            raise BlueprintError(
                "not a usable EBS tag key",
                field=_where(sc, f"tags[{key!r}]"),
                value=key,
                allowed=f"1-{_TAG_KEY_MAX} characters, no '=', not starting with 'aws:'",
            )
        if len(value) > _TAG_VALUE_MAX:
            raise BlueprintError(
                "EBS tag value too long",
                field=_where(sc, f"tags[{key!r}]"),
                allowed=f"{_TAG_VALUE_MAX} chars",
            )


def check_zones(sc: StorageClass) -> None:
    """allowed_zones: distinct availability-zone names such as us-east-1a."""
    if len(set(sc.allowed_zones)) != len(sc.allowed_zones):
        raise BlueprintError("zones listed twice", field=_where(sc, "allowed_zones"), value=sc.allowed_zones)
    for zone in sc.allowed_zones:
        if not re.match(_ZONE, zone):
            raise BlueprintError(
                "not an availability zone name",
                field=_where(sc, "allowed_zones"),
                value=zone,
                allowed="e.g. us-east-1a, eu-central-1b",
            )


def check_volume(sc: StorageClass, size_gib: int, field: str, size: str = "") -> None:
    """A volume of `size_gib` (requested as `size`) from this class: the type's size range and the IOPS
    that size allows."""
    lim: VolumeLimits = sc.volume_limits
    low, high = lim.size_gib
    if not low <= size_gib <= high:
        raise BlueprintError(
            f"{size or size_gib} ({size_gib} GiB) is outside the {lim.volume_type} size range "
            f"of class {sc.name!r}",
            field=field,
            allowed=f"{low}..{high} GiB (source: {lim.source}; limit set {sc.limits!r})",
        )
    if lim.iops is None or lim.iops_per_gib_max is None:
        return
    per_gib = f"at most {lim.iops_per_gib_max} IOPS per GiB (source: {lim.source})"
    if sc.iops is not None and sc.iops > max(lim.iops[0], size_gib * lim.iops_per_gib_max):
        raise BlueprintError(
            f"{sc.iops} IOPS (class {sc.name!r}) on {size_gib} GiB is more than {lim.volume_type} allows; "
            f"use at least {-(-sc.iops // lim.iops_per_gib_max)} GiB",
            field=field,
            allowed=per_gib,
        )
    if sc.iops_per_gb is not None:
        iops = min(size_gib * sc.iops_per_gb, lim.iops[1])
        if iops < lim.iops[0]:
            if not sc.allow_auto_iops_per_gb_increase:
                raise BlueprintError(
                    f"{size_gib} GiB x iops_per_gb {sc.iops_per_gb} of class {sc.name!r} gives {iops} IOPS, "
                    f"below the {lim.volume_type} minimum of {lim.iops[0]}: the driver refuses the volume; "
                    "make it larger or set allow_auto_iops_per_gb_increase=True on the class",
                    field=field,
                    allowed=f"at least {lim.iops[0]} IOPS (source: {lim.source})",
                )
            iops = lim.iops[0]
        check_throughput_ratio(sc, iops, field)

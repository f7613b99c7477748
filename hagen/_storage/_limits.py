"""EBS volume limits per volume type, as data in one place.

Every number carries its source. When AWS raises a limit, change the table here and nothing else: the
StorageClass and Volume checks read it, and their messages quote the limit and the source from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

LimitSet = Literal["current", "legacy"]
"""``current``: the limits since the gp3 raise of September 2025. ``legacy``: the set before it, which some
regions and tools still assume (gp3 at most 16,384 GiB, 16,000 IOPS, 1,000 MiB/s)."""

DEFAULT_LIMIT_SET: LimitSet = "current"

_EC2 = "AWS EC2 API CreateVolume (botocore 1.44 model)"
_GP3_2025 = "AWS gp3 increase of Sept 2025 (aws-cdk PR 37049, openshift/installer PR 10222)"
_DRIVER = "aws-ebs-csi-driver pkg/cloud"


@dataclass(frozen=True, slots=True)
class VolumeLimits:
    """What one EBS volume type accepts; ``None`` for a parameter means the type does not take it."""

    volume_type: str
    size_gib: tuple[int, int]
    iops: tuple[int, int] | None
    iops_per_gib_max: int | None
    throughput_mibps: tuple[int, int] | None
    mibps_per_iops_max: Fraction | None
    requires_iops: bool
    source: str

    @property
    def takes_iops(self) -> bool:
        """True when the StorageClass may set ``iops`` / ``iopsPerGB`` for this type."""
        return self.iops is not None

    @property
    def takes_throughput(self) -> bool:
        """True when the StorageClass may set ``throughput`` for this type."""
        return self.throughput_mibps is not None


def _fixed(volume_type: str, low: int, high: int, source: str = _EC2) -> VolumeLimits:
    """A type whose performance follows from its size: no iops or throughput parameter."""
    return VolumeLimits(volume_type, (low, high), None, None, None, None, False, source)


_COMMON: dict[str, VolumeLimits] = {
    # gp2's IOPS (3/GiB, 100..16,000) and throughput (128..250 MiB/s) follow from size; the driver only
    # passes iops/throughput for io1, io2 and gp3.
    "gp2": _fixed("gp2", 1, 16_384),
    "io1": VolumeLimits("io1", (4, 16_384), (100, 64_000), 50, None, None, True, _EC2),
    "io2": VolumeLimits("io2", (4, 65_536), (100, 256_000), 1_000, None, None, True, _EC2),
    "st1": _fixed("st1", 125, 16_384),
    "sc1": _fixed("sc1", 125, 16_384),
    "standard": _fixed("standard", 1, 1_024),
}

LIMIT_SETS: dict[LimitSet, dict[str, VolumeLimits]] = {
    "current": {
        "gp3": VolumeLimits(
            "gp3",
            (1, 65_536),
            (3_000, 80_000),
            500,
            (125, 2_000),
            Fraction(1, 4),
            False,
            f"{_GP3_2025}; {_DRIVER} (500 IOPS/GiB)",
        ),
        **_COMMON,
    },
    "legacy": {
        "gp3": VolumeLimits(
            "gp3",
            (1, 16_384),
            (3_000, 16_000),
            500,
            (125, 1_000),
            Fraction(1, 4),
            False,
            f"{_EC2} before Sept 2025; {_DRIVER} (500 IOPS/GiB)",
        ),
        **_COMMON,
    },
}

VOLUME_TYPES: tuple[str, ...] = ("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard")

GP3_BASELINE_IOPS = 3_000
"""IOPS every gp3 volume gets without asking, whatever its size (EC2 CreateVolume)."""


def limits_for(volume_type: str, limit_set: LimitSet = DEFAULT_LIMIT_SET) -> VolumeLimits:
    """The limits of one volume type in one limit set (KeyError for a type EBS does not have)."""
    return LIMIT_SETS[limit_set][volume_type]


def baseline_iops(limits: VolumeLimits) -> int | None:
    """IOPS a volume of this type gets when the class sets none (gp3 only; io1/io2 must set them)."""
    return GP3_BASELINE_IOPS if limits.volume_type == "gp3" else None

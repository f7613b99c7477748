"""Properties: valid classes render string parameters that survive YAML; nothing outside the limits passes."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._errors import BlueprintError
from hagen._storage import LIMIT_SETS, LimitSet, StorageClass, Volume
from hagen._yaml import dump

TYPES = ("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard")
tag_keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_./:", min_size=1, max_size=20).filter(
    lambda k: not k.startswith("aws:")
)
tag_values = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


@st.composite
def valid_classes(draw: st.DrawFn) -> StorageClass:
    sets: list[LimitSet] = ["current", "legacy"]
    limit_set = draw(st.sampled_from(sets))
    volume_type = draw(st.sampled_from(TYPES))
    lim = LIMIT_SETS[limit_set][volume_type]
    kw: dict[str, Any] = {"name": draw(st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True))}
    kw |= {
        "type": volume_type,
        "limits": limit_set,
        "fs_type": draw(st.sampled_from(["ext4", "xfs", "ext3"])),
    }
    if lim.iops is not None:
        iops = draw(st.integers(*lim.iops))
        kw["iops"] = iops
        if lim.throughput_mibps is not None and draw(st.booleans()):
            high = min(lim.throughput_mibps[1], iops // 4)
            kw["throughput"] = draw(st.integers(lim.throughput_mibps[0], high))
    kw["encrypted"] = draw(st.none() | st.booleans())
    kw["tags"] = draw(st.dictionaries(tag_keys, tag_values, max_size=4))
    kw["allowed_zones"] = tuple(
        draw(st.lists(st.sampled_from(["us-east-1a", "us-east-1b", "eu-west-3c"]), unique=True))
    )
    kw["allow_volume_expansion"] = draw(st.none() | st.booleans())
    kw["default_class"] = draw(st.booleans())
    return StorageClass(**kw)


@given(valid_classes())
@settings(max_examples=200)
def test_valid_classes_render_strings_that_round_trip_through_yaml(sc: StorageClass) -> None:
    obj = sc.to_object()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in obj["parameters"].items())
    assert yaml.safe_load(dump(obj)) == obj  # a YAML 1.1 reader sees the same strings
    assert StorageClass(**sc.model_dump()) == sc


@given(
    volume_type=st.sampled_from(TYPES),
    limit_set=st.sampled_from(["current", "legacy"]),
    iops=st.none() | st.integers(-10, 300_000),
    throughput=st.none() | st.integers(-10, 3_000),
)
@settings(max_examples=400)
def test_validation_never_passes_values_outside_the_table(
    volume_type: str, limit_set: LimitSet, iops: int | None, throughput: int | None
) -> None:
    try:
        sc = StorageClass(name="x", type=volume_type, limits=limit_set, iops=iops, throughput=throughput)
    except BlueprintError:
        return
    lim = LIMIT_SETS[limit_set][volume_type]
    if sc.iops is not None:
        assert lim.iops is not None and lim.iops[0] <= sc.iops <= lim.iops[1]
    if sc.throughput is not None:
        assert lim.throughput_mibps is not None
        assert lim.throughput_mibps[0] <= sc.throughput <= lim.throughput_mibps[1]
        assert lim.mibps_per_iops_max is not None
        assert sc.throughput <= lim.mibps_per_iops_max * (sc.iops or 3000)


@given(
    volume_type=st.sampled_from(TYPES),
    limit_set=st.sampled_from(["current", "legacy"]),
    gib=st.integers(0, 70_000),
)
@settings(max_examples=300)
def test_sizes_outside_the_table_never_pass(volume_type: str, limit_set: LimitSet, gib: int) -> None:
    extra = (
        {"iops_per_gb": 1, "allow_auto_iops_per_gb_increase": True} if volume_type in ("io1", "io2") else {}
    )
    sc = StorageClass(name="x", type=volume_type, limits=limit_set, **extra)
    low, high = LIMIT_SETS[limit_set][volume_type].size_gib
    try:
        Volume(name="v", size=f"{gib}Gi", mount_path="/v", storage_class=sc)
    except BlueprintError:
        assert not low <= gib <= high
    else:
        assert low <= gib <= high

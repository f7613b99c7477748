"""StorageClass (EBS CSI): the seed's class, rendering, and every validation rule at its boundaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from hagen._errors import BlueprintError
from hagen._storage import LIMIT_SETS, LimitSet, StorageClass, limits_for

DATA = Path(__file__).parent / "data"
GP3 = limits_for("gp3")
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def seed_class() -> dict[str, Any]:
    target: dict[str, dict[str, Any]] = yaml.safe_load((DATA / "seed-target.yaml").read_text())
    return target["storageclass-gp3"]


def test_name_only_is_exactly_the_seed_class() -> None:
    assert StorageClass(name="gp3").to_object() == seed_class()


def test_object_keys_in_conventional_order() -> None:
    sc = StorageClass(
        name="fast", allow_volume_expansion=True, allowed_zones=("us-east-1a",), default_class=True
    )
    assert list(sc.to_object()) == [
        "apiVersion",
        "kind",
        "metadata",
        "provisioner",
        "parameters",
        "reclaimPolicy",
        "volumeBindingMode",
        "allowVolumeExpansion",
        "allowedTopologies",
    ]


def test_optional_blocks_render_when_set() -> None:
    obj = StorageClass(
        name="fast",
        allow_volume_expansion=False,
        allowed_zones=("us-east-1a", "us-east-1b"),
        default_class=True,
    ).to_object()
    assert obj["metadata"]["annotations"] == {"storageclass.kubernetes.io/is-default-class": "true"}
    assert obj["allowVolumeExpansion"] is False
    assert obj["allowedTopologies"] == [
        {
            "matchLabelExpressions": [
                {"key": "topology.ebs.csi.aws.com/zone", "values": ["us-east-1a", "us-east-1b"]}
            ]
        }
    ]


def test_parameters_are_strings_in_driver_spelling() -> None:
    sc = StorageClass(
        name="tuned",
        iops=6000,
        throughput=500,
        encrypted=True,
        kms_key_id=KEY_ARN,
        block_size=4096,
        ext4_bigalloc=True,
        ext4_cluster_size=16384,
        parameters={"ALLOWAUTOIOPSINCREASEONMODIFY": "true"},
    )
    params = sc.to_object()["parameters"]
    assert params["iops"] == "6000"
    assert params["throughput"] == "500"
    assert params["encrypted"] == "true"
    assert params["kmsKeyId"] == KEY_ARN
    assert params["ext4BigAlloc"] == "true"
    assert params["allowAutoIOPSIncreaseOnModify"] == "true"
    assert all(isinstance(v, str) for v in params.values())


def test_tags_become_numbered_specifications_sorted_by_key() -> None:
    sc = StorageClass(name="t", tags={"team": "ci", "app": "jenkins", "pvc": "{{ .PVCName }}"})
    params = sc.to_object()["parameters"]
    tags = {k: v for k, v in params.items() if k.startswith("tagSpecification_")}
    assert tags == {
        "tagSpecification_1": "app=jenkins",
        "tagSpecification_2": "pvc={{ .PVCName }}",
        "tagSpecification_3": "team=ci",
    }


def test_properties() -> None:
    sc = StorageClass(name="gp3")
    assert sc.provisioner == "ebs.csi.aws.com"
    assert sc.shared_access is False
    assert sc.access_modes == ("ReadWriteOnce",)


# --- performance: which types take what, ranges, ratios -------------------------------------------------


@pytest.mark.parametrize("volume_type", ["gp2", "st1", "sc1", "standard"])
@pytest.mark.parametrize("field", ["iops", "iops_per_gb", "throughput"])
def test_types_without_provisioned_performance_refuse_it(volume_type: str, field: str) -> None:
    with pytest.raises(BlueprintError, match=rf"{field}.*{volume_type} does not take {field}"):
        StorageClass(name="x", type=volume_type, **{field: 200})


@pytest.mark.parametrize("volume_type", ["io1", "io2"])
def test_io_types_refuse_throughput(volume_type: str) -> None:
    with pytest.raises(BlueprintError, match="does not take throughput"):
        StorageClass(name="x", type=volume_type, iops=1000, throughput=200)


def test_iops_with_iops_per_gb_refused() -> None:
    with pytest.raises(BlueprintError, match="not both"):
        StorageClass(name="x", iops=3000, iops_per_gb=10)


@pytest.mark.parametrize("limit_set", ["current", "legacy"])
@pytest.mark.parametrize("volume_type", ["gp3", "io1", "io2"])
def test_iops_range_boundaries(limit_set: LimitSet, volume_type: str) -> None:
    low, high = LIMIT_SETS[limit_set][volume_type].iops or (0, 0)
    for ok in (low, high):
        assert StorageClass(name="x", type=volume_type, iops=ok, limits=limit_set).iops == ok
    for bad in (low - 1, high + 1):
        with pytest.raises(BlueprintError, match=rf"{bad} is outside.*{low}\.\.{high}.*source: "):
            StorageClass(name="x", type=volume_type, iops=bad, limits=limit_set)


@pytest.mark.parametrize("volume_type", ["gp3", "io1", "io2"])
def test_iops_per_gb_boundaries(volume_type: str) -> None:
    most = limits_for(volume_type).iops_per_gib_max
    assert most is not None
    assert StorageClass(name="x", type=volume_type, iops_per_gb=most).iops_per_gb == most
    assert StorageClass(name="x", type=volume_type, iops_per_gb=1).iops_per_gb == 1
    for bad in (0, most + 1):
        with pytest.raises(BlueprintError, match=rf"iops_per_gb.*1\.\.{most}"):
            StorageClass(name="x", type=volume_type, iops_per_gb=bad)


def test_gp3_throughput_boundaries_follow_the_limit_set() -> None:
    sets: tuple[LimitSet, ...] = ("current", "legacy")
    for limit_set in sets:
        low, high = LIMIT_SETS[limit_set]["gp3"].throughput_mibps or (0, 0)
        iops = high * 4  # enough IOPS for the 0.25 MiB/s-per-IOPS ratio
        assert StorageClass(name="x", throughput=high, iops=iops, limits=limit_set).throughput == high
        assert StorageClass(name="x", throughput=low, limits=limit_set).throughput == low
        for bad in (low - 1, high + 1):
            with pytest.raises(BlueprintError, match=r"throughput.*outside"):
                StorageClass(name="x", throughput=bad, iops=16000, limits=limit_set)


def test_legacy_set_refuses_what_current_allows() -> None:
    StorageClass(name="x", iops=80_000)
    with pytest.raises(BlueprintError, match="legacy"):
        StorageClass(name="x", iops=80_000, limits="legacy")


@pytest.mark.parametrize(
    ("iops", "throughput", "ok"),
    [
        (None, 750, True),  # the 3,000 IOPS baseline allows 750 MiB/s
        (None, 751, False),
        (4000, 1000, True),
        (4000, 1001, False),
        (3000, 750, True),
        (3000, 751, False),
    ],
)
def test_gp3_at_most_quarter_mib_per_iops(iops: int | None, throughput: int, ok: bool) -> None:
    if ok:
        StorageClass(name="x", iops=iops, throughput=throughput)
    else:
        with pytest.raises(BlueprintError, match=r"0\.25 MiB/s per IOPS"):
            StorageClass(name="x", iops=iops, throughput=throughput)


@pytest.mark.parametrize("volume_type", ["io1", "io2"])
def test_io_types_need_provisioned_iops(volume_type: str) -> None:
    with pytest.raises(BlueprintError, match="needs provisioned IOPS"):
        StorageClass(name="x", type=volume_type)
    StorageClass(name="x", type=volume_type, iops_per_gb=10)


def test_auto_increase_needs_iops_per_gb() -> None:
    with pytest.raises(BlueprintError, match="only acts together with iops_per_gb"):
        StorageClass(name="x", allow_auto_iops_per_gb_increase=True)
    obj = StorageClass(name="x", type="io1", iops_per_gb=50, allow_auto_iops_per_gb_increase=True).to_object()
    assert obj["parameters"]["allowAutoIOPSPerGBIncrease"] == "true"


# --- encryption, formatting, tags, zones, names -------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "alias/aws/ebs",
        "arn:aws:kms:us-east-1:123456789012:alias/my-key",
        "arn:aws:kms:us-east-1:12345678901:key/abcd",
    ],
)
def test_kms_key_must_be_a_key_arn(key: str) -> None:
    with pytest.raises(BlueprintError, match="full ARN of a KMS key"):
        StorageClass(name="x", encrypted=True, kms_key_id=key)


@pytest.mark.parametrize("key", [KEY_ARN, "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd"])
def test_kms_key_arns_accepted(key: str) -> None:
    assert StorageClass(name="x", encrypted=True, kms_key_id=key).kms_key_id == key


@pytest.mark.parametrize("encrypted", [False, None])
def test_kms_key_needs_encryption(encrypted: bool | None) -> None:
    with pytest.raises(BlueprintError, match="needs encrypted=True"):
        StorageClass(name="x", encrypted=encrypted, kms_key_id=KEY_ARN)


@pytest.mark.parametrize(
    ("fs_type", "field", "ok"),
    [
        ("ext4", "bytes_per_inode", True),
        ("ext3", "number_of_inodes", True),
        ("xfs", "bytes_per_inode", False),
        ("xfs", "number_of_inodes", False),
        ("ext3", "ext4_bigalloc", False),
        ("xfs", "block_size", True),
        ("xfs", "inode_size", True),
    ],
)
def test_formatting_options_per_filesystem(fs_type: str, field: str, ok: bool) -> None:
    value: Any = True if field == "ext4_bigalloc" else 4096
    if ok:
        StorageClass(name="x", fs_type=fs_type, **{field: value})
    else:
        with pytest.raises(BlueprintError, match=f"{field} is a mkfs option"):
            StorageClass(name="x", fs_type=fs_type, **{field: value})


def test_cluster_size_needs_bigalloc() -> None:
    with pytest.raises(BlueprintError, match="needs ext4_bigalloc"):
        StorageClass(name="x", ext4_cluster_size=16384)


@pytest.mark.parametrize("key", ["", "a=b", "aws:created", "k" * 129])
def test_bad_tag_keys(key: str) -> None:
    with pytest.raises(BlueprintError, match="tag key"):
        StorageClass(name="x", tags={key: "v"})


def test_tag_key_length_boundary_and_long_value() -> None:
    StorageClass(name="x", tags={"k" * 128: "v" * 256})
    with pytest.raises(BlueprintError, match="too long"):
        StorageClass(name="x", tags={"k": "v" * 257})


@pytest.mark.parametrize("zones", [("us-east-1a", "us-east-1a"), ("useast1",), ("US-EAST-1A",)])
def test_bad_zones(zones: tuple[str, ...]) -> None:
    with pytest.raises(BlueprintError, match="allowed_zones"):
        StorageClass(name="x", allowed_zones=zones)


@pytest.mark.parametrize("name", ["Gp3", "gp3_", "-gp3", "a" * 254, "a..b", ""])
def test_bad_names(name: str) -> None:
    with pytest.raises(BlueprintError, match="DNS-1123 subdomain"):
        StorageClass(name=name)


@pytest.mark.parametrize("name", ["gp3", "ebs.gp3-fast", "a" * 63 + "." + "b" * 63])
def test_good_names(name: str) -> None:
    assert StorageClass(name=name).name == name


def test_literal_fields_are_pydantic_errors() -> None:
    with pytest.raises(BlueprintError):
        StorageClass(name="x", type="gp4")
    with pytest.raises(BlueprintError):
        StorageClass(name="x", unknown_field=1)  # type: ignore[call-arg]


def test_equal_classes_hash_equal_whatever_the_tag_order() -> None:
    a = StorageClass(name="x", tags={"a": "1", "b": "2"})
    b = StorageClass(name="x", tags={"b": "2", "a": "1"})
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, StorageClass(name="y")}) == 2


def test_model_is_frozen() -> None:
    sc = StorageClass(name="gp3")
    with pytest.raises(ValidationError):  # assignment, not construction
        sc.type = "gp2"  # type: ignore[misc]


# --- raw parameters -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("volumeInitialisationRate", "volumeInitializationRate"),
        ("allowAutoIopsIncreaseOnModfy", "allowAutoIOPSIncreaseOnModify"),
        ("fstype", "csi.storage.k8s.io/fstype"),
        ("CSI.storage.k8s.io/fstype", "csi.storage.k8s.io/fstype"),
    ],
)
def test_unknown_parameter_suggests_closest(key: str, suggestion: str) -> None:
    with pytest.raises(
        BlueprintError, match=f"unknown EBS CSI driver parameter.*did you mean '{suggestion}'"
    ):
        StorageClass(name="x", parameters={key: "1"})


@pytest.mark.parametrize(("key", "field"), [("IOPS", "iops"), ("Type", "type"), ("kmskeyid", "kms_key_id")])
def test_typed_parameters_must_use_their_field(key: str, field: str) -> None:
    with pytest.raises(BlueprintError, match=f"set `{field}=`"):
        StorageClass(name="x", parameters={key: "1"})


def test_tag_specifications_and_deprecated_keys_refused() -> None:
    with pytest.raises(BlueprintError, match="`tags` field"):
        StorageClass(name="x", parameters={"tagSpecification_1": "a=b"})
    with pytest.raises(BlueprintError, match="deprecated"):
        StorageClass(name="x", parameters={"blockExpress": "true"})

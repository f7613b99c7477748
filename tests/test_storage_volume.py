"""Volume: sizes against the type's range, IOPS against size, access modes, and the wired pieces."""

from __future__ import annotations

import pytest

from hagen._errors import BlueprintError
from hagen._storage import EfsStorageClass, LimitSet, StorageClass, Volume, limits_for, plan_storage

GP3 = StorageClass(name="gp3")
EFS = EfsStorageClass(name="efs", file_system_id="fs-0123abcd")


def vol(size: str, sc: StorageClass | EfsStorageClass = GP3, **kw: object) -> Volume:
    return Volume(name="data", size=size, mount_path="/data", storage_class=sc, **kw)


@pytest.mark.parametrize("volume_type", ["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"])
@pytest.mark.parametrize("limit_set", ["current", "legacy"])
def test_size_range_boundaries(volume_type: str, limit_set: LimitSet) -> None:
    extra = (
        {"iops_per_gb": 50, "allow_auto_iops_per_gb_increase": True} if volume_type in ("io1", "io2") else {}
    )
    sc = StorageClass(name="c", type=volume_type, limits=limit_set, **extra)
    low, high = limits_for(volume_type, limit_set).size_gib
    vol(f"{low}Gi", sc)
    vol(f"{high}Gi", sc)
    with pytest.raises(BlueprintError, match=rf"outside the {volume_type} size range.*{low}\.\.{high} GiB"):
        vol(f"{high + 1}Gi", sc)
    if low > 1:
        with pytest.raises(BlueprintError, match="size range"):
            vol(f"{low - 1}Gi", sc)


def test_size_rounds_up_to_whole_gib_like_the_driver() -> None:
    st1 = StorageClass(name="st1", type="st1")
    with pytest.raises(BlueprintError, match="124Gi"):
        vol("124Gi", st1)
    vol(f"{124 * 2**30 + 1}", st1)  # one byte over 124 GiB is provisioned as 125 GiB
    vol("125Gi", st1)


@pytest.mark.parametrize("size", ["10GB ", "ten", "10 Gi", "1Gib", "", "-5Gi", "0"])
def test_bad_sizes(size: str) -> None:
    with pytest.raises(BlueprintError, match="size") as caught:
        vol(size)
    assert caught.value.value == size  # every refusal names the value, as Tier's errors do


@pytest.mark.parametrize("size", ["20Gi", "1Ti", "21474836480", "20G", "1.5Gi", "2e10"])
def test_quantity_forms(size: str) -> None:
    assert vol(size).claim_spec()["resources"]["requests"]["storage"] == size


def test_shared_on_ebs_explains_multi_attach() -> None:
    with pytest.raises(BlueprintError, match=r"one node at a time.*Multi-Attach error for volume"):
        vol("10Gi", access="shared")


def test_shared_on_efs_is_read_write_many() -> None:
    v = vol("5Gi", EFS, access="shared")
    assert v.claim_spec() == {
        "accessModes": ["ReadWriteMany"],
        "resources": {"requests": {"storage": "5Gi"}},
        "storageClassName": "efs",
    }


def test_explicit_iops_need_enough_size() -> None:
    sc = StorageClass(name="c", iops=10_000)  # 500 IOPS per GiB: needs 20 GiB
    vol("20Gi", sc)
    with pytest.raises(BlueprintError, match="use at least 20 GiB"):
        vol("19Gi", sc)
    vol("1Gi", StorageClass(name="base", iops=3000))  # the baseline is allowed at any size


def test_io1_ratio_on_small_volume() -> None:
    sc = StorageClass(name="c", type="io1", iops=1000)  # 50 IOPS per GiB: needs 20 GiB
    vol("20Gi", sc)
    with pytest.raises(BlueprintError, match="50 IOPS per GiB"):
        vol("19Gi", sc)


def test_iops_per_gb_below_minimum_needs_auto_increase() -> None:
    sc = StorageClass(name="c", iops_per_gb=100)  # 30 GiB x 100 = 3000, the gp3 minimum
    vol("30Gi", sc)
    with pytest.raises(BlueprintError, match="allow_auto_iops_per_gb_increase"):
        vol("29Gi", sc)
    vol("29Gi", StorageClass(name="c", iops_per_gb=100, allow_auto_iops_per_gb_increase=True))


def test_throughput_with_iops_per_gb_checked_at_volume_size() -> None:
    sc = StorageClass(name="c", iops_per_gb=100, throughput=1000)  # needs 4000 IOPS: 40 GiB
    vol("40Gi", sc)
    with pytest.raises(BlueprintError, match=r"0\.25 MiB/s per IOPS"):
        vol("39Gi", sc)


def test_names_and_paths() -> None:
    with pytest.raises(BlueprintError, match="DNS-1123 label"):
        Volume(name="Data", size="1Gi", mount_path="/d", storage_class=GP3)
    with pytest.raises(BlueprintError, match="absolute path"):
        Volume(name="data", size="1Gi", mount_path="var/data", storage_class=GP3)
    with pytest.raises(BlueprintError, match="absolute path"):
        Volume(name="data", size="1Gi", mount_path="/var/../etc", storage_class=GP3)


def test_pieces_share_name_class_and_size() -> None:
    v = Volume(name="home", size="20Gi", mount_path="/var/jenkins_home", storage_class=GP3, read_only=True)
    assert v.claim_template() == {"metadata": {"name": "home"}, "spec": v.claim_spec()}
    assert v.volume_mount() == {"name": "home", "mountPath": "/var/jenkins_home", "readOnly": True}
    assert v.pod_volume("jenkins-home") == {
        "name": "home",
        "persistentVolumeClaim": {"claimName": "jenkins-home"},
    }
    claim = v.claim("jenkins-home", "ci")
    assert claim["kind"] == "PersistentVolumeClaim"
    assert claim["metadata"] == {"name": "jenkins-home", "namespace": "ci"}
    assert claim["spec"]["storageClassName"] == "gp3"
    assert "readOnly" not in vol("1Gi").volume_mount()


def test_plan_per_replica_many_replicas_is_statefulset() -> None:
    own, shared = (
        vol("10Gi"),
        Volume(name="cache", size="1Gi", mount_path="/c", storage_class=EFS, access="shared"),
    )
    plan = plan_storage([own, shared], replicas=3)
    assert (plan.kind, plan.templates, plan.claims, plan.headless_service) == (
        "StatefulSet",
        (own,),
        (shared,),
        True,
    )
    assert plan.strategy is None


def test_plan_one_replica_is_recreate_deployment() -> None:
    own = vol("10Gi")
    plan = plan_storage([own], replicas=1)
    assert (plan.kind, plan.claims, plan.strategy, plan.headless_service) == (
        "Deployment",
        (own,),
        "Recreate",
        False,
    )


def test_plan_shared_only_is_plain_deployment() -> None:
    shared = vol("1Gi", EFS, access="shared")
    plan = plan_storage([shared], replicas=4)
    assert (plan.kind, plan.claims, plan.strategy) == ("Deployment", (shared,), None)


def test_plan_refuses_duplicate_names_and_paths() -> None:
    with pytest.raises(BlueprintError, match="share a name"):
        plan_storage([vol("1Gi"), vol("2Gi")], replicas=1)
    other = Volume(name="other", size="1Gi", mount_path="/data", storage_class=GP3)
    with pytest.raises(BlueprintError, match="share a mount path"):
        plan_storage([vol("1Gi"), other], replicas=1)

"""CsiDriver declarations, the eksctl ClusterConfig fragment, and the storage findings."""

from __future__ import annotations

import pytest
import yaml

from hagen._errors import BlueprintError
from hagen._finding import Finding
from hagen._storage import (
    CsiDriver,
    EfsStorageClass,
    EksCluster,
    StorageClass,
    Volume,
    cluster_fragment,
    storage_findings,
)

GP3 = StorageClass(name="gp3")
GP2 = StorageClass(name="gp2", type="gp2")
EFS = EfsStorageClass(name="efs", file_system_id="fs-0123abcd")
ROLE = "arn:aws:iam::123456789012:role/AmazonEKS_EBS_CSI_DriverRole"
EKS = EksCluster(name="finalproject", region="ap-northeast-2")


def test_fragment_installs_ebs_driver_with_well_known_policy() -> None:
    fragment = cluster_fragment([GP3], [CsiDriver()], EKS)
    assert fragment == {
        "apiVersion": "eksctl.io/v1alpha5",
        "kind": "ClusterConfig",
        "metadata": {"name": "finalproject", "region": "ap-northeast-2"},
        "iam": {"withOIDC": True},
        "addons": [
            {
                "name": "aws-ebs-csi-driver",
                "version": "latest",
                "wellKnownPolicies": {"ebsCSIController": True},
            }
        ],
    }
    assert yaml.safe_load(yaml.safe_dump(fragment)) == fragment


def test_fragment_without_cluster_is_refused() -> None:
    # eksctl's ClusterConfig requires metadata.name and metadata.region ("metadata must be set")
    with pytest.raises(BlueprintError) as caught:
        cluster_fragment([GP3], [CsiDriver()])
    message = str(caught.value)
    assert message.startswith(
        "eks: the eksctl fragment installing aws-ebs-csi-driver needs the cluster's name"
    )
    assert "hagen.EksCluster(name=..., region=...)" in message
    assert cluster_fragment([GP3], [CsiDriver(installed=True, well_known_policy=True)]) is None


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("name", "9lives", "a letter, then letters, digits and '-'"),
        ("name", "my_cluster", "a letter, then letters, digits and '-'"),
        ("name", "a" * 101, "at most 100 characters"),
        ("region", "Seoul", "a region code such as us-east-1"),
        ("region", "ap-northeast", "a region code such as us-east-1"),
    ],
)
def test_eks_cluster_refuses_what_eksctl_refuses(field: str, value: str, allowed: str) -> None:
    good = {"name": "finalproject", "region": "ap-northeast-2"}
    with pytest.raises(BlueprintError) as caught:
        EksCluster(**{**good, field: value})
    assert f"EksCluster: {field}" in str(caught.value)
    assert allowed in str(caught.value)


@pytest.mark.parametrize(
    "region", ["us-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-4", "us-isob-east-1"]
)
def test_eks_cluster_accepts_region_codes(region: str) -> None:
    assert EksCluster(name="a-1", region=region).metadata() == {"name": "a-1", "region": region}


def test_fragment_with_role_arn_and_both_drivers_sorted() -> None:
    drivers = [
        CsiDriver(addon="aws-efs-csi-driver", version="v2.1.0-eksbuild.1"),
        CsiDriver(service_account_role_arn=ROLE),
    ]
    fragment = cluster_fragment([EFS, GP3], drivers, EKS)
    assert fragment is not None
    assert fragment["addons"] == [
        {"name": "aws-ebs-csi-driver", "version": "latest", "serviceAccountRoleARN": ROLE},
        {
            "name": "aws-efs-csi-driver",
            "version": "v2.1.0-eksbuild.1",
            "wellKnownPolicies": {"efsCSIController": True},
        },
    ]


def test_fragment_with_attached_policies() -> None:
    policy = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
    fragment = cluster_fragment([GP3], [CsiDriver(attach_policy_arns=(policy,))], EKS)
    assert fragment is not None
    assert fragment["addons"][0]["attachPolicyARNs"] == [policy]


def test_nothing_to_install() -> None:
    assert cluster_fragment([GP3], [CsiDriver(installed=True, service_account_role_arn=ROLE)]) is None
    assert cluster_fragment([GP3], []) is None
    assert cluster_fragment([], [CsiDriver()]) is None  # no class needs the driver


def test_at_most_one_iam_source() -> None:
    with pytest.raises(BlueprintError, match="at most one IAM source"):
        CsiDriver(well_known_policy=True, service_account_role_arn=ROLE)


def test_installed_needs_its_role() -> None:
    with pytest.raises(BlueprintError, match="records the IAM role"):
        CsiDriver(installed=True)
    assert CsiDriver(installed=True, well_known_policy=True).installed


@pytest.mark.parametrize("arn", ["arn:aws:iam::123:role/x", "role/x", "arn:aws:iam::123456789012:policy/x"])
def test_bad_role_arn(arn: str) -> None:
    with pytest.raises(BlueprintError, match="not an IAM role ARN"):
        CsiDriver(service_account_role_arn=arn)


def test_bad_policy_arn() -> None:
    with pytest.raises(BlueprintError, match="not an IAM policy ARN"):
        CsiDriver(attach_policy_arns=("AmazonEBSCSIDriverPolicy",))


def test_driver_declared_twice() -> None:
    with pytest.raises(BlueprintError, match="declared twice"):
        cluster_fragment([GP3], [CsiDriver(), CsiDriver(installed=True, well_known_policy=True)])


# --- findings -----------------------------------------------------------------------------------------------


def ids(findings: list[Finding]) -> list[str]:
    return [f.id for f in findings]


def test_driver_missing_finding_says_pending_and_fix() -> None:
    [finding] = storage_findings([GP3], blueprint="Seed")
    assert finding.id == "storage.csi-driver-missing"
    assert finding.severity == "error"
    assert "Pending" in finding.message
    assert "CsiDriver(addon='aws-ebs-csi-driver')" in finding.fix
    assert finding.blueprint == "Seed"
    assert finding.object_id == "storage.k8s.io.StorageClass._.gp3"


@pytest.mark.parametrize("driver", [CsiDriver(), CsiDriver(installed=True, service_account_role_arn=ROLE)])
def test_declared_driver_silences_finding(driver: CsiDriver) -> None:
    assert storage_findings([GP3], drivers=[driver]) == []


def test_efs_driver_missing_separately() -> None:
    found = storage_findings([GP3, EFS], drivers=[CsiDriver()])
    assert ids(found) == ["storage.csi-driver-missing"]
    assert "aws-efs-csi-driver" in found[0].message


def test_per_replica_volume_on_efs_is_a_finding() -> None:
    home = Volume(name="home", size="8Gi", mount_path="/var/jenkins_home", storage_class=EFS)
    found = storage_findings([EFS], [("jenkins", home)], [CsiDriver(addon="aws-efs-csi-driver")])
    assert ids(found) == ["storage.rwo-data-on-efs"]
    assert found[0].tier == "jenkins"
    assert "uid" in found[0].message


def test_shared_volume_on_efs_is_fine() -> None:
    shared = Volume(name="web", size="1Gi", mount_path="/srv", storage_class=EFS, access="shared")
    assert storage_findings([EFS], [("web", shared)], [CsiDriver(addon="aws-efs-csi-driver")]) == []


def test_chart_claim_on_efs_is_a_finding() -> None:
    found = storage_findings(
        [EFS],
        claims=[("release jenkins: persistence", "efs")],
        drivers=[CsiDriver(addon="aws-efs-csi-driver")],
    )
    assert ids(found) == ["storage.rwo-data-on-efs"]
    assert found[0].message.startswith("release jenkins")


def test_gp2_finding_and_multiple_defaults() -> None:
    classes = [GP2, StorageClass(name="a", default_class=True), StorageClass(name="b", default_class=True)]
    found = storage_findings(classes, drivers=[CsiDriver()])
    assert sorted(ids(found)) == ["storage.gp2-over-gp3", "storage.multiple-default-classes"]

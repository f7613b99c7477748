"""Storage rules: the seed's missing CSI driver, Multi-Attach, Jenkins home on EFS, gp2."""

from __future__ import annotations

from typing import Any

import pytest

from hagen._check import check

from ._check_objects import deployment, eksctl, mounting, pvc, storage_class


def ids(objects: list[dict[str, Any]]) -> list[str]:
    return [f.id for f in check(objects).findings]


@pytest.mark.parametrize(
    ("provisioner", "addon"),
    [
        ("ebs.csi.aws.com", "aws-ebs-csi-driver"),
        ("kubernetes.io/aws-ebs", "aws-ebs-csi-driver"),
        ("efs.csi.aws.com", "aws-efs-csi-driver"),
    ],
)
def test_csi_driver_missing_until_emitted(provisioner: str, addon: str) -> None:
    sc = (
        storage_class("data", provisioner, type="gp3")
        if "ebs" in provisioner
        else storage_class("data", provisioner)
    )
    findings = [f for f in check([sc]).findings if f.id == "storage.csi-driver-missing"]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert addon in findings[0].message and "Pending" in findings[0].message
    assert not [f for f in check([sc, eksctl(addon)]).findings if f.id == "storage.csi-driver-missing"]


def test_the_other_driver_does_not_count() -> None:
    assert "storage.csi-driver-missing" in ids(
        [storage_class("gp3", type="gp3"), eksctl("aws-efs-csi-driver")]
    )


def test_a_csidriver_object_counts_as_installed() -> None:
    driver = {"apiVersion": "storage.k8s.io/v1", "kind": "CSIDriver", "metadata": {"name": "ebs.csi.aws.com"}}
    driver["spec"] = {}
    assert ids([storage_class("gp3"), driver]) == []


def test_other_provisioners_need_no_addon() -> None:
    assert ids([storage_class("local", "kubernetes.io/no-provisioner")]) == []


class _Spec:
    name = "shop"
    tiers = ()
    cluster = None

    def __init__(self, **attrs: Any) -> None:
        self.__dict__.update(attrs)


class _Synthesis:
    def __init__(self, objects: list[dict[str, Any]], extras: dict[str, Any], spec: _Spec) -> None:
        self.objects, self.extras, self.blueprint, self.values = objects, extras, spec, {}


class _Driver:
    def __init__(self, addon: str, installed: bool) -> None:
        self.addon, self.installed = addon, installed


@pytest.mark.parametrize(
    ("extras", "spec", "missing"),
    [
        ({}, _Spec(), True),
        ({"cluster/eksctl-addons.yaml": eksctl("aws-ebs-csi-driver")}, _Spec(), False),
        ({}, _Spec(csi_drivers=(_Driver("aws-ebs-csi-driver", True),)), False),
        ({}, _Spec(csi_drivers=(_Driver("aws-ebs-csi-driver", False),)), True),
    ],
)
def test_driver_presence_in_a_synthesis(extras: dict[str, Any], spec: _Spec, missing: bool) -> None:
    result = check(_Synthesis([storage_class("gp3")], extras, spec))
    assert ("storage.csi-driver-missing" in [f.id for f in result.findings]) is missing


def _with_driver(*objects: dict[str, Any]) -> list[dict[str, Any]]:
    return [storage_class("gp3", type="gp3"), eksctl("aws-ebs-csi-driver"), *objects]


@pytest.mark.parametrize("replicas", [2, 5])
def test_rwo_volume_shared_by_replicas(replicas: int) -> None:
    objects = _with_driver(pvc("data", "gp3"), mounting(deployment("api", replicas=replicas), "data"))
    findings = [f for f in check(objects).findings if f.id == "storage.rwo-shared-by-replicas"]
    assert len(findings) == 1
    assert findings[0].tier == "api" and f"{replicas} replicas" in findings[0].message


def test_rwx_volume_may_be_shared() -> None:
    objects = _with_driver(
        pvc("data", "gp3", ("ReadWriteMany",)), mounting(deployment("api", replicas=3), "data")
    )
    assert ids(objects) == []


def test_two_workloads_on_one_rwo_claim() -> None:
    objects = _with_driver(
        pvc("data", "gp3"),
        mounting(deployment("a", replicas=1, strategy={"type": "Recreate"}), "data"),
        mounting(deployment("b", replicas=1, strategy={"type": "Recreate"}), "data"),
    )
    assert ids(objects) == ["storage.rwo-shared-by-replicas"]


def test_pods_pinned_to_one_node_may_share_rwo() -> None:
    self_affinity = {
        "affinity": {
            "podAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": [
                    {
                        "labelSelector": {"matchLabels": {"tier": "api"}},
                        "topologyKey": "kubernetes.io/hostname",
                    }
                ]
            }
        }
    }
    objects = _with_driver(
        pvc("data", "gp3"), mounting(deployment("api", replicas=3, pod=self_affinity), "data")
    )
    assert "storage.rwo-shared-by-replicas" not in ids(objects)


def test_one_replica_rwo_needs_recreate() -> None:
    rolling = _with_driver(pvc("data", "gp3"), mounting(deployment("db", replicas=1), "data"))
    assert ids(rolling) == ["storage.rwo-rolling-update"]
    recreate = _with_driver(
        pvc("data", "gp3"), mounting(deployment("db", replicas=1, strategy={"type": "Recreate"}), "data")
    )
    assert ids(recreate) == []


def test_claims_in_another_namespace_do_not_match() -> None:
    objects = _with_driver(
        pvc("data", "gp3", namespace="other"), mounting(deployment("api", replicas=3), "data")
    )
    assert ids(objects) == []


def _efs() -> list[dict[str, Any]]:
    return [storage_class("efs", "efs.csi.aws.com", provisioningMode="efs-ap"), eksctl("aws-efs-csi-driver")]


def test_jenkins_home_on_efs() -> None:
    jenkins = mounting(deployment("jenkins", replicas=1, strategy={"type": "Recreate"}), "jenkins-home")
    findings = check([*_efs(), pvc("jenkins-home", "efs"), jenkins]).findings
    assert [f.id for f in findings] == ["storage.rwo-data-on-efs"]
    assert "jenkins" in findings[0].message


def test_rwx_on_efs_is_what_efs_is_for() -> None:
    assert ids([*_efs(), pvc("shared", "efs", ("ReadWriteMany",))]) == []


def test_statefulset_templates_and_default_class_on_efs() -> None:
    default_efs = storage_class("efs", "efs.csi.aws.com")
    default_efs["metadata"]["annotations"] = {"storageclass.kubernetes.io/is-default-class": "true"}
    sts = deployment("postgres", replicas=1, kind="StatefulSet")
    sts["spec"]["volumeClaimTemplates"] = [pvc("data", None)]
    found = ids([default_efs, eksctl("aws-efs-csi-driver"), sts])
    assert found == ["storage.rwo-data-on-efs"]


def test_helm_values_on_efs() -> None:
    synthesis = _Synthesis(_efs(), {}, _Spec())
    synthesis.values = {"jenkins": {"persistence": {"storageClass": "efs", "size": "8Gi"}}}
    [finding] = check(synthesis).findings
    assert finding.id == "storage.rwo-data-on-efs" and "persistence.storageClass" in finding.message


@pytest.mark.parametrize(
    ("provisioner", "params", "gp2"),
    [
        ("ebs.csi.aws.com", {"type": "gp2"}, True),
        ("ebs.csi.aws.com", {"Type": "GP2"}, True),
        ("ebs.csi.aws.com", {}, False),
        ("kubernetes.io/aws-ebs", {}, True),
        ("ebs.csi.aws.com", {"type": "gp3"}, False),
    ],
)
def test_gp2_over_gp3(provisioner: str, params: dict[str, str], gp2: bool) -> None:
    objects = [storage_class("data", provisioner, **params), eksctl("aws-ebs-csi-driver")]
    assert ("storage.gp2-over-gp3" in ids(objects)) is gp2


def test_claims_of_the_eks_gp2_class() -> None:
    assert ids([pvc("data", "gp2")]) == ["storage.gp2-over-gp3"]


def test_several_default_classes() -> None:
    a, b = storage_class("a", "x.example.com"), storage_class("b", "x.example.com")
    for sc in (a, b):
        sc["metadata"]["annotations"] = {"storageclass.kubernetes.io/is-default-class": "true"}
    assert ids([a, b]) == ["storage.multiple-default-classes"]


def test_addons_are_found_in_documents_lists_mappings_and_list_items_only() -> None:
    from hagen._check._storage_model import addons_in

    config = {"apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig", "addons": [{"name": "a"}]}
    other = {**config, "addons": [{"name": "b"}]}
    listed = {"apiVersion": "v1", "kind": "List", "items": [other]}
    # A field of another object is not a document: it is not searched.
    inside = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"c": {**config}}}
    assert addons_in([{"cluster/eksctl.yaml": [config]}, listed, inside]) == {"a", "b"}
    assert addons_in([inside]) == set()

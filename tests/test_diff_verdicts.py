"""Verdicts: every immutable field and the resize rules, each with the API server's own message."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from hagen._diff import RULES, diff_trees, rules_markdown, tree_from_documents
from hagen._diff._rules_immutable import GROW_MESSAGE, SHRINK_MESSAGE

API = {
    "Deployment": "apps/v1",
    "DaemonSet": "apps/v1",
    "ReplicaSet": "apps/v1",
    "StatefulSet": "apps/v1",
    "Job": "batch/v1",
    "PersistentVolumeClaim": "v1",
    "Service": "v1",
    "StorageClass": "storage.k8s.io/v1",
    "ConfigMap": "v1",
    "Secret": "v1",
}
STS = (
    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
)
PVC = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound"
IMMUTABLE = "field is immutable"


def doc(kind: str, name: str = "x", **top: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if kind != "StorageClass":
        meta["namespace"] = "shop"
    return {"apiVersion": API[kind], "kind": kind, "metadata": meta, **copy.deepcopy(top)}


def verdicts(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, Any]:
    result = diff_trees(tree_from_documents({"o.yaml": old}, "a"), tree_from_documents({"o.yaml": new}, "b"))
    return {obj.object_id.rsplit(".", 1)[-1]: obj.verdict for obj in result.objects}


SELECTOR = {"matchLabels": {"app": "web"}}
NEW_SELECTOR = {"matchLabels": {"app": "web2"}}

# (kind, extra fields of the old object, the same for the new one, the API server's words, the field)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, str]] = [
    (
        "Deployment",
        {"spec": {"selector": SELECTOR}},
        {"spec": {"selector": NEW_SELECTOR}},
        IMMUTABLE,
        "spec.selector",
    ),
    (
        "DaemonSet",
        {"spec": {"selector": SELECTOR}},
        {"spec": {"selector": NEW_SELECTOR}},
        IMMUTABLE,
        "spec.selector",
    ),
    (
        "ReplicaSet",
        {"spec": {"selector": SELECTOR}},
        {"spec": {"selector": NEW_SELECTOR}},
        IMMUTABLE,
        "spec.selector",
    ),
    (
        "StatefulSet",
        {"spec": {"selector": SELECTOR}},
        {"spec": {"selector": NEW_SELECTOR}},
        STS,
        "spec.selector",
    ),
    (
        "StatefulSet",
        {"spec": {"serviceName": "db"}},
        {"spec": {"serviceName": "db2"}},
        STS,
        "spec.serviceName",
    ),
    (
        "StatefulSet",
        {"spec": {"podManagementPolicy": "OrderedReady"}},
        {"spec": {"podManagementPolicy": "Parallel"}},
        STS,
        "spec.podManagementPolicy",
    ),
    (
        "StatefulSet",
        {
            "spec": {
                "volumeClaimTemplates": [
                    {"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"]}}
                ]
            }
        },
        {
            "spec": {
                "volumeClaimTemplates": [
                    {"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteMany"]}}
                ]
            }
        },
        STS,
        "spec.volumeClaimTemplates",
    ),
    (
        "StatefulSet",
        {"spec": {"revisionHistoryLimit": 10}},
        {"spec": {"revisionHistoryLimit": 3}},
        STS,
        "spec.revisionHistoryLimit",
    ),
    (
        "Job",
        {"spec": {"selector": SELECTOR}},
        {"spec": {"selector": NEW_SELECTOR}},
        IMMUTABLE,
        "spec.selector",
    ),
    (
        "Job",
        {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1"}]}}}},
        {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:2"}]}}}},
        IMMUTABLE,
        "spec.template",
    ),
    (
        "PersistentVolumeClaim",
        {"spec": {"storageClassName": "gp2"}},
        {"spec": {"storageClassName": "gp3"}},
        PVC,
        "spec.storageClassName",
    ),
    (
        "PersistentVolumeClaim",
        {"spec": {"accessModes": ["ReadWriteOnce"]}},
        {"spec": {"accessModes": ["ReadWriteMany"]}},
        PVC,
        "spec.accessModes",
    ),
    (
        "PersistentVolumeClaim",
        {"spec": {"volumeMode": "Filesystem"}},
        {"spec": {"volumeMode": "Block"}},
        PVC,
        "spec.volumeMode",
    ),
    (
        "Service",
        {"spec": {"clusterIP": "10.0.0.9"}},
        {"spec": {"clusterIP": "None"}},
        "may not change once set",
        "spec.clusterIP",
    ),
    ("Service", {"spec": {}}, {"spec": {"clusterIP": "None"}}, "may not change once set", "spec.clusterIP"),
    (
        "Service",
        {"spec": {"type": "LoadBalancer"}},
        {"spec": {"type": "LoadBalancer", "loadBalancerClass": "service.k8s.aws/nlb"}},
        "spec.loadBalancerClass: Invalid value: ...: may not change once set",
        "spec.loadBalancerClass",
    ),
    (
        "StorageClass",
        {"provisioner": "kubernetes.io/aws-ebs"},
        {"provisioner": "ebs.csi.aws.com"},
        "updates to provisioner are forbidden.",
        "provisioner",
    ),
    (
        "StorageClass",
        {"parameters": {"type": "gp2"}},
        {"parameters": {"type": "gp3"}},
        "updates to parameters are forbidden.",
        "parameters",
    ),
    (
        "StorageClass",
        {"reclaimPolicy": "Delete"},
        {"reclaimPolicy": "Retain"},
        "updates to reclaimPolicy are forbidden.",
        "reclaimPolicy",
    ),
    (
        "StorageClass",
        {"volumeBindingMode": "Immediate"},
        {"volumeBindingMode": "WaitForFirstConsumer"},
        IMMUTABLE,
        "volumeBindingMode",
    ),
    (
        "ConfigMap",
        {"immutable": True, "data": {"a": "1"}},
        {"immutable": True, "data": {"a": "2"}},
        "field is immutable when `immutable` is set",
        "data",
    ),
    (
        "ConfigMap",
        {"immutable": True, "binaryData": {"a": "AA=="}},
        {"immutable": True, "binaryData": {"a": "AQ=="}},
        "when `immutable` is set",
        "binaryData",
    ),
    ("ConfigMap", {"immutable": True}, {"immutable": False}, "when `immutable` is set", "immutable"),
    (
        "Secret",
        {"immutable": True, "data": {"a": "MQ=="}},
        {"immutable": True, "data": {"a": "Mg=="}},
        "when `immutable` is set",
        "data",
    ),
    (
        "Secret",
        {"immutable": True, "stringData": {"a": "1"}},
        {"immutable": True, "stringData": {"a": "2"}},
        "when `immutable` is set",
        "stringData",
    ),
    ("Secret", {"immutable": True}, {"immutable": False}, "when `immutable` is set", "immutable"),
]


@pytest.mark.parametrize(
    ("kind", "old", "new", "message", "field"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_an_immutable_field_change_is_refused_with_the_servers_words(
    kind: str, old: dict[str, Any], new: dict[str, Any], message: str, field: str
) -> None:
    verdict = verdicts([doc(kind, **old)], [doc(kind, **new)])["x"]
    assert verdict.name == "refused"
    refusal = verdict.refusals[0]
    assert refusal.field.startswith(field)
    assert message in refusal.message
    assert refusal.source.startswith(("pkg/apis/", "pkg/registry/"))
    assert refusal.way_out


def test_every_rule_in_the_table_has_a_case() -> None:
    covered = {(kind, field) for kind, _, _, _, field in CASES}
    missing = [
        (r.kind, r.field)
        for r in RULES
        if (r.kind, r.field) not in covered
        and not (
            r.kind == "PersistentVolumeClaim"
            and r.field.split(".")[1] in ("volumeName", "selector", "dataSource")
        )
        and not (r.kind == "Service" and r.field == "spec.clusterIPs")
        and not (r.kind == "StatefulSet" and r.field == "spec")
    ]
    assert missing == []


def test_the_way_out_names_the_object_and_orphans_a_statefulset() -> None:
    old = doc("StatefulSet", "db", spec={"serviceName": "db"})
    new = doc("StatefulSet", "db", spec={"serviceName": "db-headless"})
    way_out = verdicts([old], [new])["db"].refusals[0].way_out
    assert way_out.startswith("`kubectl delete statefulset db --cascade=orphan`, then apply")


def test_the_same_fields_mutable_when_not_immutable() -> None:
    assert (
        verdicts([doc("ConfigMap", data={"a": "1"})], [doc("ConfigMap", data={"a": "2"})])["x"].name
        == "in place"
    )
    removed_ip = verdicts([doc("Service", spec={"clusterIP": "None"})], [doc("Service", spec={})])["x"]
    assert removed_ip.name == "in place"  # the API server keeps the allocated address


def test_a_load_balancer_class_may_be_set_when_the_service_becomes_a_load_balancer() -> None:
    became = verdicts(
        [doc("Service", spec={"type": "ClusterIP"})],
        [doc("Service", spec={"type": "LoadBalancer", "loadBalancerClass": "service.k8s.aws/nlb"})],
    )["x"]
    assert (became.name, became.refusals) == ("in place", ())
    switched = verdicts(
        [doc("Service", spec={"type": "LoadBalancer", "loadBalancerClass": "service.k8s.aws/nlb"})],
        [doc("Service", spec={"type": "LoadBalancer"})],
    )["x"]
    assert switched.name == "refused"
    assert switched.refusals[0].way_out.startswith("delete the Service and apply")


def claim(size: str, cls: str | None = "gp3") -> dict[str, Any]:
    spec: dict[str, Any] = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": size}}}
    if cls:
        spec["storageClassName"] = cls
    return doc("PersistentVolumeClaim", "data", spec=spec)


def storage_class(expand: bool | None) -> dict[str, Any]:
    extra = {} if expand is None else {"allowVolumeExpansion": expand}
    return doc("StorageClass", "gp3", provisioner="ebs.csi.aws.com", **extra)


@pytest.mark.parametrize(
    ("old", "new", "expand", "verdict", "message"),
    [
        ("10Gi", "20Gi", True, "in place", None),
        ("10Gi", "20Gi", False, "refused", GROW_MESSAGE),
        ("10Gi", "20Gi", None, "refused", GROW_MESSAGE),
        ("20Gi", "10Gi", True, "refused", SHRINK_MESSAGE),
        ("20Gi", "10Gi", False, "refused", SHRINK_MESSAGE),
        ("10Gi", "10240Mi", False, "in place", None),  # the same quantity written otherwise
    ],
)
def test_claim_resize_rules(
    old: str, new: str, expand: bool | None, verdict: str, message: str | None
) -> None:
    sc = storage_class(expand)
    got = verdicts([sc, claim(old)], [sc, claim(new)]).get("data")
    if got is None:  # equal quantities may compare equal before verdicts
        assert verdict == "in place"
        return
    assert got.name == verdict
    if message:
        assert got.refusals[0].message.endswith(message)
        assert got.refusals[0].field == "spec.resources.requests.storage"


def test_a_grow_whose_class_is_not_in_the_tree_is_refused_and_says_why() -> None:
    got = verdicts([claim("1Gi", "fast")], [claim("2Gi", "fast")])["data"]
    assert (got.name, got.notes) == (
        "refused",
        ("StorageClass fast is not in this tree: hagen cannot see whether it may grow",),
    )


def test_pod_template_change_is_a_rollout_naming_the_workload() -> None:
    def dep(image: str) -> dict[str, Any]:
        return doc(
            "Deployment", "web", spec={"template": {"spec": {"containers": [{"name": "a", "image": image}]}}}
        )

    got = verdicts([dep("a:1")], [dep("a:2")])["web"]
    assert (got.name, got.restarts) == ("rollout", ("Deployment/shop/web",))


def test_a_renamed_statefulset_is_recreated_and_names_its_claims() -> None:
    def sts(name: str) -> dict[str, Any]:
        return doc(
            "StatefulSet",
            name,
            spec={"replicas": 3, "volumeClaimTemplates": [{"metadata": {"name": "data"}}]},
        )

    result = diff_trees(
        tree_from_documents({"o.yaml": [sts("db")]}, "a"), tree_from_documents({"o.yaml": [sts("db2")]}, "b")
    )
    (obj,) = result.objects
    assert obj.verdict is not None
    assert (obj.verdict.name, obj.verdict.volumes) == ("recreate", ("PersistentVolumeClaims data-db-0..2",))


def test_the_docs_carry_the_rule_table() -> None:
    text = (Path(__file__).parent.parent / "docs" / "diff.md").read_text(encoding="utf-8")
    assert rules_markdown() in text

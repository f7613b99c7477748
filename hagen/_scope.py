"""Which kinds live outside namespaces: the built-in kinds of every Kubernetes version hagen ships
schemas for, and the custom kinds a CustomResourceDefinition among the objects declares cluster-scoped.

The OpenAPI schemas hagen validates against (kubernetes-validate) carry every built-in (group, kind) but
not its scope; the API server states that in discovery (`APIResource.namespaced`) and in its REST paths
(`/apis/GROUP/VERSION/namespaces/{namespace}/...`). `BUILTIN_CLUSTER_SCOPED` is that answer for each kind
of the shipped schemas; tests/test_scope.py derives it again from the schemas and the API's discovery data
(lightkube-models, generated from the Kubernetes OpenAPI paths) and fails on any difference, so a newly
shipped cluster-scoped kind cannot be missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

GroupKind = tuple[str, str]
"""(API group, kind); the core group is ""."""

BUILTIN_CLUSTER_SCOPED: frozenset[GroupKind] = frozenset(
    {
        ("", "ComponentStatus"),
        ("", "Namespace"),
        ("", "Node"),
        ("", "PersistentVolume"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"),
        ("apiregistration.k8s.io", "APIService"),
        ("authentication.k8s.io", "SelfSubjectReview"),
        ("authentication.k8s.io", "TokenReview"),
        ("authorization.k8s.io", "SelfSubjectAccessReview"),
        ("authorization.k8s.io", "SelfSubjectRulesReview"),
        ("authorization.k8s.io", "SubjectAccessReview"),
        ("certificates.k8s.io", "CertificateSigningRequest"),
        ("certificates.k8s.io", "ClusterTrustBundle"),
        ("flowcontrol.apiserver.k8s.io", "FlowSchema"),
        ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
        ("internal.apiserver.k8s.io", "StorageVersion"),
        ("networking.k8s.io", "ClusterCIDR"),  # alpha, 1.25 to 1.28
        ("networking.k8s.io", "IPAddress"),
        ("networking.k8s.io", "IngressClass"),
        ("networking.k8s.io", "ServiceCIDR"),
        ("node.k8s.io", "RuntimeClass"),
        ("rbac.authorization.k8s.io", "ClusterRole"),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("resource.k8s.io", "DeviceClass"),
        ("resource.k8s.io", "DeviceTaintRule"),
        ("resource.k8s.io", "ResourceClass"),  # alpha, 1.26 to 1.30
        ("resource.k8s.io", "ResourcePoolStatusRequest"),
        ("resource.k8s.io", "ResourceSlice"),
        ("scheduling.k8s.io", "PriorityClass"),
        ("storage.k8s.io", "CSIDriver"),
        ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "StorageClass"),
        ("storage.k8s.io", "VolumeAttachment"),
        ("storage.k8s.io", "VolumeAttributesClass"),
        ("storagemigration.k8s.io", "StorageVersionMigration"),
    }
)


def group_kind(obj: Mapping[str, Any]) -> GroupKind:
    """(group, kind) of an object: apiVersion "storage.k8s.io/v1" -> "storage.k8s.io"; "v1" -> ""."""
    return str(obj.get("apiVersion", "")).rpartition("/")[0], str(obj.get("kind", ""))


def cluster_scoped_kinds(objects: Iterable[Mapping[str, Any]] = ()) -> frozenset[GroupKind]:
    """The built-in cluster-scoped kinds, plus the kinds of every CustomResourceDefinition among
    `objects` whose spec.scope is Cluster (apiextensions.k8s.io/v1 spec.group, spec.names.kind)."""
    custom: set[GroupKind] = set()
    for obj in objects:
        if group_kind(obj) != ("apiextensions.k8s.io", "CustomResourceDefinition"):
            continue
        spec = obj.get("spec")
        names = spec.get("names") if isinstance(spec, Mapping) else None
        if isinstance(spec, Mapping) and spec.get("scope") == "Cluster" and isinstance(names, Mapping):
            custom.add((str(spec.get("group", "")), str(names.get("kind", ""))))
    return BUILTIN_CLUSTER_SCOPED | custom if custom else BUILTIN_CLUSTER_SCOPED


def is_cluster_scoped(obj: Mapping[str, Any], scoped: frozenset[GroupKind] = BUILTIN_CLUSTER_SCOPED) -> bool:
    """True for an object of a kind that lives outside namespaces (it must carry no metadata.namespace).

    `scoped` is BUILTIN_CLUSTER_SCOPED, or `cluster_scoped_kinds(objects)` to count the custom kinds the
    objects' own CRDs declare. The group counts: a custom kind named Namespace in example.com is not core.
    """
    return group_kind(obj) in scoped

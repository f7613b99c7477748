"""The API server's create-time validation, offline: what `kubectl apply` would refuse beyond the schema.

The OpenAPI schemas carry types and required fields; the API server also runs each kind's validation
code (pkg/apis/<group>/validation in Kubernetes) on create. This package repeats the rules of that code
for the kinds hagen writes and reads most, one module per API group, with the API server's field paths
and words. Rules that changed between versions follow the Kubernetes version validated against.

Only objects that passed the schema are checked here, as the API server only validates what it could
decode; kinds not listed (custom resources, RBAC rules) get the name rules of their kind at most.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import _names as n
from ._apps import daemon_set, deployment, replica_set, stateful_set
from ._autoscaling import hpa
from ._batch import cron_job, job
from ._core import config_map, pod, pvc, secret, service
from ._field import Context, Error
from ._meta import NameRule, object_meta
from ._networking import ingress, ingress_class, network_policy
from ._policy_storage import pdb, storage_class

Rule = Callable[[list[Error], Mapping[str, Any], Context], None]

# (group, kind) -> (name rule, namespaced, spec rules or None); the name rules are ValidateXName in each
# group's validation package: NameIsDNSSubdomain unless noted.
KINDS: dict[tuple[str, str], tuple[NameRule, bool, Rule | None]] = {
    ("", "Pod"): (n.dns1123_subdomain, True, pod),
    ("", "Service"): (n.dns1035_label, True, service),  # ValidateServiceName
    ("", "ConfigMap"): (n.dns1123_subdomain, True, config_map),
    ("", "Secret"): (n.dns1123_subdomain, True, secret),
    ("", "ServiceAccount"): (n.dns1123_subdomain, True, None),
    ("", "PersistentVolumeClaim"): (n.dns1123_subdomain, True, pvc),
    ("", "Namespace"): (n.dns1123_label, False, None),  # ValidateNamespaceName
    ("apps", "Deployment"): (n.dns1123_subdomain, True, deployment),
    ("apps", "ReplicaSet"): (n.dns1123_subdomain, True, replica_set),
    ("apps", "StatefulSet"): (n.dns1123_subdomain, True, stateful_set),
    ("apps", "DaemonSet"): (n.dns1123_subdomain, True, daemon_set),
    ("batch", "Job"): (n.dns1123_subdomain, True, job),
    ("batch", "CronJob"): (n.dns1123_subdomain, True, cron_job),
    ("autoscaling", "HorizontalPodAutoscaler"): (n.dns1123_subdomain, True, hpa),
    ("networking.k8s.io", "Ingress"): (n.dns1123_subdomain, True, ingress),
    ("networking.k8s.io", "IngressClass"): (n.dns1123_subdomain, False, ingress_class),
    ("networking.k8s.io", "NetworkPolicy"): (n.dns1123_subdomain, True, network_policy),
    ("policy", "PodDisruptionBudget"): (n.dns1123_subdomain, True, pdb),
    ("storage.k8s.io", "StorageClass"): (n.dns1123_subdomain, False, storage_class),
    ("rbac.authorization.k8s.io", "Role"): (n.path_segment, True, None),  # ValidateRBACName
    ("rbac.authorization.k8s.io", "ClusterRole"): (n.path_segment, False, None),
    ("rbac.authorization.k8s.io", "RoleBinding"): (n.path_segment, True, None),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): (n.path_segment, False, None),
}
# The spec rules assume these versions' shapes (autoscaling/v1's HPA has no metrics list).
_SPEC_VERSIONS = {"autoscaling": "v2"}


def api_errors(obj: Mapping[str, Any], version: tuple[int, int]) -> list[Error]:
    """(field path, value, message) for everything the API server of `version` would refuse in `obj`.

    `obj` must already satisfy its kind's schema; kinds not in KINDS return no errors.
    """
    api_version, kind = str(obj.get("apiVersion")), str(obj.get("kind"))
    group, _, group_version = api_version.rpartition("/")
    entry = KINDS.get((group, kind))
    if entry is None:
        return []
    name_rule, namespaced, rule = entry
    errors: list[Error] = []
    object_meta(errors, obj, name_rule, namespaced)
    if rule is not None and _SPEC_VERSIONS.get(group, group_version) == group_version:
        rule(errors, obj, Context(version))
    return errors


__all__ = ["KINDS", "api_errors"]

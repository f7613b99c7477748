"""policy/v1 PodDisruptionBudget and storage.k8s.io/v1 StorageClass.

Sources: ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation), ValidateStorageClass,
validateProvisioner, validateReclaimPolicy and validateVolumeBindingMode (pkg/apis/storage/validation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _names as n
from ._field import Context, Error, enum, invalid, mapping, required
from ._meta import int_or_percent, selector

EVICTION_POLICIES = ("AlwaysAllow", "IfHealthyBudget")
RECLAIM_POLICIES = ("Delete", "Retain")
BINDING_MODES = ("Immediate", "WaitForFirstConsumer")


def pdb(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidatePodDisruptionBudgetSpec: one of minAvailable and maxUnavailable, each int or percent."""
    spec = mapping(obj.get("spec"))
    low, high = spec.get("minAvailable"), spec.get("maxUnavailable")
    if low is not None and high is not None:
        errors.append(invalid("spec", dict(spec), "minAvailable and maxUnavailable cannot be both set"))
    int_or_percent(errors, low, "spec.minAvailable", cap_percent=True)
    int_or_percent(errors, high, "spec.maxUnavailable", cap_percent=True)
    if spec.get("selector") is not None:
        selector(errors, spec.get("selector"), "spec.selector")
    enum(errors, spec, "spec", "unhealthyPodEvictionPolicy", EVICTION_POLICIES)


def storage_class(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateStorageClass: a provisioner that is a qualified name; reclaim policy and binding mode."""
    provisioner = obj.get("provisioner")
    if not provisioner:
        errors.append(required("provisioner"))
    else:
        for message in n.qualified_name(str(provisioner).lower()):
            errors.append(invalid("provisioner", provisioner, message))
    enum(errors, obj, "", "reclaimPolicy", RECLAIM_POLICIES)
    enum(errors, obj, "", "volumeBindingMode", BINDING_MODES)

"""apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet.

Sources (pkg/apis/apps/validation/validation.go): ValidateDeploymentSpec, ValidateDeploymentStrategy,
ValidateRollingUpdateDeployment, ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet,
ValidateStatefulSetSpec, ValidatePodTemplateSpecForStatefulSet, ValidateDaemonSetSpec,
ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._core_pod import pod_template
from ._field import (
    Context,
    Error,
    enum,
    forbidden,
    invalid,
    items,
    mapping,
    non_negative,
    required,
    unsupported,
)
from ._meta import int_or_percent, int_or_percent_value, is_empty, matches, selector

DEPLOYMENT_STRATEGIES = ("Recreate", "RollingUpdate")
SET_STRATEGIES = ("OnDelete", "RollingUpdate")
POD_MANAGEMENT = ("OrderedReady", "Parallel")


def _selected_template(
    errors: list[Error], spec: Mapping[str, Any], ctx: Context, what: str, extra_volumes: Iterable[str] = ()
) -> None:
    """The selector (required, not empty), the template it must select, and restartPolicy Always."""
    sel = spec.get("selector")
    if sel is None:
        errors.append(required("spec.selector"))
    else:
        selector(errors, sel, "spec.selector")
        if is_empty(sel):
            errors.append(invalid("spec.selector", sel, f"empty selector is invalid for {what}"))
    template = mapping(spec.get("template"))
    template_labels = pod_template(errors, template, "spec.template", ctx, extra_volumes)
    if sel is not None and not is_empty(sel) and not matches(sel, template_labels):
        errors.append(
            invalid(
                "spec.template.metadata.labels",
                dict(template_labels),
                "`selector` does not match template `labels`",
            )
        )
    policy = mapping(template.get("spec")).get("restartPolicy")
    if policy is not None and policy != "Always":
        errors.append(unsupported("spec.template.spec.restartPolicy", policy, ("Always",)))
    non_negative(errors, spec, "spec", "replicas", "minReadySeconds", "revisionHistoryLimit")


def deployment(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateDeploymentSpec (the "empty selector" wording is the API server's, kind and all)."""
    spec = mapping(obj.get("spec"))
    _selected_template(errors, spec, ctx, "deployment")
    strategy = mapping(spec.get("strategy"))
    enum(errors, strategy, "spec.strategy", "type", DEPLOYMENT_STRATEGIES)
    rolling = strategy.get("rollingUpdate")
    if strategy.get("type") == "Recreate" and rolling is not None:
        errors.append(
            forbidden(
                "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"
            )
        )
    elif rolling is not None:
        _rolling(errors, mapping(rolling), "spec.strategy.rollingUpdate", surge_default=None)
    deadline, ready = spec.get("progressDeadlineSeconds"), spec.get("minReadySeconds") or 0
    if isinstance(deadline, int):
        non_negative(errors, spec, "spec", "progressDeadlineSeconds")
        if isinstance(ready, int) and 0 <= deadline <= ready:
            errors.append(
                invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds")
            )


def _rolling(errors: list[Error], rolling: Mapping[str, Any], path: str, surge_default: int | None) -> None:
    """maxUnavailable and maxSurge: int or percent, at most 100%, not both zero."""
    unavailable, surge = rolling.get("maxUnavailable"), rolling.get("maxSurge")
    int_or_percent(errors, unavailable, f"{path}.maxUnavailable", cap_percent=True)
    int_or_percent(errors, surge, f"{path}.maxSurge")
    unavailable_value = int_or_percent_value(unavailable) if unavailable is not None else 25
    surge_value = (
        int_or_percent_value(surge) if surge is not None else (25 if surge_default is None else surge_default)
    )
    if unavailable_value == 0 and surge_value == 0:
        errors.append(invalid(f"{path}.maxUnavailable", unavailable, "may not be 0 when `maxSurge` is 0"))


def replica_set(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateReplicaSetSpec (its empty-selector message says "deployment" too)."""
    _selected_template(errors, mapping(obj.get("spec")), ctx, "deployment")


def daemon_set(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateDaemonSetSpec and ValidateDaemonSetUpdateStrategy (maxUnavailable defaults to 1)."""
    spec = mapping(obj.get("spec"))
    _selected_template(errors, spec, ctx, "daemonset")
    strategy = mapping(spec.get("updateStrategy"))
    enum(errors, strategy, "spec.updateStrategy", "type", SET_STRATEGIES)
    rolling = strategy.get("rollingUpdate")
    if rolling is not None and strategy.get("type") != "OnDelete":
        rolling = mapping(rolling)
        if rolling.get("maxUnavailable") is None:
            rolling = {**rolling, "maxUnavailable": 1}
        _rolling(errors, rolling, "spec.updateStrategy.rollingUpdate", surge_default=0)


def stateful_set(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateStatefulSetSpec: policies, update strategy, selector; mounts may name claim templates."""
    spec = mapping(obj.get("spec"))
    claims = [
        str(mapping(mapping(c).get("metadata")).get("name")) for c in items(spec.get("volumeClaimTemplates"))
    ]
    _selected_template(errors, spec, ctx, "statefulset", claims)
    enum(errors, spec, "spec", "podManagementPolicy", POD_MANAGEMENT)
    strategy = mapping(spec.get("updateStrategy"))
    enum(errors, strategy, "spec.updateStrategy", "type", SET_STRATEGIES)
    rolling = strategy.get("rollingUpdate")
    if rolling is not None and strategy.get("type") == "OnDelete":
        errors.append(
            forbidden("spec.updateStrategy.rollingUpdate", "only allowed for updateStrategy 'RollingUpdate'")
        )
    elif rolling is not None:
        non_negative(errors, mapping(rolling), "spec.updateStrategy.rollingUpdate", "partition")
        unavailable = mapping(rolling).get("maxUnavailable")
        if unavailable is not None:
            int_or_percent(
                errors, unavailable, "spec.updateStrategy.rollingUpdate.maxUnavailable", cap_percent=True
            )
            if int_or_percent_value(unavailable) == 0:
                errors.append(
                    invalid(
                        "spec.updateStrategy.rollingUpdate.maxUnavailable",
                        unavailable,
                        "must be greater than 0",
                    )
                )
    policy = mapping(spec.get("persistentVolumeClaimRetentionPolicy"))
    for key in ("whenDeleted", "whenScaled"):
        enum(errors, policy, "spec.persistentVolumeClaimRetentionPolicy", key, ("Retain", "Delete"))

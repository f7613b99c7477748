"""autoscaling/v2: HorizontalPodAutoscaler.

Sources (pkg/apis/autoscaling/validation/validation.go): validateHorizontalPodAutoscalerSpec (minReplicas
>= 1 without the HPAScaleToZero gate), ValidateCrossVersionObjectReference, validateMetrics,
validateMetricSpec, validateResourceSource, validatePodsSource, validateObjectSource, validateExternalSource,
validateMetricTarget, validateBehavior and validateScalingRules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _names as n
from ._core_container import as_int, quantity
from ._field import Context, Error, enum, forbidden, invalid, items, mapping, required, unsupported

METRIC_TYPES = ("ContainerResource", "External", "Object", "Pods", "Resource")
_SOURCE_FIELD = {
    "ContainerResource": "containerResource",
    "External": "external",
    "Object": "object",
    "Pods": "pods",
    "Resource": "resource",
}
TARGET_TYPES = ("Utilization", "Value", "AverageValue")
MAX_STABILIZATION_SECONDS = 3600
MAX_PERIOD_SECONDS = 1800


def _target(errors: list[Error], value: Any, path: str) -> Mapping[str, Any]:
    """validateMetricTarget."""
    target = mapping(value)
    kind = target.get("type")
    if not kind:
        errors.append(required(f"{path}.type", "must specify a metric target type"))
    elif kind not in TARGET_TYPES:
        errors.append(invalid(f"{path}.type", kind, "must be either Utilization, Value, or AverageValue"))
    for key in ("value", "averageValue"):
        if target.get(key) is not None:
            amount = quantity(errors, target[key], f"{path}.{key}")
            if amount is not None and amount <= 0:
                errors.append(invalid(f"{path}.{key}", target[key], "must be positive"))
    utilization = as_int(target.get("averageUtilization"))
    if utilization is not None and utilization < 1:
        errors.append(invalid(f"{path}.averageUtilization", utilization, "must be greater than 0"))
    return target


def _source(errors: list[Error], kind: str, value: Any, path: str) -> None:
    source = mapping(value)
    target = _target(errors, source.get("target"), f"{path}.target")
    has_value, has_average = target.get("value") is not None, target.get("averageValue") is not None
    utilization = target.get("averageUtilization") is not None
    if kind in ("Resource", "ContainerResource"):
        if not source.get("name"):
            errors.append(required(f"{path}.name", "must specify a resource name"))
        if kind == "ContainerResource" and not source.get("container"):
            errors.append(required(f"{path}.container", "must specify a container"))
        if not utilization and not has_average:
            errors.append(
                required(
                    f"{path}.target.averageUtilization",
                    "must set either a target raw value or a target utilization",
                )
            )
        elif utilization and has_average:
            errors.append(
                forbidden(
                    f"{path}.target.averageValue",
                    "may not set both a target raw value and a target utilization",
                )
            )
        return
    if not mapping(source.get("metric")).get("name"):
        errors.append(required(f"{path}.metric.name", "must specify a metric name"))
    if kind == "Pods" and not has_average:
        errors.append(required(f"{path}.target.averageValue", "must specify a positive target averageValue"))
    if kind in ("Object", "External") and not has_value and not has_average:
        errors.append(required(f"{path}.target.value", "must set either a target value or averageValue"))
    if kind == "Object":
        described = mapping(source.get("describedObject"))
        for key in ("kind", "name"):
            if not described.get(key):
                errors.append(required(f"{path}.describedObject.{key}"))


def _metrics(errors: list[Error], spec: Mapping[str, Any]) -> None:
    for index, value in enumerate(items(spec.get("metrics"))):
        where, metric = f"spec.metrics[{index}]", mapping(value)
        kind = metric.get("type")
        if not kind:
            errors.append(required(f"{where}.type", "must specify a metric source type"))
            continue
        if kind not in METRIC_TYPES:
            errors.append(unsupported(f"{where}.type", kind, METRIC_TYPES))
            continue
        for other_kind, key in _SOURCE_FIELD.items():
            if other_kind != kind and metric.get(key) is not None:
                errors.append(forbidden(f"{where}.{key}", "must populate the given metric source only"))
        key = _SOURCE_FIELD[kind]
        if metric.get(key) is None:
            errors.append(required(f"{where}.{key}", "must populate information for the given metric source"))
        else:
            _source(errors, kind, metric.get(key), f"{where}.{key}")


def _behavior(errors: list[Error], spec: Mapping[str, Any]) -> None:
    for direction in ("scaleUp", "scaleDown"):
        rules = mapping(mapping(spec.get("behavior")).get(direction))
        path = f"spec.behavior.{direction}"
        window = as_int(rules.get("stabilizationWindowSeconds"))
        if window is not None and window < 0:
            errors.append(
                invalid(f"{path}.stabilizationWindowSeconds", window, "must be greater than or equal to zero")
            )
        elif window is not None and window > MAX_STABILIZATION_SECONDS:
            errors.append(
                invalid(
                    f"{path}.stabilizationWindowSeconds",
                    window,
                    f"must be less than or equal to {MAX_STABILIZATION_SECONDS}",
                )
            )
        enum(errors, rules, path, "selectPolicy", ("Max", "Min", "Disabled"))
        for index, value in enumerate(items(rules.get("policies"))):
            where, policy = f"{path}.policies[{index}]", mapping(value)
            enum(errors, policy, where, "type", ("Pods", "Percent"))
            amount, period = as_int(policy.get("value")), as_int(policy.get("periodSeconds"))
            if amount is not None and amount <= 0:
                errors.append(invalid(f"{where}.value", amount, "must be greater than zero"))
            if period is not None and period <= 0:
                errors.append(invalid(f"{where}.periodSeconds", period, "must be greater than zero"))
            elif period is not None and period > MAX_PERIOD_SECONDS:
                errors.append(
                    invalid(
                        f"{where}.periodSeconds",
                        period,
                        f"must be less than or equal to {MAX_PERIOD_SECONDS}",
                    )
                )


def hpa(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """validateHorizontalPodAutoscalerSpec."""
    spec = mapping(obj.get("spec"))
    low, high = as_int(spec.get("minReplicas")), as_int(spec.get("maxReplicas"))
    if low is not None and low < 1:
        errors.append(invalid("spec.minReplicas", low, "must be greater than or equal to 1"))
    if high is not None and high < 1:
        errors.append(invalid("spec.maxReplicas", high, "must be greater than 0"))
    if low is not None and high is not None and high < low:
        errors.append(invalid("spec.maxReplicas", high, "must be greater than or equal to `minReplicas`"))
    ref = mapping(spec.get("scaleTargetRef"))
    if not ref.get("kind"):
        errors.append(required("spec.scaleTargetRef.kind"))
    name = ref.get("name")
    if not name:
        errors.append(required("spec.scaleTargetRef.name"))
    else:
        for message in n.path_segment(str(name)):
            errors.append(invalid("spec.scaleTargetRef.name", name, message))
    _metrics(errors, spec)
    _behavior(errors, spec)

"""ObjectMeta, labels, annotations and label selectors, as every kind's validation checks them.

Sources: ValidateObjectMeta and ValidateAnnotations (pkg/apis/core/validation, apimachinery's
api/validation), ValidateLabels and ValidateLabelSelector (apimachinery's apis/meta/v1/validation),
ValidatePositiveIntOrPercent and IsNotMoreThan100Percent (pkg/apis/apps/validation).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import _names as n
from ._field import Error, child, forbidden, invalid, items, mapping, required, too_long, unsupported

NameRule = Callable[[str], tuple[str, ...]]
TOTAL_ANNOTATION_SIZE = 256 * 1024
"""TotalAnnotationSizeLimitB: keys and values of all annotations together, in bytes."""
_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def labels(errors: list[Error], value: Any, path: str) -> None:
    """ValidateLabels: each key a qualified name, each value a label value (errors point at the map)."""
    for key, val in mapping(value).items():
        if n.qualified_name(str(key)) or n.label_value("" if val is None else str(val)):
            for message in n.qualified_name(str(key)):
                errors.append(invalid(path, key, message))
            for message in n.label_value("" if val is None else str(val)):
                errors.append(invalid(path, val, message))


def annotation_map(errors: list[Error], value: Any, path: str) -> None:
    """ValidateAnnotations: keys are qualified names (compared lower-cased), 256 KiB in total."""
    total = 0
    for key, val in mapping(value).items():
        for message in n.qualified_name(str(key).lower()):
            errors.append(invalid(path, key, message))
        # surrogatepass: a lone surrogate (from Python) is counted; the YAML writer refuses it by name
        total += sum(len(str(part).encode(errors="surrogatepass")) for part in (key, val or ""))
    if total > TOTAL_ANNOTATION_SIZE:
        errors.append(too_long(path, TOTAL_ANNOTATION_SIZE))


def object_meta(errors: list[Error], obj: Mapping[str, Any], name_rule: NameRule, namespaced: bool) -> None:
    """ValidateObjectMeta: name (by the kind's rule), namespace, labels and annotations."""
    meta = mapping(obj.get("metadata"))
    name, generated = meta.get("name"), meta.get("generateName")
    if not name and not generated:
        errors.append(required("metadata.name", "name or generateName is required"))
    elif isinstance(name, str) and name:
        for message in name_rule(name):
            errors.append(invalid("metadata.name", name, message))
    namespace = meta.get("namespace")
    if namespaced and isinstance(namespace, str) and namespace:
        for message in n.dns1123_label(namespace):
            errors.append(invalid("metadata.namespace", namespace, message))
    labels(errors, meta.get("labels"), "metadata.labels")
    annotation_map(errors, meta.get("annotations"), "metadata.annotations")


def selector(errors: list[Error], value: Any, path: str) -> None:
    """ValidateLabelSelector: matchLabels as labels; each expression's key, operator and values."""
    sel = mapping(value)
    labels(errors, sel.get("matchLabels"), child(path, "matchLabels"))
    for index, expr in enumerate(items(sel.get("matchExpressions"))):
        where = f"{path}.matchExpressions[{index}]"
        expr = mapping(expr)
        operator, values = expr.get("operator"), items(expr.get("values"))
        if operator in ("In", "NotIn") and not values:
            errors.append(required(f"{where}.values", "must be specified when `operator` is 'In' or 'NotIn'"))
        elif operator in ("Exists", "DoesNotExist") and values:
            errors.append(
                forbidden(
                    f"{where}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
                )
            )
        elif operator not in _OPERATORS:
            errors.append(unsupported(f"{where}.operator", operator, _OPERATORS))
        for message in n.qualified_name(str(expr.get("key") or "")):
            errors.append(invalid(f"{where}.key", expr.get("key"), message))


def is_empty(value: Any) -> bool:
    """A selector that selects everything (no matchLabels, no matchExpressions)."""
    sel = mapping(value)
    return not mapping(sel.get("matchLabels")) and not items(sel.get("matchExpressions"))


def matches(value: Any, label_map: Any) -> bool:
    """LabelSelectorAsSelector(...).Matches(labels): every requirement holds for the labels."""
    sel, have = mapping(value), mapping(label_map)
    for key, val in mapping(sel.get("matchLabels")).items():
        if key not in have or str(have[key]) != str(val):
            return False
    for raw in items(sel.get("matchExpressions")):
        expr = mapping(raw)
        wanted, operator = str(expr.get("key")), expr.get("operator")
        values = {str(v) for v in items(expr.get("values"))}
        present = wanted in have
        ok = {
            "In": present and str(have.get(wanted)) in values,
            "NotIn": not present or str(have.get(wanted)) not in values,
            "Exists": present,
            "DoesNotExist": not present,
        }.get(str(operator), True)
        if not ok:
            return False
    return True


def int_or_percent(errors: list[Error], value: Any, path: str, cap_percent: bool = False) -> None:
    """ValidatePositiveIntOrPercent (and IsNotMoreThan100Percent when `cap_percent`)."""
    if value is None:
        return
    if isinstance(value, str):
        messages = n.percent(value)
        for message in messages:
            errors.append(invalid(path, value, message))
        if not messages and cap_percent and int(value[:-1]) > 100:
            errors.append(invalid(path, value, "must not be greater than 100%"))
    elif isinstance(value, int) and value < 0:
        errors.append(invalid(path, value, "must be greater than or equal to 0"))


def int_or_percent_value(value: Any) -> int | None:
    """getIntOrPercentValue: 25 -> 25, "25%" -> 25, anything else -> None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and not n.percent(value):
        return int(value[:-1])
    return None

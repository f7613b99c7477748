"""Node-level checks: taints against tolerations, nodeSelector and required node affinity."""

from __future__ import annotations

from ._cluster import SimNode
from ._pod import NodeExpr, Pod, Toleration


def tolerates(tolerations: tuple[Toleration, ...], key: str, value: str, effect: str) -> bool:
    """Does some toleration (``spec.tolerations``) tolerate the taint?"""
    for t_key, op, t_value, t_effect in tolerations:
        if t_effect and t_effect != effect:
            continue
        if t_key and t_key != key:
            continue
        if op == "Exists" or t_value == value:
            return True
    return False


def untolerated(pod: Pod, node: SimNode) -> tuple[str, str] | None:
    """The first NoSchedule/NoExecute taint of `node` that `pod` does not tolerate."""
    for key, value, effect in node.taints:
        if effect in ("NoSchedule", "NoExecute") and not tolerates(pod.tolerations, key, value, effect):
            return key, value
    return None


def _expr_ok(expr: NodeExpr, node: SimNode) -> bool:
    kind, key, op, values = expr
    if kind == "field":
        present: str | None = node.name if key == "metadata.name" else None
    else:
        present = node.labels.get(key)
    if op == "In":
        return present is not None and present in values
    if op == "NotIn":
        return present is None or present not in values
    if op == "Exists":
        return present is not None
    if op == "DoesNotExist":
        return present is None
    if present is None or len(values) != 1:
        return False
    try:
        have, want = int(present), int(next(iter(values)))
    except ValueError:
        return False
    return have > want if op == "Gt" else have < want


def node_affinity_ok(pod: Pod, node: SimNode) -> bool:
    """``nodeSelector`` (all labels equal) and required ``nodeAffinity`` (terms ORed, expressions ANDed;
    an empty term matches nothing)."""
    labels = node.labels
    for key, value in pod.node_selector.items():
        if labels.get(key) != value:
            return False
    if pod.node_affinity is None:
        return True
    return any(term and all(_expr_ok(e, node) for e in term) for term in pod.node_affinity)

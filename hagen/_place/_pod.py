"""A pod as the simulation sees it, read from a pod-shaped dict with Kubernetes' own field names.

The dict is what the scenario interface takes (``name``, ``namespace``, ``labels``, ``affinity``,
``topologySpreadConstraints``, ``nodeSelector``, ``tolerations``, ``resources``, ``terminating``) and what
workload expansion produces from a pod template.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._errors import InputError
from ._quantity import QuantityError, cpu_millis, memory_bytes
from ._selector import Selector, SelectorError
from ._terms import AffinityTerm, SpreadConstraint, parse_spread, parse_terms, parse_weighted

NodeExpr = tuple[str, str, str, frozenset[str]]  # (label|field, key, operator, values)
Toleration = tuple[str, str, str, str]  # (key, operator, value, effect)
_NODE_OPS = frozenset({"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"})


@dataclass(slots=True, eq=False)
class Pod:
    """One pod to place (or already placed). Identity is the object itself; `name` is for people."""

    name: str
    namespace: str
    labels: dict[str, str]
    affinity: tuple[AffinityTerm, ...] = ()
    anti: tuple[AffinityTerm, ...] = ()
    preferred: tuple[tuple[int, AffinityTerm], ...] = ()
    spread: tuple[SpreadConstraint, ...] = ()
    node_selector: dict[str, str] = field(default_factory=dict)
    node_affinity: tuple[tuple[NodeExpr, ...], ...] | None = None
    tolerations: tuple[Toleration, ...] = ()
    cpu: int = 0
    memory: int = 0
    terminating: bool = False
    invalid: str | None = None
    tier: str | None = None
    workload: str | None = None
    kind: str | None = None
    ebs: bool = False
    volume_zone: str | None = None
    owner_selector: Selector | None = None
    order: int = 0
    spec_key: str = ""
    labels_key: str = ""
    node_key: str = ""

    @property
    def sched_key(self) -> tuple[str, str, str, str | None]:
        """Pods with equal keys get equal filter results in the same cluster state."""
        return (self.namespace, self.labels_key, self.spec_key, self.volume_zone)


def _node_affinity(raw: Any, where: str) -> tuple[tuple[NodeExpr, ...], ...] | None:
    required = ((raw or {}).get("nodeAffinity") or {}).get("requiredDuringSchedulingIgnoredDuringExecution")
    if required is None:
        return None
    terms: list[tuple[NodeExpr, ...]] = []
    for i, term in enumerate(required.get("nodeSelectorTerms") or []):
        exprs: list[NodeExpr] = []
        for kind, name in (("label", "matchExpressions"), ("field", "matchFields")):
            for j, expr in enumerate((term or {}).get(name) or []):
                op = expr.get("operator")
                if op not in _NODE_OPS:
                    raise SelectorError(f"{where}.nodeSelectorTerms[{i}].{name}[{j}].operator: {op!r}")
                values = frozenset(str(v) for v in expr.get("values") or [])
                exprs.append((kind, str(expr.get("key", "")), op, values))
        terms.append(tuple(exprs))
    return tuple(terms)


def _tolerations(raw: Any) -> tuple[Toleration, ...]:
    out = []
    for t in raw or []:
        op = t.get("operator") or "Equal"
        out.append((str(t.get("key") or ""), op, str(t.get("value") or ""), str(t.get("effect") or "")))
    return tuple(out)


def _requests(raw: Any, where: str) -> tuple[int, int]:
    requests = (raw or {}).get("requests") or {}
    try:
        cpu = cpu_millis(requests["cpu"]) if requests.get("cpu") is not None else 0
        mem = memory_bytes(requests["memory"]) if requests.get("memory") is not None else 0
    except QuantityError as exc:
        raise InputError(f"{where}.resources.requests: {exc}") from None
    return cpu, mem


# json.dumps(..., sort_keys=True[, default=str]) without a new encoder per call (they keep no state)
_LABELS = json.JSONEncoder(sort_keys=True)
_SPEC = json.JSONEncoder(sort_keys=True, default=str)

Parsed = tuple[
    tuple[AffinityTerm, ...],
    tuple[AffinityTerm, ...],
    tuple[tuple[int, AffinityTerm], ...],
    tuple[SpreadConstraint, ...],
    tuple[tuple[NodeExpr, ...], ...] | None,
]


def parse_pod(
    raw: Mapping[str, Any],
    where: str,
    order: int = 0,
    *,
    parsed: dict[object, Parsed] | None = None,
    **extra: Any,
) -> Pod:
    """A Pod from a pod-shaped dict. Bad quantities are an InputError; a selector the API server would
    reject marks the pod `invalid` (the scheduler's PreFilter fails it on every node). `parsed`, a dict
    the caller keeps for a batch of pods, shares the (immutable) terms, spread constraints and node
    affinity of pods with the same namespace, labels and spec instead of compiling them again."""
    if not isinstance(raw, Mapping) or not raw.get("name"):
        raise InputError(f"{where}: a pod needs at least a name")
    name = str(raw["name"])
    ns = str(raw.get("namespace") or "default")
    labels = {str(k): "" if v is None else str(v) for k, v in (raw.get("labels") or {}).items()}
    cpu, mem = _requests(raw.get("resources"), where)
    pod = Pod(name=name, namespace=ns, labels=labels, cpu=cpu, memory=mem, order=order, **extra)
    pod.terminating = bool(raw.get("terminating", False))
    pod.node_selector = {str(k): str(v) for k, v in (raw.get("nodeSelector") or {}).items()}
    pod.tolerations = _tolerations(raw.get("tolerations"))
    affinity = raw.get("affinity") or {}
    pod.labels_key = _LABELS.encode(labels)
    # what node-level filters read: pods of different workloads often share it
    pod.node_key = _SPEC.encode(
        [
            affinity.get("nodeAffinity") if isinstance(affinity, Mapping) else affinity,
            pod.node_selector,
            pod.tolerations,
        ]
    )
    pod.spec_key = _SPEC.encode(
        [
            affinity,
            raw.get("topologySpreadConstraints"),
            pod.node_selector,
            pod.tolerations,
            cpu,
            mem,
            pod.terminating,
            None if pod.owner_selector is None else pod.owner_selector.key,
            pod.workload,
        ]
    )
    key = (ns, pod.labels_key, pod.spec_key)
    known = None if parsed is None else parsed.get(key)
    if known is not None:
        pod.affinity, pod.anti, pod.preferred, pod.spread, pod.node_affinity = known
        return pod
    try:
        pa = affinity.get("podAffinity") or {}
        paa = affinity.get("podAntiAffinity") or {}
        req = "requiredDuringSchedulingIgnoredDuringExecution"
        pref = "preferredDuringSchedulingIgnoredDuringExecution"
        pod.affinity = parse_terms(pa.get(req), ns, labels, f"{where}.affinity.podAffinity.{req}")
        pod.anti = parse_terms(paa.get(req), ns, labels, f"{where}.affinity.podAntiAffinity.{req}")
        pod.preferred = parse_weighted(pa.get(pref), ns, labels, "podAffinity", 1) + parse_weighted(
            paa.get(pref), ns, labels, "podAntiAffinity", -1
        )
        pod.spread = parse_spread(
            raw.get("topologySpreadConstraints"), labels, f"{where}.topologySpreadConstraints"
        )
        pod.node_affinity = _node_affinity(affinity, f"{where}.affinity.nodeAffinity")
    except (SelectorError, AttributeError, TypeError, ValueError) as exc:
        pod.invalid = str(exc)  # names this pod's field: never shared
    else:
        if parsed is not None:
            parsed[key] = (pod.affinity, pod.anti, pod.preferred, pod.spread, pod.node_affinity)
    return pod

"""Label selectors (metav1.LabelSelector) and the required inter-pod affinity terms of a pod template."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._context import Workload


def selector_matches(selector: Any, labels: Mapping[str, str]) -> bool:
    """Whether a LabelSelector matches a label set. A null selector matches nothing, ``{}`` everything.

    matchLabels and matchExpressions are ANDed; NotIn and DoesNotExist match pods without the key.
    """
    if not isinstance(selector, Mapping):
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(str(key)) != str(value):
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op = str(expr.get("key")), expr.get("operator")
        values = {str(v) for v in expr.get("values") or []}
        present = key in labels
        if op == "In" and not (present and labels[key] in values):
            return False
        if op == "NotIn" and present and labels[key] in values:
            return False
        if op == "Exists" and not present:
            return False
        if op == "DoesNotExist" and present:
            return False
    return True


@dataclass(frozen=True, slots=True)
class Term:
    """One podAffinity / podAntiAffinity term of a workload's pod template."""

    anti: bool
    required: bool
    selector: Any
    topology_key: str
    namespaces: frozenset[str]
    all_namespaces: bool

    def in_scope(self, owner: Workload, target: Workload) -> bool:
        """Whether the target's namespace is in the term's scope (the owner's own when none is given)."""
        if self.all_namespaces:
            return True
        scope = self.namespaces or frozenset({owner.namespace})
        return target.namespace in scope

    def matches(self, owner: Workload, target: Workload) -> bool:
        return self.in_scope(owner, target) and selector_matches(self.selector, target.pod_labels)


def affinity_terms(w: Workload) -> list[Term]:
    """spec.affinity.podAffinity / podAntiAffinity terms, required and preferred (podAffinityTerm)."""
    affinity = w.pod_spec.get("affinity") or {}
    terms: list[Term] = []
    for field, anti in (("podAffinity", False), ("podAntiAffinity", True)):
        block = affinity.get(field) or {}
        raw = [(t, True) for t in block.get("requiredDuringSchedulingIgnoredDuringExecution") or []]
        raw += [
            (p.get("podAffinityTerm") or {}, False)
            for p in block.get("preferredDuringSchedulingIgnoredDuringExecution") or []
            if isinstance(p, Mapping)
        ]
        for term, required in raw:
            if not isinstance(term, Mapping):
                continue
            ns_selector = term.get("namespaceSelector")
            terms.append(
                Term(
                    anti=anti,
                    required=required,
                    selector=term.get("labelSelector"),
                    topology_key=str(term.get("topologyKey", "")),
                    namespaces=frozenset(str(n) for n in term.get("namespaces") or []),
                    # a namespaceSelector is resolved against Namespace labels we may not have: be lenient
                    all_namespaces=ns_selector is not None,
                )
            )
    return terms

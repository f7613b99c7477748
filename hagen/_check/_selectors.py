"""Label selectors (metav1.LabelSelector) and the required inter-pod affinity terms of a pod template."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._context import CheckContext, Workload


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


class ByLabel:
    """Workloads by pod label, for selectors over many of them: a selector's candidates are the workloads
    carrying one of its matchLabels pairs, or one of the values of an ``In`` expression (whichever is
    fewest), each then checked in full (`selector_matches`), in the workloads' order. Checking every
    selector against every workload was 225 million matches at 10,000 tiers."""

    def __init__(self, workloads: Sequence[Workload]) -> None:
        self._all = list(workloads)
        self._by: dict[tuple[str, str], list[int]] = {}
        for at, w in enumerate(self._all):
            for pair in w.pod_labels.items():
                self._by.setdefault(pair, []).append(at)

    def _candidates(self, selector: Mapping[str, Any]) -> list[int] | None:
        pools = [[self._by.get((str(k), str(v)), [])] for k, v in (selector.get("matchLabels") or {}).items()]
        for expr in selector.get("matchExpressions") or []:
            if isinstance(expr, Mapping) and expr.get("operator") == "In":
                key, values = str(expr.get("key")), expr.get("values") or []
                pools.append([self._by.get((key, str(v)), []) for v in values])
        if not pools:
            return None
        # Only the smallest pool is merged: merging an `In` over a label every workload carries, for each
        # selector, was 3.8 of 14 s at 5,000 tiers.
        fewest = min(pools, key=lambda lists: sum(map(len, lists)))
        return fewest[0] if len(fewest) == 1 else sorted({at for lists in fewest for at in lists})

    def matching(self, selector: Any) -> list[Workload]:
        """The workloads whose pod labels `selector` matches (a null selector: none; ``{}``: all)."""
        if not isinstance(selector, Mapping):
            return []
        pool = self._candidates(selector)
        chosen = self._all if pool is None else [self._all[at] for at in pool]
        return [w for w in chosen if selector_matches(selector, w.pod_labels)]


def by_label(ctx: CheckContext) -> ByLabel:
    """The label index of `ctx`'s workloads, made once per context: the scheduling rules and the
    reference rules both look selectors up in it."""
    made: ByLabel | None = ctx.__dict__.get("_by_label")
    if made is None:
        made = ByLabel(ctx.workloads())
        object.__setattr__(ctx, "_by_label", made)  # frozen: derived from the objects, not state
    return made


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

"""Pod affinity terms (``PodAffinityTerm``) and spread constraints (``TopologySpreadConstraint``).

A term written in pod O matches pod T when T's namespace is in the term's scope and T's labels satisfy the
labelSelector. Scope: ``namespaces`` ∪ namespaces picked by ``namespaceSelector``; both absent means O's own
namespace; ``namespaceSelector: {}`` means every namespace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._selector import NOTHING, Requirement, Selector, SelectorError, parse_selector

NamespaceLabels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True, slots=True)
class AffinityTerm:
    """One ``PodAffinityTerm`` as owned by a pod in `owner_namespace` (after the matchLabelKeys rewrite)."""

    selector: Selector
    topology_key: str
    owner_namespace: str
    namespaces: frozenset[str]
    namespace_selector: Selector | None
    key: tuple[str, ...] = field(compare=False, default=())

    def in_scope(self, namespace: str, known: NamespaceLabels, incoming: bool) -> bool:
        """Is `namespace` in scope? Owned by the incoming pod, a non-empty namespaceSelector picks only
        namespaces the scheduler has an object for; owned by an existing pod it is tested against the
        incoming pod's namespace labels (none -> empty)."""
        if namespace in self.namespaces:
            return True
        ns_sel = self.namespace_selector
        if ns_sel is None:
            return not self.namespaces and namespace == self.owner_namespace
        if ns_sel.everything:
            return True
        labels = known.get(namespace)
        if labels is None:
            return False if incoming else ns_sel.matches({})
        return ns_sel.matches(labels)

    def matches(
        self, namespace: str, labels: Mapping[str, str], known: NamespaceLabels, incoming: bool
    ) -> bool:
        """Does this term select a pod with `namespace` and `labels`?"""
        return self.in_scope(namespace, known, incoming) and self.selector.matches(labels)


@dataclass(frozen=True, slots=True)
class SpreadConstraint:
    """One ``topologySpreadConstraints`` entry; `hard` is ``whenUnsatisfiable: DoNotSchedule``."""

    max_skew: int
    topology_key: str
    hard: bool
    selector: Selector
    min_domains: int
    honor_node_affinity: bool
    honor_taints: bool


def _label_key_requirements(raw: Any, labels: Mapping[str, str], op: str) -> tuple[Requirement, ...]:
    out: list[Requirement] = []
    for key in raw or []:
        if str(key) in labels:
            out.append((str(key), op, frozenset({labels[str(key)]})))
    return tuple(out)


def parse_term(raw: Any, owner_ns: str, labels: Mapping[str, str], where: str) -> AffinityTerm:
    """A ``PodAffinityTerm`` with the kube-apiserver's matchLabelKeys/mismatchLabelKeys rewrite applied:
    each key the owner carries adds ``key In [value]`` (``NotIn`` for mismatch); null selectors stay null."""
    if not isinstance(raw, Mapping):
        raise SelectorError(f"{where}: must be a mapping")
    topology_key = raw.get("topologyKey")
    if not topology_key:
        raise SelectorError(f"{where}.topologyKey: required")
    selector = parse_selector(raw.get("labelSelector"), f"{where}.labelSelector")
    extra = _label_key_requirements(raw.get("matchLabelKeys"), labels, "In")
    extra += _label_key_requirements(raw.get("mismatchLabelKeys"), labels, "NotIn")
    selector = selector.with_requirements(extra)
    ns_raw = raw.get("namespaceSelector")
    ns_sel = None if ns_raw is None else parse_selector(ns_raw, f"{where}.namespaceSelector")
    namespaces = frozenset(str(n) for n in raw.get("namespaces") or [])
    key = (
        owner_ns,
        str(topology_key),
        selector.key,
        ",".join(sorted(namespaces)),
        "absent" if ns_sel is None else ns_sel.key,
    )
    return AffinityTerm(selector, str(topology_key), owner_ns, namespaces, ns_sel, key)


def parse_terms(raw: Any, owner_ns: str, labels: Mapping[str, str], where: str) -> tuple[AffinityTerm, ...]:
    """The required terms of ``podAffinity`` / ``podAntiAffinity``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise SelectorError(f"{where}: must be a list")
    return tuple(parse_term(t, owner_ns, labels, f"{where}[{i}]") for i, t in enumerate(raw))


def parse_weighted(
    raw: Any, owner_ns: str, labels: Mapping[str, str], where: str, sign: int
) -> tuple[tuple[int, AffinityTerm], ...]:
    """``preferredDuringScheduling...`` entries as (signed weight, term)."""
    out: list[tuple[int, AffinityTerm]] = []
    for i, item in enumerate(raw or []):
        if not isinstance(item, Mapping):
            raise SelectorError(f"{where}[{i}]: must be a mapping")
        term = parse_term(item.get("podAffinityTerm"), owner_ns, labels, f"{where}[{i}].podAffinityTerm")
        out.append((sign * int(item.get("weight", 1)), term))
    return tuple(out)


def parse_spread(raw: Any, labels: Mapping[str, str], where: str) -> tuple[SpreadConstraint, ...]:
    """``topologySpreadConstraints``; matchLabelKeys values from the pod's labels are ANDed in."""
    out: list[SpreadConstraint] = []
    for i, item in enumerate(raw or []):
        at = f"{where}[{i}]"
        if not isinstance(item, Mapping) or not item.get("topologyKey"):
            raise SelectorError(f"{at}: needs topologyKey, maxSkew and whenUnsatisfiable")
        when = item.get("whenUnsatisfiable", "DoNotSchedule")
        if when not in ("DoNotSchedule", "ScheduleAnyway"):
            raise SelectorError(f"{at}.whenUnsatisfiable: {when!r}; allowed: DoNotSchedule, ScheduleAnyway")
        max_skew = int(item.get("maxSkew", 1))
        if max_skew < 1:
            raise SelectorError(f"{at}.maxSkew: must be at least 1")
        for policy in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
            if item.get(policy) not in (None, "Honor", "Ignore"):
                raise SelectorError(f"{at}.{policy}: {item.get(policy)!r}; allowed: Honor, Ignore")
        selector = parse_selector(item.get("labelSelector"), f"{at}.labelSelector")
        selector = selector.with_requirements(
            _label_key_requirements(item.get("matchLabelKeys"), labels, "In")
        )
        out.append(
            SpreadConstraint(
                max_skew=max_skew,
                topology_key=str(item["topologyKey"]),
                hard=when == "DoNotSchedule",
                selector=selector,
                min_domains=int(item.get("minDomains") or 1),
                # podtopologyspread: a nil policy means Honor for node affinity, Ignore for taints
                honor_node_affinity=(item.get("nodeAffinityPolicy") or "Honor") == "Honor",
                honor_taints=(item.get("nodeTaintsPolicy") or "Ignore") == "Honor",
            )
        )
    return tuple(out)


__all__ = ["NOTHING", "AffinityTerm", "SpreadConstraint", "parse_spread", "parse_term", "parse_terms"]

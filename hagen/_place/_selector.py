"""Label selectors (``metav1.LabelSelector``) with apimachinery's semantics.

A null selector matches nothing; ``{}`` matches everything; ``matchLabels`` entries are ``In`` requirements;
all requirements are ANDed. ``NotIn`` matches objects that lack the key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._errors import SelectorError as SelectorError  # re-exported: raised by this module's rule

_OPERATORS = frozenset({"In", "NotIn", "Exists", "DoesNotExist"})

Requirement = tuple[str, str, frozenset[str]]


class Selector:
    """A compiled label selector; `key` identifies equal selectors (for caches)."""

    __slots__ = ("everything", "key", "nothing", "requirements")

    def __init__(self, requirements: tuple[Requirement, ...] | None) -> None:
        self.nothing = requirements is None
        self.requirements: tuple[Requirement, ...] = requirements or ()
        self.everything = requirements is not None and not requirements
        self.key: str = (
            "null"
            if requirements is None
            else json.dumps(sorted((k, op, sorted(vals)) for k, op, vals in self.requirements))
        )

    def matches(self, labels: Mapping[str, str]) -> bool:
        """True when `labels` satisfy every requirement (never for a null selector)."""
        if self.nothing:
            return False
        for key, op, values in self.requirements:
            if op == "In":
                if labels.get(key) not in values:
                    return False
            elif op == "NotIn":
                value = labels.get(key)
                if value is not None and value in values:
                    return False
            elif op == "Exists":
                if key not in labels:
                    return False
            elif key in labels:  # DoesNotExist
                return False
        return True

    def with_requirements(self, extra: tuple[Requirement, ...]) -> Selector:
        """This selector ANDed with `extra` (a null selector stays null)."""
        if self.nothing or not extra:
            return self
        return Selector(self.requirements + extra)

    def __repr__(self) -> str:
        return f"Selector({self.key})"


NOTHING = Selector(None)
EVERYTHING = Selector(())


def parse_selector(raw: Any, where: str = "labelSelector") -> Selector:
    """Compile a ``LabelSelector`` (matchLabels + matchExpressions); None -> NOTHING, {} -> EVERYTHING."""
    if raw is None:
        return NOTHING
    if not isinstance(raw, Mapping):
        raise SelectorError(f"{where}: must be a mapping, got {type(raw).__name__}")
    requirements: list[Requirement] = []
    match_labels = raw.get("matchLabels") or {}
    if not isinstance(match_labels, Mapping):
        raise SelectorError(f"{where}.matchLabels: must be a mapping")
    for key, value in match_labels.items():
        requirements.append((str(key), "In", frozenset({"" if value is None else str(value)})))
    expressions = raw.get("matchExpressions") or []
    if not isinstance(expressions, list):
        raise SelectorError(f"{where}.matchExpressions: must be a list")
    for i, expr in enumerate(expressions):
        if not isinstance(expr, Mapping) or "key" not in expr:
            raise SelectorError(f"{where}.matchExpressions[{i}]: needs key and operator")
        op = expr.get("operator")
        values = expr.get("values") or []
        if op not in _OPERATORS:
            raise SelectorError(
                f"{where}.matchExpressions[{i}].operator: {op!r} is not a valid pod selector operator"
                "; allowed: In, NotIn, Exists, DoesNotExist"
            )
        if op in ("In", "NotIn") and not values:
            raise SelectorError(f"{where}.matchExpressions[{i}]: {op} needs at least one value")
        if op in ("Exists", "DoesNotExist") and values:
            raise SelectorError(f"{where}.matchExpressions[{i}]: {op} takes no values")
        requirements.append((str(expr["key"]), op, frozenset(str(v) for v in values)))
    return Selector(tuple(requirements))

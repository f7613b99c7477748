"""What schema validation found: every error of every object, and the objects it could not check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class SchemaViolation:
    """A record (data, not an exception): one field of one object that the API server would reject.

    `path` is the field in kubectl's notation (``spec.template.spec.containers[0].ports[0].containerPort``),
    `value` the offending value (None when a required field is missing). `blueprint` and `tier` come from
    the object's ``app.kubernetes.io/instance`` and ``app.kubernetes.io/component`` labels. `source` is
    the file an object was read from and `source_line` the 1-based line of the field in it (of its nearest
    parent present, for a missing field); None for objects built in code. For an object a blueprint made
    (`hagen synth`, `synthesize_stream`), `source` is the blueprint's file and `class_name` its class, so
    that the error names where to fix it, as every other error about a blueprint does.
    """

    object_id: str
    path: str
    message: str
    value: Any = None
    blueprint: str | None = None
    tier: str | None = None
    source: str | None = None
    source_line: int | None = None
    class_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "object": self.object_id,
            "path": self.path,
            "message": self.message,
            "value": self.value,
            "blueprint": self.blueprint,
            "tier": self.tier,
            "source": self.source,
            "line": self.source_line,
            "class": self.class_name,
        }

    def line(self) -> str:
        """One line of text output: where (``file:line:``), which field, what is wrong."""
        where = f"{self.source}:{self.source_line}" if self.source_line else self.source
        where = "".join(f"{part}: " for part in (where, self.class_name) if part)
        origin = "/".join(p for p in (self.blueprint, self.tier) if p)
        origin = f" [{origin}]" if origin else ""
        field = f" {self.path}:" if self.path else ""
        return f"{where}{self.object_id}{origin}:{field} {self.message}"


SchemaError = SchemaViolation  # the record's former name, kept for code inside hagen


def declared_in(
    errors: Iterable[SchemaViolation], file: str | None, class_name: str | None
) -> list[SchemaViolation]:
    """`errors` of objects a blueprint made, naming the blueprint's `file` and `class_name` (the form of
    every error about a blueprint: ``blueprints/shop.py: Shop: ...``)."""
    return [replace(e, source=file, class_name=class_name) for e in errors]


@dataclass(frozen=True, slots=True)
class NotValidated:
    """An object no schema was found for (a custom resource, or a kind this Kubernetes version lacks), or
    plain data beside manifests (no apiVersion and no kind: Helm values), whose `object_id` is empty."""

    object_id: str
    reason: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"object": self.object_id, "reason": self.reason, "source": self.source}


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating a set of objects against one Kubernetes version."""

    kube_version: str
    errors: tuple[SchemaViolation, ...]
    validated: tuple[str, ...]
    not_validated: tuple[NotValidated, ...]
    notes: tuple[str, ...] = ()
    """What the reading did besides validating: the out folder's interrupted write it finished or discarded
    first (`validate_paths(out_dir=)`), in the words `hagen synth` and `hagen diff` say it."""

    @property
    def ok(self) -> bool:
        """True when no validated object has an error (objects not validated do not make it false)."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "kube_version": self.kube_version,
            "ok": self.ok,
            "validated": len(self.validated),
            "errors": [e.to_dict() for e in self.errors],
            "not_validated": [n.to_dict() for n in self.not_validated],
            "notes": list(self.notes),
        }

    def text(self) -> str:
        """Human-readable report: errors, then what was not validated, then a summary line."""
        lines = [f"error: {e.line()}" for e in self.errors]
        for item in self.not_validated:
            where = f"{item.source}: " if item.source else ""
            named = f"{item.object_id}: " if item.object_id else ""  # plain data (values) has no identity
            lines.append(f"not validated: {where}{named}{item.reason}")
        bad = len({e.object_id for e in self.errors})
        lines.append(
            f"{_count(len(self.validated), 'object')} validated against Kubernetes {self.kube_version}: "
            f"{_count(len(self.errors), 'error')} in {_count(bad, 'object')}, "
            f"{len(self.not_validated)} not validated"
        )
        return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"

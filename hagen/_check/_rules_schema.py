"""Schema and API-server validation errors as findings (`schema.invalid`), so that `hagen check` reports
what `hagen validate` and the check before `hagen synth` writes would refuse, in the same report."""

from __future__ import annotations

from collections.abc import Iterable

from .._finding import Finding
from ._catalog import RULES
from ._context import CheckContext
from ._lines import FileLines


def schema_rules(ctx: CheckContext) -> Iterable[Finding]:
    """A `schema.invalid` error per field the Kubernetes schema or the API server's rules refuse
    (hagen._validate.validate_objects at the context's Kubernetes version, a target's `kube_version`, else
    hagen's default); nothing for no objects."""
    if not ctx.objects:
        return []
    from .._validate import validate_objects  # compiled schemas load only when there is something to check

    report = validate_objects(ctx.objects, ctx.kube_version)
    rule = RULES["schema.invalid"]
    lines = FileLines(ctx.texts)  # the text synth would write now, never a possibly stale out/
    return [
        Finding(
            rule.id,
            rule.severity,
            f"{error.path}: {error.message}" if error.path else error.message,
            fix=rule.fix,
            blueprint=error.blueprint or ctx.blueprint,
            tier=error.tier,
            object_id=error.object_id,
            file=(file := ctx.file_of(error.object_id)),
            line=lines.of(file, error.object_id, error.path) if file else None,
        )
        for error in report.errors
    ]

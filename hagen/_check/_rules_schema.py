"""Schema and API-server validation errors as findings (`schema.invalid`), so that `hagen check` reports
what `hagen validate` and the check before `hagen synth` writes would refuse, in the same report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .._finding import Finding
from .._validate._messages import path_parts
from ._catalog import RULES
from ._context import CheckContext


def schema_rules(ctx: CheckContext) -> Iterable[Finding]:
    """A `schema.invalid` error per field the Kubernetes schema or the API server's rules refuse
    (hagen._validate.validate_objects at the context's Kubernetes version, a target's `kube_version`, else
    hagen's default); nothing for no objects."""
    if not ctx.objects:
        return []
    from .._validate import validate_objects  # compiled schemas load only when there is something to check

    report = validate_objects(ctx.objects, ctx.kube_version)
    rule = RULES["schema.invalid"]
    lines = _Lines()
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


class _Lines:
    """Lines of fields in the files on disk that hold the objects (each file read once, only for an
    error): a code-scanning annotation then sits on the field, not on line 1. None where the file is not
    on disk (out/ not written yet) or does not hold the object."""

    def __init__(self) -> None:
        self._files: dict[str, Callable[[str, tuple[str | int, ...]], int | None] | None] = {}

    def of(self, file: str, object_id: str, path: str) -> int | None:
        if file not in self._files:
            from .._diff._locate import object_locator

            try:
                self._files[file] = object_locator(Path(file).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self._files[file] = None
        find = self._files[file]
        return find(object_id, path_parts(path)) if find is not None else None

"""Offline, strict validation of Kubernetes objects against the OpenAPI schemas of one version."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .._errors import InputError
from .._objects import Object, object_id
from ._api import api_errors
from ._api._field import Error
from ._messages import describe, field_path, path_parts
from ._misread import Misread, applies, explain, misread_scalars
from ._read import identity as _identity
from ._read import malformed, read_objects, yaml_files
from ._report import NotValidated, SchemaError, ValidationReport
from ._schemas import SchemaSet, resolve_version, schema_set

BLUEPRINT_LABEL = "app.kubernetes.io/instance"
TIER_LABEL = "app.kubernetes.io/component"


def _origin(obj: Object) -> tuple[str | None, str | None]:
    """(blueprint, tier) from metadata.labels app.kubernetes.io/instance and app.kubernetes.io/component."""
    meta = obj.get("metadata")
    labels = meta.get("labels") if isinstance(meta, dict) else None
    if not isinstance(labels, dict):
        return None, None
    blueprint, tier = labels.get(BLUEPRINT_LABEL), labels.get(TIER_LABEL)
    return (str(blueprint) if blueprint else None, str(tier) if tier else None)


Sourced = tuple[Object | None, str | None, SchemaError | None]
"""An object and the file it came from, or (None, source, error) for one that is not a readable object."""


def _checked(obj: Object, source: str | None) -> Sourced:
    # Objects built in code: no YAML key typing to go wrong, and the walk and the size would cost more
    # than the validation (a key that is not a string still fails below, in the validator).
    problem = malformed(obj, keys=False, measure=False)
    if problem is None:
        return obj, source, None
    path, message = problem
    return None, source, SchemaError(_identity(obj), field_path(path), message, None, source=source)


Lines = Callable[[Object, str], int | None]
"""The 1-based line of a field (kubectl path) of an object read from a file, None when it was not read."""


def _validate(
    sourced: Iterable[Sourced],
    kube_version: str | None,
    misread: Callable[[Object], dict[str, Misread]] | None = None,
    lines: Lines | None = None,
) -> ValidationReport:
    """Validate the objects of `sourced`; for those read from files, `misread` gives how go-yaml v2 reads
    an object's plain scalars and `lines` a field's line (asked only for an object with errors)."""
    version = resolve_version(kube_version)
    schemas = schema_set(version)
    major, _, minor_text = version.partition(".")
    minor = (int(major), int(minor_text))
    errors: list[SchemaError] = []
    validated: list[str] = []
    skipped: list[NotValidated] = []
    for obj, source, problem in sourced:
        if obj is None:
            if problem is not None:
                errors.append(problem)
            continue
        oid = object_id(obj)
        api_version, kind = obj.get("apiVersion"), obj.get("kind")
        if api_version is None and kind is None:
            # Helm values, helmfiles and other configuration beside manifests: data, not an object.
            skipped.append(NotValidated("", "not a Kubernetes object (no apiVersion, no kind)", source))
            continue
        if not isinstance(api_version, str) or not isinstance(kind, str) or not api_version or not kind:
            field = "apiVersion" if not isinstance(api_version, str) or not api_version else "kind"
            errors.append(
                SchemaError(oid, field, f"required field {field!r} is missing", None, source=source)
            )
            continue
        validator = schemas.validator(api_version, kind)
        if validator is None:
            reason = (
                f"no schema for {api_version} {kind} in Kubernetes {version} (custom resource or removed API)"
            )
            skipped.append(NotValidated(oid, reason, source))
            continue
        validated.append(oid)
        # Most objects are valid: the schema, its definitions, the hints and the origin labels are only
        # looked up for an object that has something to report.
        try:
            raws = list(validator.iter_errors(obj))
            triples = _described(raws, schemas, api_version, kind) if raws else []
        except ValueError as exc:  # not JSON data: a key that is not a string
            blueprint, tier = _origin(obj)
            errors.append(SchemaError(oid, "", f"not JSON data: {exc}", None, blueprint, tier, source))
            continue
        from_schema = bool(triples)  # the API server's rules only see objects the schema accepts
        if not from_schema:
            triples = api_errors(obj, minor)
            if not triples:
                continue
        if from_schema:
            triples = _with_versions(triples, obj, api_version, kind, version)
        blueprint, tier = _origin(obj)
        hints = misread(obj) if misread is not None and from_schema else {}
        found: list[SchemaError] = []
        for path, value, message in triples:
            if applies(hints.get(path), value):
                message = explain(message, hints[path])
            line = lines(obj, path) if lines is not None else None
            found.append(SchemaError(oid, path, message, value, blueprint, tier, source, line))
        found.sort(key=lambda e: (e.path, e.message))
        errors.extend(found)
    return ValidationReport(version, tuple(errors), tuple(validated), tuple(skipped))


def _with_versions(
    triples: list[Error], obj: Object, api_version: str, kind: str, version: str
) -> list[Error]:
    """Each unknown field (without a close spelling to suggest) that a newer Kubernetes knows says so."""
    from ._since import UNKNOWN, known_from

    paths = [p for p, _, m in triples if m.startswith(UNKNOWN) and "did you mean" not in m]
    if not paths:
        return triples
    since = known_from(obj, api_version, kind, version, paths)
    return [
        (
            p,
            v,
            f"{m}: {kind} has it from Kubernetes {since[p]}; this validates against {version} "
            "(kube_version of the project or target, or --kube-version)",
        )
        if p in since and m.startswith(UNKNOWN)
        else (p, v, m)
        for p, v, m in triples
    ]


def _described(raws: list[Any], schemas: SchemaSet, api_version: str, kind: str) -> list[Error]:
    """The schema errors of one object as (path, value, message), worded by `describe`."""
    schema = schemas.schema(api_version, kind) or {}
    definitions = schemas.definitions()
    return [triple for raw in raws for triple in describe(raw, schema, definitions)]


def validate_objects(
    objects: Iterable[Object], kube_version: str | None = None, *, source: str | None = None
) -> ValidationReport:
    """Validate every object strictly (unknown fields are errors); report all errors, not only the first.

    An object that satisfies its schema is then checked as the API server checks it on create
    (`hagen._validate._api`: cross-field rules, names, enums, quantities), with the API server's words.

    `kube_version` is a minor version such as "1.33" (default DEFAULT_KUBE_VERSION). Objects of kinds
    with no schema (custom resources) are listed in `not_validated`, never counted as valid.
    """
    return _validate((_checked(obj, source) for obj in objects), kube_version)


def load_sourced(paths: Sequence[str | Path]) -> list[tuple[Object, str]]:
    """Every Kubernetes object in the YAML files under `paths`, with the file it came from.

    InputError for a file that cannot be read (see `hagen._validate._read`) or holds a malformed object.
    """
    files, _ = yaml_files(paths)
    sourced: list[tuple[Object, str]] = []
    for file in files:
        for obj, source, problem in read_objects(file):
            if problem is not None:
                raise InputError(problem.line())
            if obj is not None:
                sourced.append((obj, source))
    return sourced


def validate_paths(
    paths: str | Path | Sequence[str | Path],
    kube_version: str | None = None,
    *,
    out_dir: str | Path | None = None,
) -> ValidationReport:
    """Validate every object of the YAML files (or directories of them) at `paths` (one path or several,
    str or Path; a str is a path, never its characters); see validate_objects.

    `out_dir`: the out folder `hagen synth` writes (the project's). When a path is that folder or inside
    it, a write of it that a killed `hagen synth` left half-applied is finished or discarded first
    (`hagen._output.recover_output`, as synth, diff, place and report do), so that what is validated is
    exactly the old or the new tree; the report's `notes` say so. OutputError when that recovery is due
    and the folder cannot be written.

    Objects are read and validated one file at a time, so memory follows the largest file, not the tree.
    A malformed object is an error of the report; symlinks leading out of a directory are not followed
    and are listed as not validated. A field whose plain scalar Kubernetes types differently from what the
    schema requires (``value: y`` is a boolean) is reported with its line, how go-yaml v2 reads it and
    the fix.

    InputError for a blueprint path (`hagen.split_paths`: a .py file or a folder holding blueprints, whose
    YAML files are its values files and chart copies, not manifests) and for a path that does not exist.
    """
    from .._sources import inside, split_paths
    from ._read import blueprint_given

    listed = [paths] if isinstance(paths, str | Path) else list(paths)
    blueprints, _ = split_paths(listed)
    if blueprints:
        first = blueprints[0]
        raise InputError(
            blueprint_given(first, "a blueprint" if first.suffix == ".py" else "a folder of blueprints")
        )
    recovery = None
    if out_dir is not None and inside(listed, out_dir):  # the output package only where out/ is read
        from .._output import recover_output

        recovery = recover_output(out_dir)
    files, outside = yaml_files(listed)
    current: list[_Reading] = []  # the file being validated: its objects are done before the next is read

    def items() -> Iterable[Sourced]:
        for file in files:
            positions: dict[int, tuple[int, int | None]] = {}
            read = list(read_objects(file, positions))
            current[:] = [_Reading(file, read, positions)]
            yield from read

    report = _validate(
        items(), kube_version, lambda o: current[0].hints(o), lambda o, p: current[0].line(o, p)
    )
    if outside:
        report = replace(report, not_validated=(*report.not_validated, *outside))
    return replace(report, notes=(recovery,)) if recovery else report


class _Reading:
    """A file being validated, and what only an error in it needs, made at its first error and once: its
    text composed again, for the lines of fields and for how go-yaml v2 reads its plain scalars."""

    def __init__(
        self, file: Path, read: Sequence[Sourced], positions: dict[int, tuple[int, int | None]]
    ) -> None:
        self.file, self.read, self.positions = file, read, positions
        self._text: str | None = None
        self._find: Callable[[tuple[int, int | None], tuple[str | int, ...]], int] | None = None
        self._hints: dict[int, dict[str, Misread]] | None = None

    def text(self) -> str:
        if self._text is None:
            self._text = self.file.read_text(encoding="utf-8")
        return self._text

    def line(self, obj: Object, path: str) -> int | None:
        pos = self.positions.get(id(obj))
        if pos is None:
            return None
        if self._find is None:
            from .._diff._locate import locator

            self._find = locator(self.text())
        return self._find(pos, path_parts(path))

    def hints(self, obj: Object) -> dict[str, Misread]:
        if self._hints is None:
            self._hints = {}
            if _has_plain_non_strings([o for o, _, _ in self.read if o is not None]):
                hints = misread_scalars(self.text())
                if len(hints) == len(self.read):  # one entry per object position; else plain messages
                    self._hints = {id(o): h for (o, _, _), h in zip(self.read, hints, strict=True) if o}
        return self._hints.get(id(obj), {})


def _has_plain_non_strings(objects: list[Object]) -> bool:
    """Cheap pre-check: only files holding a boolean, number or null leaf are composed again for lines."""
    stack: list[object] = list(objects)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif node is None or isinstance(node, bool | float):
            return True
    return False

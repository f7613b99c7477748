"""`hagen synth` to files without every object alive at once: each object is validated and its file's text
made as soon as it is final, then dropped (`synthesize_each`).

What the later, cross-object steps need is all that is kept per object (`Made`): its id, file name, text,
validation outcome, and the object itself only when it is cluster-scoped (conflicts between blueprints
compare such objects' content). A value no YAML reader reads back raises at once, as `synthesize` raises
it (an error of synthesis). A failure found while an object is made that a later step finds in a whole
synthesis (a file name two objects share, a schema error) is kept and raised at the step where rendering
or validation of the whole synthesis raised it, so the errors, their order and the all-or-nothing write
are those of a whole synthesis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._blueprint import BlueprintSpec
from .._errors import HagenError
from .._finding import Finding
from .._objects import Object, is_cluster_scoped
from .._synth import Synthesis
from .._synth._synthesis import in_blueprint, synthesize_identified
from .._yaml import dump_documents
from ._layout import blueprint_files, header, object_document, object_filename, shared_file_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._validate import NotValidated, SchemaError, ValidationReport

Check = Callable[[list[Object]], "ValidationReport"]


@dataclass(slots=True)
class Made:
    """One object as later steps need it: id, file name (under out/<blueprint>/), the file's text, and its
    validation outcome (`validated` False with nothing in `skipped` when validation was not run)."""

    oid: str
    name: str
    text: str | None
    errors: tuple[SchemaError, ...] = ()
    validated: bool = False
    skipped: tuple[NotValidated, ...] = ()


BATCH = 256
"""Objects validated per `validate_objects` call: its set-up per call, paid per object, cost more than
holding this many objects."""


def _validated(check: Check, batch: list[tuple[Made, Object]]) -> None:
    """Validate the objects of `batch` in one call and give each record its own outcome."""
    report = check([obj for _, obj in batch])
    if len(batch) == 1:
        item = batch[0][0]
        item.errors, item.skipped = report.errors, report.not_validated
        item.validated = bool(report.validated)
        return
    ids = {item.oid for item, _ in batch}
    entries: list[SchemaError | NotValidated] = [*report.errors, *report.not_validated]
    if len(ids) != len(batch) or any(e.object_id not in ids for e in entries):
        for pair in batch:  # outcomes that ids cannot tell apart: one object per call
            _validated(check, [pair])
        return
    errors: dict[str, list[SchemaError]] = {}
    for error in report.errors:
        errors.setdefault(error.object_id, []).append(error)
    skipped: dict[str, list[NotValidated]] = {}
    for entry in report.not_validated:
        skipped.setdefault(entry.object_id, []).append(entry)
    valid = set(report.validated)
    for item, _ in batch:
        item.errors = tuple(errors.get(item.oid, ()))
        item.validated = item.oid in valid
        item.skipped = tuple(skipped.get(item.oid, ()))


@dataclass(frozen=True)
class Streamed:
    """A Synthesis of which only the kept parts remain: `made` per object in hagen's order, `objects`
    the cluster-scoped objects alone (what `conflict_findings` compares), values, extras and findings."""

    blueprint: BlueprintSpec
    objects: list[Object]
    made: list[Made]
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    prefix: str = ""
    """The opening comment every file's text starts with, held once: each `made` text is what follows."""


def object_check(kube_version: str | None) -> Check | None:
    """Validation of one object against `kube_version`, or None when the version itself is refused (that
    error is then raised where the whole synthesis was validated: after rendering and hydration)."""
    from .._validate import validate_objects

    try:
        validate_objects((), kube_version)
    except HagenError:
        return None
    return lambda objects: validate_objects(objects, kube_version)


def streams(spec: BlueprintSpec) -> bool:
    """True for a blueprint whose objects can be made, checked and rendered one at a time: one without
    Helm releases (their values are checked against a chart, and a chart may be hydrated among the
    objects)."""
    return not spec.releases


def stream_synthesis(
    spec: BlueprintSpec, check: Check | None, document: Callable[[Object], str] | None = None
) -> Streamed:
    """`synthesize(spec)` with each object rendered and, with `check`, validated as it is made; the same
    errors as `synthesize`, raised at once. Each text is the object's file as `render` writes it, or
    `document(obj)` (`hagen synth --stdout`: `object_document`). For files, only `streams(spec)`
    blueprints (the others may hydrate a chart among their objects)."""
    from .._synth._synthesis import _releases_and_extras, storage_classes  # the parts besides the objects

    # A file's text is its header and its document: the header (130 bytes, the same for every file of
    # the blueprint) is held once and joined when the file is written, not 30,000 times.
    prefix = "" if document is not None else dump_documents([], header(Synthesis(spec, [])))
    namespace = spec.namespace
    text_of = document or (lambda obj: dump_documents([obj]))
    scoped: list[Object] = []

    pending: list[tuple[Made, Object]] = []

    def made(obj: Object, oid: str) -> Made:
        if is_cluster_scoped(obj):
            scoped.append(obj)
        # A value no reader reads back raises here, as `synthesize` raises it (`emits`): a synthesis error.
        item = Made(oid, object_filename(obj, namespace), text_of(obj))
        if check is not None:
            pending.append((item, obj))
            if len(pending) == BATCH:
                _validated(check, pending)
                pending.clear()
        return item

    kept = synthesize_identified(spec, made, emits=True)
    if check is not None and pending:
        _validated(check, pending)
        pending.clear()
    values, extras, findings = _releases_and_extras(spec, storage_classes(spec), None)
    # their order within one blueprint does not matter: each id is there once (or synthesis raised)
    return Streamed(spec, scoped, kept, values, extras, findings, prefix)


def streamed_files(streamed: Streamed) -> Mapping[str, str]:
    """`render` of a streamed synthesis: the same files and texts (in hagen's order of the objects, then
    the blueprint's own files), and the same first error. Each object file's text is made when it is
    read (`Headed`)."""
    spec = streamed.blueprint
    synthesis = Synthesis(spec, [], streamed.values, streamed.extras, streamed.findings)
    owners: dict[str, Made] = {}
    names: list[str] = []
    for item in streamed.made:
        first = owners.setdefault(item.name, item)
        if first is not item:
            raise shared_file_error(spec, item.name, first.oid, item.oid)
        names.append(item.name)
    del owners
    folder = f"{spec.name}/"
    # in hagen's order, not sorted by path: the writer sorts the paths alone (no pair per file)
    bodies = {folder + item.name: item.text or "" for item in streamed.made}
    return Headed(streamed.prefix, bodies, blueprint_files(synthesis, names, header(synthesis)))


class Headed(Mapping[str, str]):
    """Files (relative path -> text) of which most share their opening lines: `prefix` + a body of
    `bodies`, joined each time a text is read; `whole` holds the other files' complete texts and wins
    over `bodies` for a path both name. Read-only, and each text the same at every read."""

    def __init__(self, prefix: str, bodies: dict[str, str], whole: dict[str, str]) -> None:
        for path in whole:
            bodies.pop(path, None)  # taken over, not copied: the caller's dict is this mapping's now
        self._prefix, self._bodies, self._whole = prefix, bodies, whole

    def __getitem__(self, path: str) -> str:
        body = self._bodies.get(path)
        return self._prefix + body if body is not None else self._whole[path]

    def __contains__(self, path: object) -> bool:
        return path in self._bodies or path in self._whole

    def __iter__(self) -> Iterator[str]:
        yield from self._bodies
        yield from self._whole

    def __len__(self) -> int:
        return len(self._bodies) + len(self._whole)


class Layered(Mapping[str, str]):
    """Mappings read as one, each path's text from the last of `layers` that holds it (as a dict updated
    with each in turn, without copying them into one)."""

    def __init__(self, layers: Sequence[Mapping[str, str]]) -> None:
        self._layers = list(reversed(layers))

    def __getitem__(self, path: str) -> str:
        for layer in self._layers:
            if path in layer:
                return layer[path]
        raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(path for layer in reversed(self._layers) for path in layer))

    def __len__(self) -> int:
        return len(dict.fromkeys(path for layer in self._layers for path in layer))


class Stream(list[str]):
    """What `hagen synth --stdout` prints (`hagen.synthesize_stream`): one ``---`` YAML document per
    object, in hagen's order, as a list of str; `findings` holds the warnings found on the way (the
    ones `synth` returns in `WriteReport.findings`: Helm values, labels two blueprints set differently on
    one cluster-scoped object), which the CLI prints on stderr, and `notes` what was left out and why
    (a Helm release not hydrated: no chart copy), as `WriteReport.notes`."""

    findings: list[Finding]
    notes: list[str]

    def __init__(
        self, documents: Iterable[str] = (), findings: Iterable[Finding] = (), notes: Iterable[str] = ()
    ) -> None:
        super().__init__(documents)
        self.findings = list(findings)
        self.notes = list(notes)


def streamed_documents(parts: Sequence[Streamed | Synthesis]) -> list[str]:
    """The texts of `parts`' objects in order (`stream_synthesis` with a `document`; a whole, hydrated
    synthesis: `object_document` of each object). A value no reader reads back was refused when the
    synthesis was made (`synthesize`)."""
    texts: list[str] = []
    for part in parts:
        if isinstance(part, Synthesis):
            with in_blueprint(part.blueprint):
                texts.extend(object_document(obj) for obj in part.objects)
            continue
        texts.extend(item.text or "" for item in part.made)
    return texts


def merged_report(parts: Sequence[Streamed | Synthesis], kube_version: str | None) -> ValidationReport:
    """`validate_objects` of every object of `parts` in order: streamed ones from what was kept, whole
    syntheses (hydrated ones) validated here. Each error names the file and class of the blueprint that
    made its object (`declared_in`): the objects are built in code, their blueprint is where to fix them."""
    from .._validate import ValidationReport, validate_objects
    from .._validate._report import declared_in

    version = validate_objects((), kube_version).kube_version  # raises a refused version here
    errors: list[SchemaError] = []
    validated: list[str] = []
    skipped: list[NotValidated] = []
    for part in parts:
        spec = part.blueprint
        if isinstance(part, Synthesis):
            report = validate_objects(part.objects, kube_version)
            errors.extend(declared_in(report.errors, spec.source or None, spec.class_name or None))
            validated.extend(report.validated)
            skipped.extend(report.not_validated)
            continue
        for item in part.made:
            errors.extend(declared_in(item.errors, spec.source or None, spec.class_name or None))
            if item.validated:
                validated.append(item.oid)
            skipped.extend(item.skipped)
    return ValidationReport(version, tuple(errors), tuple(validated), tuple(skipped))

"""The exceptions hagen raises: one root, HagenError (its docstring draws the hierarchy)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._validate import ValidationReport


class HagenError(Exception):
    """Root of every error hagen reports to a user; the CLI turns it into one line and exit code 2.

    Catch it to catch everything hagen means to say to a user::

        HagenError              anything hagen reports to a user (CLI exit code 2)
        ├── BlueprintError      a blueprint is wrong: names the file, blueprint, field, value, what is allowed
        ├── InputError          a file or argument that is not a blueprint is unusable (bad YAML, bad flag)
        │   ├── UnsafeYAMLError YAML that could hang or exploit a reader (alias bombs, language tags)
        │   ├── QuantityError   a string that is not a Kubernetes quantity
        │   └── SelectorError   a label selector the API server would reject
        ├── ChartError          a Helm chart or its values cannot be read or do not fit the chart
        ├── OutputError         hagen refuses to write (a file it did not generate is in the way)
        ├── BlockingFindings    error findings (cross-blueprint conflicts) stop synth; nothing written
        └── InvalidOutput       synthesized objects fail the Kubernetes schema (also named SchemaError)

    QuantityError and SelectorError are ValueErrors too, so that model validators turn them into field
    errors. Any other exception is a bug in hagen: the CLI exits 3 for it.
    """


class BlueprintError(HagenError):
    """A blueprint declares something Kubernetes (or hagen) does not allow.

    The message names where (file, blueprint class, field path), the offending value and what is allowed.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        blueprint: str | None = None,
        field: str | None = None,
        value: Any = None,
        allowed: str | None = None,
    ) -> None:
        self.file = file
        self.blueprint = blueprint
        self.field = field
        self.value = value
        self.allowed = allowed
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = ": ".join(p for p in (self.file, self.blueprint) if p)
        parts = [f"{where}: " if where else ""]
        if self.field:
            parts.append(f"{self.field}: ")
        parts.append(self.reason)
        if self.value is not None and repr(self.value) not in self.reason:
            parts.append(f" (got {self.value!r})")
        if self.allowed:
            parts.append(f"; allowed: {self.allowed}")
        return "".join(parts)

    def located(self, *, file: str | None = None, blueprint: str | None = None) -> BlueprintError:
        """The same error with the file and blueprint filled in where they were not known yet."""
        return BlueprintError(
            self.reason,
            file=self.file or file,
            blueprint=self.blueprint or blueprint,
            field=self.field,
            value=self.value,
            allowed=self.allowed,
        )


class InputError(HagenError):
    """A file, path or argument hagen was given cannot be used."""


class UnsafeYAMLError(InputError):
    """YAML refused before it is built: too many aliases, or a tag that would construct a language object."""


class ChartError(HagenError):
    """A Helm chart cannot be found or read, or generated values do not fit it."""


class OutputError(HagenError):
    """hagen will not write: the target holds a file hagen did not generate, or cannot be replaced."""


class QuantityError(InputError, ValueError):
    """A string that is not a Kubernetes quantity (k8s.io/apimachinery/pkg/api/resource grammar)."""


class SelectorError(InputError, ValueError):
    """A label selector (metav1.LabelSelector) the API server would reject (bad operator, In, no values)."""


class InvalidOutput(HagenError):
    """Synthesized objects fail the Kubernetes schema; nothing was written.

    `reports` maps a target name to its ValidationReport ("" for a project without targets); `report` is
    the only (or first) one. `hagen.SchemaError` names this same class.
    """

    def __init__(self, reports: Mapping[str, ValidationReport]) -> None:
        self.reports = dict(reports)
        texts = [
            f"target {name}:\n{report.text()}" if name else report.text() for name, report in reports.items()
        ]
        super().__init__("\n".join(texts))

    @property
    def report(self) -> ValidationReport:
        """The validation report (of the first failing target, when there are several)."""
        return next(iter(self.reports.values()))


def locate(exc: HagenError, *, file: str | None, blueprint: str | None) -> HagenError:
    """`exc` naming the blueprint `file` and `blueprint` (class) it arose in, as the DSL's errors do.

    A BlueprintError gets what it lacks of the two (`BlueprintError.located`). An InputError or a
    ChartError (plain messages, e.g. a chart that does not render, a value no YAML reader reads back)
    comes back as the same class with ``FILE: BLUEPRINT: `` before its message, unless it starts so
    already. Any other error (OutputError, InvalidOutput, BlockingFindings) names its own places and
    comes back unchanged.
    """
    if isinstance(exc, BlueprintError):
        return exc.located(file=file, blueprint=blueprint)
    if type(exc) not in _PLAIN:
        return exc
    prefix = "".join(f"{part}: " for part in (file, blueprint) if part)
    message = str(exc)
    return exc if message.startswith(prefix) else type(exc)(prefix + message)


@contextmanager
def located_in(file: str | None, blueprint: str | None) -> Iterator[None]:
    """Raise every HagenError of the block as `locate` gives it: the pipeline's stages (synthesize,
    render, hydrate) wrap their work on one blueprint in it, so that every message they raise names the
    blueprint file and class, whichever module raised it."""
    try:
        yield
    except HagenError as exc:
        found = locate(exc, file=file, blueprint=blueprint)
        if found is exc:
            raise
        raise found from None


SchemaError = InvalidOutput
"""What `except hagen.SchemaError` catches: the objects fail the Kubernetes schema (see InvalidOutput)."""

for _exception in (
    HagenError,
    BlueprintError,
    InputError,
    UnsafeYAMLError,
    ChartError,
    OutputError,
    QuantityError,
    SelectorError,
    InvalidOutput,
):
    _exception.__module__ = "hagen"  # tracebacks and reprs name hagen.InputError, the public name
del _exception

_PLAIN: tuple[type[HagenError], ...] = (InputError, UnsafeYAMLError, ChartError, QuantityError, SelectorError)
"""The classes made from a message alone, which `locate` can make again with the place in front."""

"""The exceptions hagen raises.

One root class, so that callers can catch everything hagen means to say to a user::

    HagenError                 anything hagen reports to a user (CLI exit code 2)
    ├── BlueprintError         a blueprint is wrong: names the file, blueprint, field, value, what is allowed
    ├── InputError             a file or argument that is not a blueprint is unusable (bad YAML, bad flag)
    │   └── UnsafeYAMLError    YAML that could hang or exploit a reader (alias bombs, language tags)
    ├── ChartError             a Helm chart or its values cannot be read or do not fit the chart
    └── OutputError            hagen refuses to write (a file it did not generate is in the way)
"""

from __future__ import annotations

from typing import Any


class HagenError(Exception):
    """Root of every error hagen reports to a user; the CLI turns it into one line and exit code 2."""


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

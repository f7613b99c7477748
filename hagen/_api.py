"""The commands as functions: what `hagen synth` does, callable from other tooling."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._blueprint import BlueprintSpec, load_blueprints
from ._errors import HagenError
from ._output import OWNED_RECORD, WriteReport, owned_record, render, write_tree
from ._synth import Synthesis, synthesize

if TYPE_CHECKING:
    from ._validate import ValidationReport

DEFAULT_BLUEPRINTS = "blueprints"
DEFAULT_OUT = "out"

Source = str | Path | BlueprintSpec


def _specs(sources: Sequence[Source]) -> list[BlueprintSpec]:
    specs = [s for s in sources if isinstance(s, BlueprintSpec)]
    paths = [s for s in sources if not isinstance(s, BlueprintSpec)]
    if paths:
        specs.extend(load_blueprints(paths))
    return sorted(specs, key=lambda s: s.name)


def synthesize_all(sources: Sequence[Source] = (DEFAULT_BLUEPRINTS,)) -> list[Synthesis]:
    """Load (where given paths) and synthesize every blueprint, in name order."""
    return [synthesize(spec) for spec in _specs(sources)]


def plan(sources: Sequence[Source] = (DEFAULT_BLUEPRINTS,)) -> dict[str, str]:
    """Every file `hagen synth` would write for these blueprints: relative path under out/ -> text.

    Includes the ownership record (.hagen-owned) as a full synth of exactly these blueprints writes it.
    Nothing is written.
    """
    files: dict[str, str] = {}
    for synthesis in synthesize_all(sources):
        files.update(render(synthesis))
    files[OWNED_RECORD] = owned_record(files.keys())
    return dict(sorted(files.items()))


class InvalidOutput(HagenError):
    """Synthesized objects fail the Kubernetes schema; `report` lists every error. Nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.text())


def synth(
    sources: Sequence[Source] = (DEFAULT_BLUEPRINTS,),
    out_dir: str | Path = DEFAULT_OUT,
    *,
    validate: bool = True,
    kube_version: str | None = None,
) -> WriteReport:
    """Synthesize blueprints into out_dir: everything is rendered (and schema-validated) in memory first,
    then written. Raises InvalidOutput, writing nothing, when an object fails the Kubernetes schema of
    `kube_version` (default: hagen's default version).

    When every source is a folder, owned files of blueprints that no longer exist are removed too;
    otherwise removal is limited to the folders of the blueprints synthesized.
    """
    syntheses = synthesize_all(sources)
    if validate:
        from ._validate import validate_objects

        report = validate_objects([o for s in syntheses for o in s.objects], kube_version)
        if not report.ok:
            raise InvalidOutput(report)
    files: dict[str, str] = {}
    for synthesis in syntheses:
        files.update(render(synthesis))
    complete = all(not isinstance(s, BlueprintSpec) and Path(s).is_dir() for s in sources)
    scope = None if complete else {s.blueprint.name for s in syntheses}
    return write_tree(files, Path(out_dir), scope)

"""The values of a release, checked: merged layers, then the chart's schema or keys, then the release's
own review (plain-text secrets). This is what `hagen synth` writes to helm/<release>/values.yaml: the
merged layers without the nulls that would reach the chart's templates (see `drop_nulls`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import ChartError
from .._finding import Finding
from ._chart import ChartCopy, chart_copy_for
from ._keys import check_keys
from ._merge import Values, drop_nulls
from ._release import HelmRelease
from ._renames import RENAMES
from ._schema import check_schema


@dataclass(frozen=True)
class ValuesCheck:
    """The merged values of one release and what they were checked against."""

    release: str
    values: Values
    checked_against: str
    """What the values were checked against: a chart's schema or values.yaml, a model's keys, or nothing."""
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that stop hagen from writing these values."""
        return tuple(f for f in self.findings if f.severity == "error")


def find_release_chart(
    release: HelmRelease,
    base_dir: Path | str,
    chart_path: Path | str | None = None,
    *,
    cache: Path | None = None,
) -> ChartCopy | None:
    """The local chart copy for `release`: `chart_path` (a project's `--chart` copy), the release's own
    chart_path (relative to the blueprint folder `base_dir`), else NAME-VERSION.tgz in Helm's repository
    cache folder `cache` (a Project's helm_cache; None: not looked in); None when there is none.
    A release loaded with its copy (`HelmRelease.loaded`) returns that one and reads nothing."""
    loaded = getattr(release, "_loaded", None)
    if loaded is not None and chart_path is None:
        copy: ChartCopy | None = loaded[1]
        return copy
    declared = Path(base_dir) / release.chart_path if release.chart_path else None
    given = Path(chart_path) if chart_path is not None else None
    return chart_copy_for(release.chart.name, release.version, given, declared, cache=cache)


def load_release(
    release: HelmRelease, base_dir: Path | str, charts: Mapping[str, Path], cache: Path | None
) -> HelmRelease:
    """`release` with its values files and its chart copy read (see `HelmRelease.loaded`): what the
    project loader does once, so that synthesis reads nothing. `charts`: release name -> chart copy."""
    files = tuple(release.file_values(Path(base_dir)))
    copy = find_release_chart(release, base_dir, charts.get(release.name), cache=cache)
    return release.loaded(files, copy)


def check_release(
    release: HelmRelease, base_dir: Path | str = ".", chart_path: Path | str | None = None
) -> ValuesCheck:
    """Merge the release's values and check them (see the module docstring); raises only for unreadable
    input (ChartError, BlueprintError), reporting value problems as findings.

    A release loaded by `load_blueprints`/`load_project` carries its values files and chart copy;
    otherwise they are read under `base_dir` (the blueprint's folder, str or Path) and from
    `chart_path`, and Helm's cache is not looked in."""
    merged = release.merged_values(base_dir)
    renames = RENAMES.get(release.chart.name, ())
    copy = find_release_chart(release, base_dir, chart_path)
    label = f"chart {release.chart.name} {release.version}"
    # Keys are checked as written (a misspelt key set to null is still a typo); the schema sees what Helm
    # validates: the values hagen writes, coalesced with the chart's defaults.
    values, dropped = drop_nulls(merged, copy.values if copy is not None else None)
    findings: list[Finding] = []
    if copy is not None and copy.schema is not None:
        against = f"values.schema.json of {label} ({copy.source})"
        findings += check_schema(values, copy.values, copy.schema, chart=label)
    elif copy is not None:
        against = f"values.yaml of {label} ({copy.source})"
        findings += check_keys(merged, copy.values, chart=label, renames=renames)
    elif (known := release.known_keys()) is not None:
        against = f"the keys hagen's {type(release).__name__} model knows"
        findings += check_keys(
            merged, known, chart=f"{label} as hagen models it", renames=renames, unknown_severity="warning"
        )
    else:
        against = "nothing"
    if copy is None and dropped:
        findings.append(_nulls_dropped(release, label, dropped))
    if copy is None:
        findings.append(
            Finding(
                "helm.chart-not-found",
                "info",
                f"release {release.name}: no local copy of {label}, so its values were checked against "
                f"{against}",
                fix=f"run `helm pull {release.chart.reference} --version {release.version}` and pass "
                "the .tgz (chart_path= or --chart), or install it once so Helm caches it",
            )
        )
    findings += release.review(values)
    located = tuple(_at(f, release.name) for f in findings)
    # The finding already says the copy is missing; the summary, read alone (ChartError), says it too.
    summary = f"{against} (no copy of {label} found)" if copy is None and against != "nothing" else against
    return ValuesCheck(release.name, values, summary, located)


def _nulls_dropped(release: HelmRelease, label: str, dropped: list[str]) -> Finding:
    """Without a chart copy every null is dropped; say so, since one meant to remove a default fails."""
    paths = ", ".join(dropped)
    return Finding(
        "helm.null-dropped",
        "info",
        f"release {release.name}: null dropped from the written values at {paths}: with no copy of {label} "
        "hagen cannot tell whether the chart has a default there to remove, and Helm hands a null the "
        "chart has no default for to its templates",
        fix="give hagen the chart (chart_path= or --chart RELEASE=PATH) so that a null removing a chart "
        "default is kept; or set the value you want instead of null",
    )


def _at(finding: Finding, release: str) -> Finding:
    if finding.message.startswith("release "):
        return finding
    return Finding(
        finding.id,
        finding.severity,
        f"release {release}: {finding.message}",
        finding.fix,
        finding.blueprint,
        finding.tier,
        finding.object_id,
        finding.file,
    )


def release_values(
    release: HelmRelease, base_dir: Path | str = ".", chart_path: Path | str | None = None
) -> Values:
    """The values to write for `release` (out/<blueprint>/helm/<release>/values.yaml).

    Raises ChartError listing every error finding (unknown or renamed keys, schema violations, a
    plain-text admin password) so that nothing is written.
    """
    return writable(check_release(release, base_dir, chart_path)).values


def writable(result: ValuesCheck) -> ValuesCheck:
    """`result` itself when it has no error finding; else ChartError listing every error, so that nothing
    is written. Warnings and info findings travel on with the result."""
    if result.errors:
        lines = "\n".join(f"  - {f.message}" + (f" (fix: {f.fix})" if f.fix else "") for f in result.errors)
        raise ChartError(f"values of release {result.release} do not fit {result.checked_against}:\n{lines}")
    return result


def check_chart_names(charts: Mapping[str, object], releases: Iterable[str]) -> None:
    """Refuse a chart copy given for a release no blueprint declares (`--chart jenkns=PATH`): it would be
    silently unused. Raises InputError naming the releases that exist."""
    from .._errors import InputError

    known = sorted(set(releases))
    for name in sorted(charts):
        if name not in known:
            listed = ", ".join(known) or "none"
            raise InputError(f"--chart {name}=...: no release is named {name!r}; releases: {listed}")

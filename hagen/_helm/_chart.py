"""Finding a local copy of a chart and reading its values.yaml and values.schema.json.

A copy is a chart directory or the ``NAME-VERSION.tgz`` that ``helm pull`` leaves (and that Helm keeps in
its repository cache after an install). Archives are read in memory, member by member: nothing is
extracted to disk, and members are size-bounded, so a hostile archive can neither write outside a folder
nor exhaust memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ChartError, HagenError
from ._merge import Values

MAX_MEMBER_BYTES = 8 * 1024 * 1024
"""Largest Chart.yaml / values.yaml / values.schema.json hagen reads from a chart."""
_FILES = ("Chart.yaml", "values.yaml", "values.schema.json")


@dataclass(frozen=True)
class ChartCopy:
    """What hagen reads from a chart: its name and version, default values and optional JSON schema."""

    name: str
    version: str
    values: Values
    schema: dict[str, Any] | None
    source: str
    """Where it was read from (a directory or archive path), for messages."""


def find_chart_copy(
    name: str, version: str, *candidates: Path | None, cache: Path | None = None
) -> Path | None:
    """The first existing path among `candidates` (command line, blueprint), else NAME-VERSION.tgz in
    Helm's repository cache folder `cache` (a Project's `helm_cache`; None: not looked for)."""
    for candidate in candidates:
        if candidate is not None:
            if not candidate.exists():
                raise ChartError(f"{candidate}: no chart here (expected a chart directory or a .tgz)")
            return candidate
    if cache is None:
        return None
    cached = cache / f"{name}-{version}.tgz"
    return cached if cached.is_file() else None


def _parse(files: dict[str, bytes], source: str) -> ChartCopy:
    from .._yaml import load_documents  # PyYAML only when a chart copy is read

    if "Chart.yaml" not in files:
        raise ChartError(f"{source}: not a Helm chart (no Chart.yaml)")
    try:
        meta = load_documents(files["Chart.yaml"].decode("utf-8"), f"{source}/Chart.yaml")
        values_docs = load_documents(files.get("values.yaml", b"").decode("utf-8"), f"{source}/values.yaml")
        schema = json.loads(files["values.schema.json"]) if "values.schema.json" in files else None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ChartError(f"{source}: unreadable chart file: {exc}") from None
    except HagenError as exc:
        raise ChartError(str(exc)) from None
    chart = meta[0] if meta and isinstance(meta[0], dict) else {}
    values = values_docs[0] if values_docs and isinstance(values_docs[0], dict) else {}
    if not chart.get("name") or not chart.get("version"):
        raise ChartError(f"{source}: Chart.yaml has no name or version")
    if schema is not None and not isinstance(schema, dict):
        raise ChartError(f"{source}: values.schema.json is not a JSON object")
    return ChartCopy(str(chart["name"]), str(chart["version"]), values, schema, source)


def _read_directory(path: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in _FILES:
        member = path / name
        if member.is_file():
            if member.stat().st_size > MAX_MEMBER_BYTES:
                raise ChartError(f"{member}: larger than {MAX_MEMBER_BYTES} bytes; refused")
            files[name] = member.read_bytes()
    return files


def _read_archive(path: Path) -> dict[str, bytes]:
    import tarfile  # lazily: with gzip, bz2 and lzma it costs more than the rest of this module

    files: dict[str, bytes] = {}
    try:
        with tarfile.open(path, mode="r:*") as archive:
            for member in archive:
                top, _, rest = member.name.partition("/")
                # Only the chart's own files (CHART/values.yaml), never those of subcharts (CHART/charts/...).
                if rest not in _FILES or not member.isfile() or top in ("", ".", ".."):
                    continue
                if member.size > MAX_MEMBER_BYTES:
                    raise ChartError(
                        f"{path}: {member.name} is larger than {MAX_MEMBER_BYTES} bytes; refused"
                    )
                stream = archive.extractfile(member)
                if stream is not None and rest not in files:
                    files[rest] = stream.read(MAX_MEMBER_BYTES + 1)
    except tarfile.ReadError:  # its text lists every compression tried, one line each: say it once
        raise ChartError(
            f"{path}: not a readable chart archive: it does not read as a tar archive (plain, gzip, bzip2 "
            "or xz); expected a .tgz as `helm pull` leaves it"
        ) from None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ChartError(f"{path}: not a readable chart archive: {exc}") from None
    return files


def load_chart_copy(path: Path) -> ChartCopy:
    """Chart.yaml, values.yaml and values.schema.json of the chart directory or .tgz at `path`."""
    files = _read_directory(path) if path.is_dir() else _read_archive(path)
    return _parse(files, str(path))


def chart_copy_for(
    name: str, version: str, *candidates: Path | None, cache: Path | None = None
) -> ChartCopy | None:
    """The chart copy for `name` at `version` (see find_chart_copy), or None when there is none.

    A copy of another chart or another version is an error: checking against it would accept keys the
    pinned version lacks, or refuse keys it has.
    """
    path = find_chart_copy(name, version, *candidates, cache=cache)
    if path is None:
        return None
    copy = load_chart_copy(path)
    if copy.name != name or copy.version.lstrip("v") != version.lstrip("v"):
        raise ChartError(
            f"{path}: the chart copy is {copy.name} {copy.version}, but the release pins {name} {version}; "
            f"fetch the pinned one with `helm pull REPO/{name} --version {version}`"
        )
    return copy

"""Finding blueprints: import Python files and collect their Blueprint subclasses (I/O lives here)."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._errors import BlueprintError, InputError
from ._messages import blueprint_error, origin, user_code_error
from ._spec import Blueprint, BlueprintSpec, build_spec


def blueprint_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .py files under `paths` (files as given, folders searched recursively), sorted, no duplicates.

    Files and folders whose name starts with "_" or "." are helpers, not blueprints.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in path.rglob("*.py"):
                rel = file.relative_to(path).parts
                if not any(part.startswith(("_", ".")) for part in rel):
                    found.add(file)
        elif path.is_file():
            found.add(path)
        else:
            raise InputError(f"{path}: no such blueprint file or folder")
    return sorted(found, key=lambda p: p.as_posix())


def _import(file: Path) -> object:
    name = "hagen_blueprints." + "_".join(file.resolve().with_suffix("").parts[1:]).replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise InputError(f"{file}: cannot be imported as Python")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # while it runs: dataclasses and typing look their module up
    try:
        spec.loader.exec_module(module)
    except ValidationError as exc:
        where, owner = origin(exc, file)
        raise blueprint_error(exc, file=where, blueprint=owner) from None
    except BlueprintError as exc:
        where, owner = origin(exc, file)
        raise exc.located(file=where, blueprint=owner) from None
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # user code: input, not a hagen crash
        where, _ = origin(exc, file)
        raise user_code_error(exc, where, "while the blueprint was imported") from None
    finally:
        del sys.modules[name]
    return module


def _local_names(folders: Iterable[Path]) -> set[str]:
    """Top-level module names the folders provide (helpers such as _common.py, packages, blueprints)."""
    names: set[str] = set()
    for folder in folders:
        for entry in folder.iterdir():
            if entry.suffix == ".py" or (entry / "__init__.py").is_file():
                names.add(entry.stem if entry.suffix == ".py" else entry.name)
    return names


@contextlib.contextmanager
def _isolated(folders: Sequence[Path]) -> Iterator[None]:
    """Blueprint files of one folder import the helpers beside them, and only those: while they run the
    folders lead sys.path and modules of the same names imported elsewhere are set aside; afterwards
    sys.path, and sys.modules for those names, are as before, so no other folder (and no second load)
    sees them."""
    local = _local_names(folders)

    def ours(module: str) -> bool:
        return module.partition(".")[0] in local

    hidden = {name: module for name, module in sys.modules.items() if ours(name)}
    for name in hidden:
        del sys.modules[name]
    saved = list(sys.path)
    sys.path[:0] = [str(f) for f in folders]
    importlib.invalidate_caches()  # helpers written since the last import must be seen
    try:
        yield
    finally:
        sys.path[:] = saved
        for name in [n for n in sys.modules if ours(n)]:
            del sys.modules[name]
        sys.modules.update(hidden)


BlueprintClass = tuple[type[Blueprint], str]


def blueprint_classes(paths: Sequence[str | Path]) -> list[BlueprintClass]:
    """(class, source file) of every concrete Blueprint subclass under `paths` (str or Path, files or
    folders), in file order; each file imported once, each path in isolation from the others.

    InputError when there is none: an empty project is a mistake (a wrong folder), never "remove all".
    """
    found: list[BlueprintClass] = []
    seen: set[Path] = set()
    for path in paths:
        files = [f for f in blueprint_files([path]) if f not in seen]
        seen.update(files)
        with _isolated(sorted({f.parent for f in files}, key=lambda p: p.as_posix())):
            for file in files:
                module = _import(file)
                for value in vars(module).values():
                    if (
                        isinstance(value, type)
                        and issubclass(value, Blueprint)
                        and value.__module__ == getattr(module, "__name__", None)
                        and not value.__dict__.get("abstract", False)
                    ):
                        found.append((value, file.as_posix()))
    if not found:  # synthesizing nothing would remove every file out/ holds
        where = ", ".join(Path(p).as_posix() for p in paths) or "(no path given)"
        raise InputError(
            f"no blueprints found in {where}: no .py file there (outside _ and . names) declares a "
            "hagen.Blueprint subclass"
        )
    return sorted(found, key=lambda found: found[1])  # stable: declaration order within a file


def load_blueprints(
    paths: Sequence[str | Path] | str | Path | None = None, *, project: Any = None
) -> list[BlueprintSpec]:
    """Every blueprint declared in `paths`, validated, sorted by name (so discovery order never matters).

    `paths`: a blueprint file or folder (str or Path) or a sequence of them; default the project's
    blueprint folders. `project` (a hagen.Project; default `hagen.load_project()` from the current folder)
    supplies chart copies and Helm's cache: each release's values files and chart copy are read here, once.
    Raises BlueprintError (file, blueprint, field, value, what is allowed) or InputError.
    """
    from .._project import as_project, load_spec_inputs

    project = as_project(project)
    chosen: Sequence[str | Path]
    if paths is None:
        chosen = project.blueprint_paths()
    elif isinstance(paths, str | Path):
        chosen = [paths]
    else:
        chosen = paths
    specs = [build_spec(cls, source=source) for cls, source in blueprint_classes(chosen)]
    return check_unique([load_spec_inputs(spec, project) for spec in specs], project.charts)


def check_unique(
    specs: Sequence[BlueprintSpec], charts: Mapping[str, object] | None = None
) -> list[BlueprintSpec]:
    """Sort by name; refuse two blueprints of one name, tier selectors that would select each other, and a
    chart copy given (`--chart RELEASE=PATH`) for a release none of them declares: every command that
    loads blueprints passes here, so a misspelt release name is never silently unused. `charts`: the
    project's chart copies (release name -> path)."""
    from .._helm._check import check_chart_names

    check_chart_names(charts or {}, (r.name for spec in specs for r in spec.releases))
    by_name: dict[str, BlueprintSpec] = {}
    for spec in specs:
        if spec.name in by_name:
            other = by_name[spec.name]
            raise BlueprintError(
                f"blueprint name {spec.name!r} is also used by {other.class_name} in {other.source}",
                file=spec.source,
                blueprint=spec.class_name,
                field="name",
                allowed="a name unique among the blueprints",
            )
        by_name[spec.name] = spec
    bare: dict[tuple[str, str, str], BlueprintSpec] = {}
    if not any(spec.bare_tier_selectors for spec in specs):
        return sorted(specs, key=lambda s: s.name)  # default selectors never select another's pods
    for spec in sorted(specs, key=lambda s: s.name):
        for tier in spec.tiers:
            key = (spec.namespace, spec.tier_label, tier.name)
            previous = bare.get(key)
            if previous is not None and (spec.bare_tier_selectors or previous.bare_tier_selectors):
                raise BlueprintError(
                    f"tier {tier.name!r} in namespace {spec.namespace!r} is also a tier of blueprint "
                    f"{previous.name!r}; with bare_tier_selectors their affinity rules would select each "
                    "other's pods",
                    file=spec.source,
                    blueprint=spec.class_name,
                    field="bare_tier_selectors",
                    allowed="bare_tier_selectors=False, another namespace, or another tier name",
                )
            bare[key] = spec
    return sorted(specs, key=lambda s: s.name)

"""Finding blueprints: import Python files and collect their Blueprint subclasses (I/O lives here)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError

from .._errors import BlueprintError, InputError
from ._messages import first_error, origin, user_code_error
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
    sys.modules[name] = module
    sys.path.insert(0, str(file.parent))  # a blueprint may import helpers that sit beside it
    try:
        spec.loader.exec_module(module)
    except ValidationError as exc:
        where, owner = origin(exc, file)
        path, reason, value, allowed, _ = first_error(exc, prefix=exc.title)
        raise BlueprintError(
            reason, file=where, blueprint=owner, field=path, value=value, allowed=allowed
        ) from None
    except BlueprintError as exc:
        where, owner = origin(exc, file)
        raise exc.located(file=where, blueprint=owner) from None
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # user code: input, not a hagen crash
        where, _ = origin(exc, file)
        raise user_code_error(exc, where, "while the blueprint was imported") from None
    finally:
        sys.path.remove(str(file.parent))
    return module


BlueprintClass = tuple[type[Blueprint], str]


def blueprint_classes(paths: Sequence[str | Path]) -> list[BlueprintClass]:
    """(class, source file) of every concrete Blueprint subclass under `paths`; each file imported once.

    InputError when there is none: an empty project is a mistake (a wrong folder), never "remove all".
    """
    found: list[BlueprintClass] = []
    for file in blueprint_files(paths):
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
    return found


def load_blueprints(paths: Sequence[str | Path] = ("blueprints",)) -> list[BlueprintSpec]:
    """Every blueprint declared in `paths`, validated, sorted by name (so discovery order never matters)."""
    return check_unique([build_spec(cls, source=source) for cls, source in blueprint_classes(paths)])


def check_unique(specs: Sequence[BlueprintSpec]) -> list[BlueprintSpec]:
    """Sort by name; refuse two blueprints of one name, tier selectors that would select each other, and a
    chart copy given (`--chart RELEASE=PATH`) for a release none of them declares: every command that
    loads blueprints passes here, so a misspelt release name is never silently unused."""
    from .._helm._check import CHART_PATHS, check_chart_names

    check_chart_names(CHART_PATHS.get(), (r.name for spec in specs for r in spec.releases))
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

"""What a report covers: one page per target of the project (or one page for a project without targets),
each with its blueprint specs, the Kubernetes version it is validated against and its out/ prefix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Subject:
    """One page: `name` (target or project), `page` (file name), `specs`, `kube_version`, `prefix` (its
    folder under out/, as `hagen synth` writes it: "prod/" for a target, "" otherwise)."""

    name: str
    page: str
    specs: tuple[Any, ...]
    kube_version: str | None
    prefix: str
    description: str = ""
    hydrate: bool = False  # the target's `hydrate`: every Helm release rendered, as `hagen synth` does


def subjects(project: Any, sources: Sequence[str | Path] | None, targets: Sequence[str]) -> list[Subject]:
    """The pages of a report: the targets named (default every target), or the project's blueprints."""
    from hagen._errors import InputError

    from .._blueprint import load_blueprints

    if sources:
        from .._sources import split_paths

        blueprints, manifests = split_paths(sources)  # the rule of every command that takes PATHs
        if manifests:
            raise InputError(
                f"{manifests[0].as_posix()}: YAML manifests, not blueprints; the report draws blueprints: "
                "give .py files or folders holding them (hagen check and hagen place take manifests)"
            )
        paths: list[Any] = list(blueprints)
    else:
        paths = [project.path(p) for p in project.blueprints]
    if not project.targets:
        if targets:
            project.select(list(targets))  # raises: the project has no targets
        specs = tuple(load_blueprints(paths, project=project))
        if not specs:
            raise InputError(f"no blueprints found in {', '.join(str(p) for p in paths)}")
        return [Subject("blueprints", "index.html", specs, project.kube_version, "")]
    from hagen._project import blueprint_classes, build_target

    classes = blueprint_classes(paths)
    out = []
    for name in project.select(list(targets)):
        build = build_target(project, name, classes)
        description = project.targets[name].description or ""
        out.append(
            Subject(
                name, f"{name}.html", build.specs, build.kube_version, f"{name}/", description, build.hydrate
            )
        )
    return out

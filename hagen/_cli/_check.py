"""`hagen check [PATH...]`: findings with ids for blueprints (.py) and manifests (.yaml), any format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ._charts import add_chart_option


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="report storage, scheduling and workload traps as findings with ids",
        description="Check blueprints (.py files or folders of them, synthesized in memory) and YAML "
        "manifests (files or folders). Exit 1 when a finding at or above --fail-on is present; "
        "findings a tier suppresses are reported but never fail the run.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="blueprint or YAML file/folder (default blueprints)"
    )
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    parser.add_argument(
        "--fail-on", choices=("error", "warning", "info"), default="error", help="lowest severity that fails"
    )
    parser.add_argument("--nodes", type=_positive, metavar="N", help="nodes in the target cluster")
    parser.add_argument("--zones", type=_positive, metavar="Z", help="zones in the target cluster")
    parser.add_argument("--out", default="out", metavar="DIR", help="where synth writes (for file locations)")
    parser.add_argument(
        "--kube-version",
        metavar="V",
        help="Kubernetes version the objects must pass for schema.invalid (default: the target's, the "
        "project's, else hagen's)",
    )
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help="check the blueprints as this target of the project builds them (repeatable; default: every "
        "target when the project has targets and no PATH is given)",
    )
    add_chart_option(parser)
    parser.set_defaults(handler=run)


def _split(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """(blueprint paths, YAML paths): .py files and folders with .py files at their top are blueprints."""
    from .._errors import InputError

    blueprints: list[Path] = []
    manifests: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            (blueprints if path.suffix == ".py" else manifests).append(path)
        elif path.is_dir():
            if any(path.glob("*.py")):  # a blueprints folder; not a whole source tree
                blueprints.append(path)
            if any(p.suffix in (".yaml", ".yml") for p in path.rglob("*")):
                manifests.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return blueprints, manifests


def run(args: argparse.Namespace) -> int:
    import sys

    from .._check import ClusterCounts, check, json_report, sarif_report, text_report
    from .._errors import InputError
    from .._objects import object_id
    from .._project import load_project

    project = load_project()
    if project.targets and (args.target or not args.paths):
        return _run_targets(args, project)
    if args.target:
        project.select(args.target)  # raises: the project has no targets
    paths = list(args.paths) or ["blueprints"]
    if not args.paths and not Path("blueprints").is_dir():
        raise InputError("no PATH given and no blueprints/ folder here")
    blueprint_paths, manifest_paths = _split(paths)
    sources: list[Any] = []
    if blueprint_paths:
        from .. import hydrate_syntheses, load_blueprints, synthesize

        syntheses, _, _ = hydrate_syntheses(
            [synthesize(spec) for spec in load_blueprints(blueprint_paths)], files=False
        )
        sources.extend(syntheses)
    files: dict[str, str] = {}
    if manifest_paths:
        from .._validate._run import load_sourced

        for obj, source in load_sourced(manifest_paths):
            sources.append(obj)
            files.setdefault(object_id(obj), source)
    cluster = ClusterCounts(nodes=args.nodes, zones=args.zones)
    version = args.kube_version or project.kube_version
    result = check(sources, cluster=cluster, files=files, out_dir=args.out, kube_version=version)
    if args.format == "json":
        sys.stdout.write(json_report(result))
    elif args.format == "sarif":
        blueprint_files = {s.blueprint.name: s.blueprint.source for s in sources if hasattr(s, "blueprint")}
        fallback = project.source or Path(paths[0]).as_posix()
        sys.stdout.write(sarif_report(result, default_uri=fallback, sources=blueprint_files))
    else:
        sys.stdout.write(text_report(result))
    return 1 if result.failing(args.fail_on) else 0


def _run_targets(args: argparse.Namespace, project: Any) -> int:
    """One report per target; the target's cluster profile counts unless --nodes/--zones are given."""
    import json
    import sys

    from .._check import ClusterCounts, check, json_report, sarif_report, text_report
    from .._errors import InputError
    from .._helm._check import check_chart_names
    from .._project import blueprint_classes, build_target
    from .._project._plan import given_charts
    from .._project._render import hydrated_syntheses

    names = project.select(args.target)
    blueprint_paths, manifest_paths = _split(list(args.paths)) if args.paths else ([], [])
    if manifest_paths:
        raise InputError("--target checks blueprints as a target builds them; YAML manifests have no target")
    if args.format == "sarif" and len(names) != 1:
        listed = ", ".join(names)
        raise InputError(f"--format sarif reports one target; give --target NAME (targets: {listed})")
    classes = blueprint_classes(blueprint_paths or [project.path(p) for p in project.blueprints])
    flags = args.nodes is not None or args.zones is not None
    cluster = ClusterCounts(nodes=args.nodes, zones=args.zones) if flags else None
    failing = False
    texts: list[str] = []
    data: dict[str, Any] = {}
    builds = [build_target(project, name, classes) for name in names]
    check_chart_names(given_charts(None), (r.name for b in builds for s in b.specs for r in s.releases))
    for name, build in zip(names, builds, strict=True):
        blueprint_files = {s.name: s.source for s in build.specs if s.source}
        syntheses, _ = hydrated_syntheses(build, given_charts(None))
        result = check(
            syntheses,
            cluster=cluster,
            out_dir=f"{args.out}/{name}",
            kube_version=args.kube_version or build.kube_version,
        )
        failing = failing or bool(result.failing(args.fail_on))
        if args.format == "json":
            data[name] = json.loads(json_report(result))
        elif args.format == "sarif":
            fallback = project.source or next(iter(blueprint_files.values()), f"{args.out}/{name}")
            texts.append(sarif_report(result, default_uri=fallback, sources=blueprint_files))
        else:
            texts.append(f"target {name}:\n{text_report(result)}")
    if args.format == "json":
        sys.stdout.write(json.dumps({"targets": data}, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write("\n".join(texts))
    return 1 if failing else 0

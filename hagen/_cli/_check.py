"""`hagen check [PATH...]`: findings with ids for blueprints (.py) and manifests (.yaml), any format."""

from __future__ import annotations

import argparse

from ._charts import add_chart_option
from ._counts import node_count, zone_count

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from typing import Any


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="report storage, scheduling and workload traps as findings with ids",
        description="Check blueprints (.py files or folders holding them, synthesized in memory) and YAML "
        "manifests (files or folders without blueprints; a blueprints folder's YAML files are its values "
        "files and chart copies, not manifests). Exit 1 when a finding at or above --fail-on is present; "
        "findings a tier suppresses are reported but never fail the run.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="blueprint or YAML file/folder (default blueprints)"
    )
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    parser.add_argument(
        "--fail-on", choices=("error", "warning", "info"), default="error", help="lowest severity that fails"
    )
    parser.add_argument("--nodes", type=node_count, metavar="N", help="nodes in the target cluster")
    parser.add_argument("--zones", type=zone_count, metavar="Z", help="zones in the target cluster")
    parser.add_argument(
        "--out", metavar="DIR", help="where synth writes, for file locations (default: the project's out)"
    )
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


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from .. import (
        ClusterCounts,
        InputError,
        check,
        json_report,
        sarif_report,
        split_paths,
        text_report,
    )

    project = args.project
    if project.targets and (args.target or not args.paths):
        return _run_targets(args, project)
    if args.target:
        project.select(args.target)  # raises: the project has no targets
    paths = list(args.paths) or [p.as_posix() for p in project.blueprint_paths()]
    missing = [p for p in paths if not Path(p).exists()]
    if not args.paths and missing:
        raise InputError(f"no PATH given and no {missing[0]}/ folder here (the project's blueprints)")
    args.out = args.out or project.out_path().as_posix()
    # no PATH: the project's blueprint folders, blueprints by configuration whatever they hold
    no_path: tuple[list[Path], list[Path]] = ([Path(p) for p in paths], [])
    blueprint_paths, manifest_paths = split_paths(args.paths) if args.paths else no_path
    sources: list[Any] = []
    if blueprint_paths:  # loaded before the manifests (their errors first); `check` hydrates them
        from .. import load_blueprints

        sources.extend(load_blueprints(blueprint_paths, project=project))
    sources.extend(manifest_paths)  # read by `check`, out/ recovered first where they are in it
    result = check(
        sources,
        cluster=ClusterCounts(nodes=args.nodes, zones=args.zones),
        out_dir=args.out,
        kube_version=args.kube_version or project.kube_version,
        project=project,
    )
    _print_notes(list(result.notes), args.format)
    if args.format == "json":
        sys.stdout.write(json_report(result))
    elif args.format == "sarif":
        fallback = project.source or Path(paths[0]).as_posix()
        sys.stdout.write(sarif_report(result, default_uri=fallback))
    else:
        sys.stdout.write(text_report(result))
    return 1 if result.failing(args.fail_on) else 0


def _run_targets(args: argparse.Namespace, project: Any) -> int:
    """One report per target (SARIF: one log, one run per target); the target's cluster profile counts
    unless --nodes/--zones are given."""
    import json
    import sys

    from .. import (
        ClusterCounts,
        InputError,
        blueprint_classes,
        check,
        json_report,
        sarif_report,
        split_paths,
        text_report,
    )

    names = project.select(args.target)
    args.out = args.out or project.out_path().as_posix()
    blueprint_paths, manifest_paths = split_paths(args.paths) if args.paths else ([], [])
    if manifest_paths:
        raise InputError("--target checks blueprints as a target builds them; YAML manifests have no target")
    classes = blueprint_classes(blueprint_paths or [project.path(p) for p in project.blueprints])
    flags = args.nodes is not None or args.zones is not None
    cluster = ClusterCounts(nodes=args.nodes, zones=args.zones) if flags else None
    failing = False
    texts: list[str] = []
    data: dict[str, Any] = {}
    results: dict[str, Any] = {}  # SARIF: one log, one run per target
    notes: list[str] = []
    for name in names:
        result = check(
            classes,
            cluster=cluster,
            out_dir=args.out,
            kube_version=args.kube_version,
            project=project,
            target=name,
        )
        notes.extend(n for n in result.notes if n not in notes)
        failing = failing or bool(result.failing(args.fail_on))
        if args.format == "json":
            data[name] = json.loads(json_report(result))
        elif args.format == "sarif":
            results[name] = result
        else:
            texts.append(f"target {name}:\n{text_report(result)}")
    if args.format == "json":
        sys.stdout.write(json.dumps({"targets": data}, indent=2, sort_keys=True) + "\n")
    elif args.format == "sarif":
        known = (s for r in results.values() for s in r.sources.values())
        sys.stdout.write(sarif_report(results, default_uri=project.source or next(known, args.out)))
    else:
        sys.stdout.write("\n".join(texts))
    _print_notes(notes, args.format)
    return 1 if failing else 0


def _print_notes(notes: list[str], form: str) -> None:
    """What `hagen synth` says on the Helm releases it did not hydrate, on stderr, as synth prints it,
    beside a JSON or SARIF report (which carries them too); the text report has them in its own lines."""
    import sys

    if form == "text":
        return
    for note in notes:
        print(f"note: {note}", file=sys.stderr)

"""`hagen place`: simulate the kube-scheduler's filters and show where every pod lands or why it stays
Pending; optionally a rolling update of one tier, or the failure of a node or zone."""

from __future__ import annotations

import argparse

from ._charts import add_chart_option
from ._counts import node_count, zone_count
from ._gc import without_cycle_collector

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "place",
        help="simulate scheduling: placements, Pending pods and why, rollouts, node/zone failures",
        description="Place the pods of blueprints or YAML manifests on a cluster profile with the "
        "kube-scheduler's filter rules. Exit 1 when a pod stays Pending, a rollout hangs or a failure "
        "leaves a tier with no running pod.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="blueprint files/folders or YAML manifests (default: blueprints)",
    )
    parser.add_argument(
        "--scenario", metavar="FILE", help="a JSON/YAML scenario (nodes, existing_pods, pods)"
    )
    parser.add_argument("--cluster", metavar="FILE", help="cluster profile (YAML/JSON nodes or Node objects)")
    parser.add_argument(
        "--nodes", type=node_count, metavar="N", help="shorthand cluster: N nodes node-1..node-N"
    )
    parser.add_argument(
        "--zones", type=zone_count, metavar="Z", help="spread shorthand nodes over zone-a, zone-b, ..."
    )
    parser.add_argument("--node-cpu", metavar="CPU", help="allocatable cpu of each shorthand node (e.g. 2)")
    parser.add_argument("--node-memory", metavar="MEM", help="allocatable memory of each node (e.g. 8Gi)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--svg", metavar="FILE", help="also write an SVG picture of the placement")
    parser.add_argument(
        "--feasible",
        action="store_true",
        help="JSON: list each pod's feasible nodes and each rejected node's reasons (default: counts)",
    )
    parser.add_argument(
        "--order",
        default="declared",
        metavar="ORDER",
        help="pod creation order: declared (default), reverse, interleaved, or TIER[,TIER...] first",
    )
    parser.add_argument("--rollout", metavar="TIER", help="simulate a rolling update of TIER")
    parser.add_argument(
        "--fail", action="append", default=[], metavar="NODE|zone=ZONE", help="fail a node or a whole zone"
    )
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help="place the blueprints as this target builds them, on its cluster profile (repeatable; "
        "default: every target when the project has targets and no PATH is given)",
    )
    add_chart_option(parser)
    parser.set_defaults(handler=run)


@without_cycle_collector
def run(args: argparse.Namespace) -> int:
    import hagen

    from ._synth import blocked

    try:
        return _run(args)
    except hagen.BlockingFindings as exc:  # objects two blueprints share: synth writes none of them
        return blocked(exc, "placed", "place")


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .. import InputError, place_command

    if args.scenario and args.paths:
        raise InputError("give either --scenario FILE or PATH..., not both")
    project = args.project
    if not args.scenario:
        if project.targets and (args.target or not args.paths):
            return _run_targets(args, project)
        if args.target:
            project.select(args.target)  # raises: the project has no targets
    if not args.scenario and not args.paths:
        args.paths = project.blueprint_paths()  # like `hagen synth`: the project's blueprints
    output, code, svg = place_command(
        [Path(p) for p in args.paths],
        Path(args.scenario) if args.scenario else None,
        _options(args),
        want_svg=bool(args.svg),
        project=project,
    )
    if args.svg and svg is not None:
        Path(args.svg).write_text(svg, encoding="utf-8")
    print(output, end="" if output.endswith("\n") else "\n")
    return code


def _run_targets(args: argparse.Namespace, project: Any) -> int:
    """One simulation per target; --svg with several targets writes FILE-<target>.svg for each."""
    import json
    from pathlib import Path

    from .. import InputError, blueprint_classes, build_target, place_inputs, split_paths, target_inputs

    names = project.select(args.target)
    if split_paths(args.paths)[1]:
        raise InputError("--target places blueprints as a target builds them; YAML manifests have no target")
    classes = blueprint_classes(args.paths or [project.path(p) for p in project.blueprints])
    options = _options(args)
    code = 0
    texts: list[str] = []
    data: dict[str, Any] = {}
    for name in names:
        output, status, sim = place_inputs(
            target_inputs(build_target(project, name, classes), project=project), options
        )
        code = max(code, status)
        if args.svg:
            from .. import render_svg

            svg = Path(args.svg)
            path = svg if len(names) == 1 else svg.with_name(f"{svg.stem}-{name}{svg.suffix}")
            path.write_text(render_svg(sim), encoding="utf-8")
        if args.format == "json":
            data[name] = json.loads(output)
        else:
            texts.append(f"target {name}:\n{output}")
    if args.format == "json":
        print(json.dumps({"targets": data}, indent=2))
    else:
        print("\n".join(texts), end="" if texts and texts[-1].endswith("\n") else "\n")
    return code


def _options(args: argparse.Namespace) -> Any:
    """The simulation flags as the API takes them."""
    from pathlib import Path

    from .. import PlaceOptions

    return PlaceOptions(
        cluster_file=Path(args.cluster) if args.cluster else None,
        nodes=args.nodes,
        zones=args.zones,
        node_cpu=args.node_cpu,
        node_memory=args.node_memory,
        fmt=args.format,
        order=args.order,
        rollout=args.rollout,
        fail=tuple(args.fail),
        feasible=args.feasible,
    )

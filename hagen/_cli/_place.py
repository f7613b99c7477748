"""`hagen place`: simulate the kube-scheduler's filters and show where every pod lands or why it stays
Pending; optionally a rolling update of one tier, or the failure of a node or zone."""

from __future__ import annotations

import argparse
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
    parser.add_argument("--nodes", type=int, metavar="N", help="shorthand cluster: N nodes node-1..node-N")
    parser.add_argument(
        "--zones", type=int, metavar="Z", help="spread shorthand nodes over zone-a, zone-b, ..."
    )
    parser.add_argument("--node-cpu", metavar="CPU", help="allocatable cpu of each shorthand node (e.g. 2)")
    parser.add_argument("--node-memory", metavar="MEM", help="allocatable memory of each node (e.g. 8Gi)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--svg", metavar="FILE", help="also write an SVG picture of the placement")
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .._errors import InputError
    from .._place._command import place_command

    if args.scenario and args.paths:
        raise InputError("give either --scenario FILE or PATH..., not both")
    if not args.scenario and not args.paths:
        args.paths = ["blueprints"]  # like `hagen synth`: the project's blueprints
    output, code, svg = place_command(
        paths=[Path(p) for p in args.paths],
        scenario=Path(args.scenario) if args.scenario else None,
        cluster_file=Path(args.cluster) if args.cluster else None,
        nodes=args.nodes,
        zones=args.zones,
        node_cpu=args.node_cpu,
        node_memory=args.node_memory,
        fmt=args.format,
        order=args.order,
        rollout=args.rollout,
        fail=list(args.fail),
        want_svg=bool(args.svg),
    )
    if args.svg and svg is not None:
        Path(args.svg).write_text(svg, encoding="utf-8")
    print(output, end="" if output.endswith("\n") else "\n")
    return code

"""`hagen report`: write the report's pages (and the pull-request summary) to a folder of their own."""

from __future__ import annotations

import argparse

from ._charts import add_chart_option

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write one HTML page per target: resource graph, placement, findings, changes",
        description="Write a self-contained HTML page per target (no server, no network, no script) that "
        "shows the resource graph, the placement with every Pending pod's reasons, findings, schema errors "
        "and, with --base, the changes since a git revision with their verdicts. Exit 0 when written, 2 "
        "for bad input.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="blueprint files/folders (default: the project's)"
    )
    parser.add_argument(
        "-o", "--output", default="report", metavar="DIR", help="folder to write (default report)"
    )
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help="report this target (repeatable; default all)",
    )
    parser.add_argument(
        "--base", metavar="REV", help="also show what changed in out/ since this git revision"
    )
    parser.add_argument(
        "--format",
        choices=("html", "markdown"),
        default="html",
        help="markdown: also write summary.md for a pull-request comment and print it",
    )
    parser.add_argument(
        "--link", metavar="URL", help="where the pages are published (the summary links there)"
    )
    parser.add_argument(
        "--rollout", action="append", default=[], metavar="TIER", help="simulate a rolling update"
    )
    parser.add_argument(
        "--fail",
        action="append",
        default=[],
        metavar="NODE|zone=ZONE",
        help="simulate a node or zone failure",
    )
    parser.add_argument(
        "--order", default="declared", metavar="ORDER", help="pod creation order, as hagen place"
    )
    parser.add_argument(
        "--timestamp",
        action="store_true",
        help="print the generation time in the pages (SOURCE_DATE_EPOCH if set); "
        "without it every run writes the same bytes",
    )
    add_chart_option(parser)
    parser.set_defaults(handler=run)


def _stamp() -> str:
    import os
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


def run(args: argparse.Namespace) -> int:
    import shutil
    import sys
    from pathlib import Path

    from .. import InputError, ReportOptions, report, write_tree

    project = args.project  # the one project context, resolved by `main`
    output = Path(args.output)
    out = project.out_path().resolve()
    if output.resolve() == out or out in output.resolve().parents:
        raise InputError(f"-o {args.output}: inside {project.out}/, which holds only what hagen synth writes")
    options = ReportOptions(
        base=args.base,
        rollouts=tuple(args.rollout),
        failures=tuple(args.fail),
        order=args.order,
        markdown=args.format == "markdown",
        link=args.link,
        stamp=_stamp() if args.timestamp else None,
    )
    files = report(args.paths or None, targets=args.target, options=options, project=project)
    written = write_tree(files, output)
    status = sys.stderr if options.markdown else sys.stdout
    count = f"{len(files)} file{'s' * (len(files) != 1)}"
    print(f"hagen report: {count} -> {args.output}/: {written.summary()}", file=status)
    # what the pages say beside their sections (out/ recovered, releases not hydrated or placed), and
    # an interrupted write of the report's own folder finished or discarded: said as synth and diff say it
    for note in [*files.notes, *written.notes]:
        print(f"note: {note}", file=sys.stderr)
    if shutil.which("dot") is None:
        print(
            "hagen report: note: Graphviz's dot is not installed: the pages list the graph as a table",
            file=status,
        )
    if options.markdown:
        sys.stdout.write(files["summary.md"])
    return 0

"""`--chart RELEASE=PATH`: a local copy of a release's chart, for the commands that check or render values."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_chart_option(parser: Any) -> None:
    """Add the repeatable --chart flag to a command's parser."""
    parser.add_argument(
        "--chart",
        action="append",
        default=[],
        metavar="RELEASE=PATH",
        help="a chart directory or .tgz (as `helm pull` leaves it) to check RELEASE's values against; "
        "wins over the release's chart_path and Helm's repository cache (repeatable)",
    )


def apply_chart_option(args: argparse.Namespace) -> None:
    """Make the charts named by --chart visible to every synthesis of this command."""
    given = getattr(args, "chart", None)
    if not given:
        return
    from .._errors import InputError
    from .._helm._check import CHART_PATHS

    charts: dict[str, Path] = {}
    for item in given:
        release, sep, path = item.partition("=")
        if not sep or not release or not path:
            raise InputError(
                f"--chart {item!r}: expected RELEASE=PATH, e.g. jenkins=charts/jenkins-5.9.53.tgz"
            )
        if not Path(path).exists():
            raise InputError(f"--chart {item!r}: {path} does not exist")
        charts[release] = Path(path).resolve()
    CHART_PATHS.set(charts)

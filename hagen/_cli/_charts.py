"""`--chart RELEASE=PATH`: a local copy of a release's chart, for the commands that check or render values.

The flag becomes part of the project context (`hagen.load_project(charts=...)`) in `main`, once.
"""

from __future__ import annotations

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

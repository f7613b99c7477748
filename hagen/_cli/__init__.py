"""The `hagen` command: parses flags, calls the public API, prints, and maps outcomes to exit codes.

Exit codes: 0 ok, 1 drift or findings, 2 usage or input error. Each command lives in its own module with
`register(subparsers)`; those modules import only argparse at load time so that `hagen --help` stays fast,
and import the API inside their handler.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._errors import HagenError
from .._version import __version__

_COMMANDS = ("synth", "diff", "validate", "check", "place", "report")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"hagen: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (also used by the docs to list the flags)."""
    parser = _Parser(
        prog="hagen",
        description="Typed blueprints -> Kubernetes manifests and Helm values, with drift, schema and "
        "placement checks.",
    )
    parser.add_argument("--version", action="version", version=f"hagen {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMANDS:
        importlib.import_module(f"._{name}", __name__).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        from ._charts import apply_chart_option

        apply_chart_option(args)
        code: int = args.handler(args)
    except HagenError as exc:
        print(f"hagen {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `hagen synth --stdout | head` is not an error
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

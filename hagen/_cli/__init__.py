"""The `hagen` command: parses flags, calls the public API, prints, and maps outcomes to exit codes.

Exit codes: 0 ok, 1 drift or findings, 2 usage or input error, 3 a bug in hagen (an unexpected exception:
one line naming hagen's version; the traceback with --debug). Each command lives in its own module with
`register(subparsers)`; those modules import only argparse at load time so that `hagen --help` stays fast,
and import the API inside their handler.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from .. import __version__

_COMMANDS = ("synth", "diff", "validate", "check", "place", "report")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3


class _Args(argparse.Namespace):
    """The parsed flags, and the project context they and the current folder give (resolved on first use,
    once: a diff of two YAML trees or `--help` never needs it, and it costs pydantic's import)."""

    @functools.cached_property
    def project(self) -> Any:
        import hagen

        return hagen.load_project(charts=getattr(self, "chart", None) or None)


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
    parser.add_argument("--debug", action="store_true", help="print the traceback of an internal error")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMANDS:
        importlib.import_module(f"._{name}", __name__).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv, namespace=_Args())
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        import hagen

        code: int = args.handler(args)
    except hagen.HagenError as exc:
        print(f"hagen {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `hagen synth --stdout | head` is not an error
        return EXIT_OK
    except Exception as exc:  # not the user's input: a bug, never "drift or findings"
        if args.debug:
            traceback.print_exc()
        print(
            f"hagen {args.command}: internal error ({type(exc).__name__}: {exc}); this is a bug in hagen "
            f"{__version__}: please report it with the command that caused it (--debug shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_BUG
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

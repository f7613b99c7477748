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

from .. import __version__

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

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


class _Listed:
    """Subparsers for the commands a run does not use: each registers its name and one-line help (all that
    `hagen --help` shows) and its flags go nowhere. Building every flag of every command was a fifth of
    `hagen --help`'s time (argparse makes a help formatter per flag)."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers

    def add_parser(self, name: str, **kwargs: Any) -> _Ignored:
        self._subparsers.add_parser(name, help=kwargs.get("help"), aliases=kwargs.get("aliases", ()))
        return _Ignored()


class _Ignored:
    """Takes any parser call (add_argument, groups, set_defaults) and ignores it."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: object, **kwargs: object) -> _Ignored:
        return self


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command (also used by the docs to list the flags); given the command
    line `argv`, only the command it names gets its flags (the others are listed for `--help`)."""
    parser = _Parser(
        prog="hagen",
        description="Typed blueprints -> Kubernetes manifests and Helm values, with drift, schema and "
        "placement checks.",
    )
    parser.add_argument("--version", action="version", version=f"hagen {__version__}")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an internal error")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # No top-level option takes a value: the first word that is not an option names the command.
    command = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    for name in _COMMANDS:
        full = argv is None or name == command
        importlib.import_module(f"._{name}", __name__).register(subparsers if full else _Listed(subparsers))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
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
            import traceback

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

"""`hagen diff`: semantic drift between the blueprints and the committed out/ (or two trees, or a revision).

Exit codes: 0 no drift, 1 drift (formatting-only included; with --fail-on, only the verdicts named), 2 error
(bad blueprint, unreadable YAML).
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .. import DiffResult

FORMATS = ("human", "unified", "json", "github", "markdown")
_YAML_SUFFIXES = (".yaml", ".yml", ".json")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="show drift between blueprints and the committed out/ (exit 1 on drift)",
        description="Compare what `hagen synth` would write with the committed out/, semantically: objects "
        "matched by group, kind, namespace and name; named list items by name; secrets masked. Two "
        "directories or files of YAML can be compared directly: `hagen diff OLD NEW`. Exit 0 no drift, "
        "1 drift, 2 error.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="blueprint files or directories (default: blueprints); or two YAML trees OLD NEW",
    )
    parser.add_argument("-o", "--out", help="the output directory to check (default: the project's out)")
    parser.add_argument(
        "--base",
        metavar="REV",
        help="compare out/ at this git revision with the work tree (what a change does)",
    )
    parser.add_argument(
        "--against",
        metavar="DIR_OR_FILE_OR_TARGET",
        help="compare with this tree instead of the committed out/; with --target, another target: "
        "`--target staging --against prod` shows what promoting staging to prod changes",
    )
    parser.add_argument(
        "--target", action="append", metavar="NAME", help="the project target to compare (with --against)"
    )
    parser.add_argument("--format", choices=FORMATS, default="human", help="report format (default: human)")
    parser.add_argument("--stat", action="store_true", help="one line per object instead of every field")
    parser.add_argument("--no-color", action="store_true", help="no colours even on a terminal")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 on drift (preview jobs)")
    parser.add_argument(
        "--fail-on",
        choices=("any", "rollout", "recreate", "refused"),
        default="any",
        help="exit 1 on any drift (default), or only when an object's verdict is at least this severe "
        "(refused > recreate > rollout)",
    )
    parser.add_argument(
        "--resynth",
        action="store_true",
        help="with --base: synthesize the blueprints as they were at REV instead of reading out/ at REV",
    )
    parser.add_argument(
        "--cluster",
        metavar="FILE",
        help="cluster profile (as for hagen place): say whether each rollout can finish on it",
    )
    from ._charts import add_chart_option

    add_chart_option(parser)
    parser.set_defaults(handler=run)


def _is_yaml_tree(path: Path) -> bool:
    """A YAML file, or a folder of manifests: no blueprints in it (`hagen.split_paths`, the rule of every
    command; a blueprints folder's values files and chart copies are not a YAML tree)."""
    if path.is_file():
        return path.suffix in _YAML_SUFFIXES
    from .. import split_paths

    return path.is_dir() and bool(split_paths([path])[1])


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from .. import InputError, diff_fails, format_diff

    # libyaml allows 1,000 levels of nesting; walking them takes a few Python frames per level.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    try:
        result = _compare(args)
        if args.cluster:
            result = _rollouts(args, result)
        color = not args.no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = format_diff(result, "stat" if args.stat else args.format, color=color)
    except RecursionError:
        raise InputError("the YAML nests too deeply to compare") from None
    sys.stdout.write(report)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    return 1 if diff_fails(result, args.fail_on) and not args.exit_zero else 0


def _compare(args: argparse.Namespace) -> DiffResult:
    from pathlib import Path

    from .. import InputError, diff_output, diff_paths

    paths = [Path(p) for p in args.paths]
    ignore = _ignore_rules(args)
    if args.resynth:
        if not args.base or args.against or args.target:
            raise InputError(
                "--resynth re-synthesizes the blueprints at --base REV; give --base, not --against"
            )
        from .. import diff_resynth

        return diff_resynth(args.base, paths or None, ignore=ignore, project=args.project)
    if args.stat and args.format not in ("human",):
        raise InputError("--stat is a summary of the human format; it cannot be combined with --format")
    if args.base and args.against:
        raise InputError("--base and --against compare out/ with different things; give one of them")
    if args.base and paths:
        raise InputError("--base compares out/ at a revision with the work tree; it takes no PATH")
    if args.target:
        return _compare_targets(args, paths)
    if args.against and not Path(args.against).exists():
        raise InputError(f"--against {args.against}: no such file or directory; nothing compared")
    if len(paths) == 2 and all(_is_yaml_tree(p) for p in paths) and not args.against:
        result = diff_paths(paths[0], paths[1], ignore=ignore)
    elif args.against and len(paths) == 1 and _is_yaml_tree(paths[0]):
        result = diff_paths(args.against, paths[0], ignore=ignore)
    else:
        args.out = args.out or args.project.out_path().as_posix()
        result = diff_output(
            paths or None,  # None: the project's configuration (targets, blueprint folders) decides
            args.out,
            args.base,
            against=args.against,
            with_sources=args.format in ("github", "markdown", "json"),
            project=args.project,
            ignore=ignore,
        )
    return result


def _compare_targets(args: argparse.Namespace, paths: list[Path]) -> DiffResult:
    """`--target A --against B`: B's output is the old side, A's the new one, matched by blueprint/file."""
    from .. import InputError, Tree, diff_targets, diff_trees

    project = args.project
    project.select(
        [*args.target, *([args.against] if args.against else [])]
    )  # an unknown name, as others say
    if len(args.target) != 1 or not args.against or paths or args.base:
        raise InputError("compare two targets as `hagen diff --target A --against B` (no PATH, no --base)")
    new, old = diff_targets(project, args.target[0], args.against)
    return diff_trees(Tree(old, args.against), Tree(new, args.target[0]), ignore=_ignore_rules(args))


def _ignore_rules(args: argparse.Namespace) -> list[Any]:
    """The project's ``[diff] ignoreDifferences`` (none without a configuration)."""
    from pathlib import Path

    here = Path.cwd().resolve()
    # Resolving the project context imports pydantic (0.1 to 0.2 s): a diff of two YAML trees does it only
    # when the nearest configuration file mentions ignore rules at all.
    for folder in (here, *here.parents):
        found = [folder / n for n in ("hagen.toml", "pyproject.toml") if (folder / n).is_file()]
        if found:
            text = found[0].read_text(encoding="utf-8", errors="replace")
            if found[0].name == "hagen.toml" or "[tool.hagen" in text:
                if "ignoreDifferences" not in text:
                    return []
                break
    else:
        return []  # no configuration: no rules
    from .. import ignore_rules

    return ignore_rules(args.project.diff.ignoreDifferences)


def _rollouts(args: argparse.Namespace, result: DiffResult) -> DiffResult:
    """`result` with each rollout verdict saying whether the rollout finishes on the --cluster profile."""
    from pathlib import Path

    from .. import check_rollouts, load_profile, read_path

    objects = None
    if len(args.paths) == 2 and all(_is_yaml_tree(Path(p)) for p in args.paths):
        tree = read_path(args.paths[1])  # the whole new side: other workloads' pods take room too
        objects = [
            e.data for path in sorted(tree.texts) for e in tree.entries(path) if isinstance(e.data, dict)
        ]
    return check_rollouts(result, load_profile(Path(args.cluster)), objects)

"""`hagen synth`: blueprints -> out/."""

from __future__ import annotations

import argparse
import sys

from ._charts import add_chart_option
from ._gc import without_cycle_collector

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import hagen


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "synth",
        help="synthesize blueprints into manifests and Helm values",
        description="Synthesize blueprints (files or folders; default blueprints/) into out/: one YAML file "
        "per object, a kustomization.yaml per blueprint, Helm values under helm/<release>/. Writes only "
        "files that changed, removes files it generated before and no longer produces, and never touches "
        "files it did not generate. On any error nothing is written.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="blueprint file or folder (default: blueprints)"
    )
    parser.add_argument("-o", "--out", metavar="DIR", help="output folder (default: the project's, else out)")
    parser.add_argument(
        "--stdout",
        action="store_true",
        help="print all objects as one YAML stream instead of writing files (checked as for files)",
    )
    parser.add_argument(
        "--kube-version",
        metavar="V",
        help="Kubernetes version whose schemas the objects must pass (e.g. 1.33)",
    )
    parser.add_argument(
        "--no-validate",
        action="store_true",
        help="skip the schema validation that runs before writing or printing",
    )
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help="synthesize this target of the project (repeatable; default: every target) into out/NAME/",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes for many targets (default: the CPUs; used only when the work is large)",
    )
    add_chart_option(parser)
    parser.set_defaults(handler=run)


@without_cycle_collector
def run(args: argparse.Namespace) -> int:
    import hagen

    project = args.project
    if project.targets and (args.target or not args.paths):
        return _run_targets(args, project)
    if args.target:
        project.select(args.target)  # raises: the project has no targets
    sources = args.paths or project.blueprint_paths()
    args.out = args.out or project.out_path().as_posix()
    if args.stdout:
        # Every document is made and validated before the first is written (a value refused halfway
        # prints nothing), each as soon as its object is, and never joined into one string: the objects
        # as dicts and the joined copy were most of the peak memory at 10,000 tiers.
        return _print_stream(
            args,
            lambda: hagen.synthesize_stream(sources, project=project, out_dir=args.out, **_validation(args)),
        )
    try:
        report = hagen.synth(
            sources, args.out, validate=not args.no_validate, kube_version=args.kube_version, project=project
        )
    except hagen.InvalidOutput as exc:
        return refused(exc, "written")
    except hagen.BlockingFindings as exc:
        return blocked(exc)
    _print_findings(report.findings)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    count = len({p.split("/", 1)[0] for p in (*report.written, *report.unchanged)})
    print(f"hagen synth: {count} blueprint{'s' if count != 1 else ''} -> {args.out}/: {report.summary()}")
    return 0


def _validation(args: argparse.Namespace) -> dict[str, Any]:
    return {"validate": not args.no_validate, "kube_version": args.kube_version}


def _print_stream(args: argparse.Namespace, stream: Callable[[], hagen.Stream]) -> int:
    """Print every document of `stream()` (all made and checked first) and its warnings on stderr, or
    say why nothing was printed."""
    import hagen

    try:
        documents = stream()
    except hagen.InvalidOutput as exc:
        return refused(exc, "printed")
    except hagen.BlockingFindings as exc:
        return blocked(exc, "printed")
    sys.stdout.writelines(documents)
    _print_findings(documents.findings)
    for note in documents.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _run_targets(args: argparse.Namespace, project: Any) -> int:
    import hagen

    names = project.select(args.target)
    if args.stdout:
        if len(names) != 1:
            listed = ", ".join(names)
            raise hagen.InputError(f"--stdout prints one target; give --target NAME (targets: {listed})")
        return _print_stream(
            args,
            lambda: hagen.synthesize_stream(
                args.paths or None, project=project, target=names[0], out_dir=args.out, **_validation(args)
            ),
        )
    out = args.out or project.out_path().as_posix()
    try:
        report = hagen.synth_targets(
            project,
            names,
            out,
            blueprints=args.paths or None,
            validate=not args.no_validate,
            kube_version=args.kube_version,
            jobs=args.jobs,
        )
    except hagen.InvalidOutput as exc:
        return refused(exc, "written")
    except hagen.BlockingFindings as exc:
        return blocked(exc)
    _print_findings(report.findings)
    produced = [*report.written, *report.unchanged]
    blueprints = len({p.split("/")[1] for p in produced if p.split("/", 1)[0] in names and p.count("/") > 1})
    print(
        f"hagen synth: {len(names)} target{'s' if len(names) != 1 else ''} x {blueprints} "
        f"blueprint{'s' if blueprints != 1 else ''} -> {out}/: {report.summary()}"
    )
    # each target's folder, then the folders beside them (gitops/), so that the lines add up to the total
    groups = [
        *names,
        *sorted({p.split("/", 1)[0] for p in (*produced, *report.removed) if "/" in p} - set(names)),
    ]
    for name in groups:
        counts = [
            sum(1 for p in group if p.startswith(f"{name}/"))
            for group in (report.written, report.unchanged, report.removed)
        ]
        print(f"  {name}: {counts[0]} written, {counts[1]} unchanged, {counts[2]} removed")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def refused(exc: hagen.InvalidOutput, done: str) -> int:
    """Objects that fail the Kubernetes schema: the blueprints are bad input (exit 2). Each error names the
    blueprint file and class, the object, the field and what is wrong (the exception's message, as the
    API raises it), then what was not done."""
    print(str(exc), file=sys.stderr)
    print(f"hagen synth: objects fail the Kubernetes schema; nothing {done}", file=sys.stderr)
    return 2


def blocked(exc: hagen.BlockingFindings, done: str = "written", command: str = "synth") -> int:
    """Error findings (cross-blueprint conflicts) stop `command`: one line each, the warnings too, exit 1."""
    from .. import finding_lines

    for line in finding_lines((*exc.findings, *exc.warnings)):  # one line for what every target has
        print(line, file=sys.stderr)
    count = len(finding_lines(exc.findings, "error"))
    plural = "s" if count != 1 else ""
    print(f"hagen {command}: {count} error finding{plural}; nothing {done}", file=sys.stderr)
    return 1


def _print_findings(findings: Any) -> None:
    """The warnings synthesis found (errors stop it before this), one line each, on stderr."""
    if not findings:
        return  # the report module imports all of `hagen check`
    from .. import finding_lines

    for line in finding_lines(findings):
        print(line, file=sys.stderr)

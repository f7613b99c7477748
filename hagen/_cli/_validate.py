"""`hagen validate PATH...`: strict, offline Kubernetes schema validation of any YAML manifests."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `hagen --help` never imports typing
if TYPE_CHECKING:
    from typing import Any


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate YAML manifests against the Kubernetes schemas (offline, unknown fields are errors)",
        description="Validate every object in the YAML files (directories are searched recursively) "
        "against the OpenAPI schemas of one Kubernetes version. Exit 1 when an object has errors; "
        "custom resources are listed as not validated.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="YAML file or directory (default: the project's out folder, or out/<target>/ of each target)",
    )
    parser.add_argument(
        "--kube-version",
        metavar="V",
        default=None,
        help="Kubernetes minor version such as 1.33 (default: the project's kube_version, else 1.35)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help="validate out/NAME/ against the target's Kubernetes version (repeatable; default: every target)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from .. import InputError, validate_paths

    if args.target or not args.paths:
        project = args.project
        if args.paths:
            raise InputError("--target validates the target's folder out/<target>/; give no PATH with it")
        if not project.targets:
            if args.target:
                project.select(args.target)  # raises: the project has no targets
            out = project.out_path()
            if not out.is_dir():
                raise InputError(f"{out}: no such folder; run `hagen synth` first or give a PATH to validate")
            args.paths, args.kube_version = [out], args.kube_version or project.kube_version
        else:
            return _run_targets(args, project)
    else:
        from pathlib import Path

        from .. import find_project

        out = Path("out")  # outside a configured project, the default out folder (ProjectConfig.out)
        if find_project() is not None:  # outside a project, nothing to read (and pydantic not imported)
            # files named outright: the project's version, as synth and check use
            args.kube_version = args.kube_version or args.project.kube_version
            out = args.project.out_path()
    # what is validated in the out folder is recovered first (an interrupted write), as synth and diff do
    report = validate_paths(args.paths, args.kube_version, out_dir=out)
    _print_notes(report.notes)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, sort_keys=True, default=str) + "\n")
    else:
        sys.stdout.write(report.text())
    return 0 if report.ok else 1


def _print_notes(notes: Any) -> None:
    """The notes on stderr in every format (the JSON carries them too), as `hagen diff` prints them."""
    import sys

    for note in notes:
        print(f"note: {note}", file=sys.stderr)


def _run_targets(args: argparse.Namespace, project: Any) -> int:
    """out/<target>/ of each chosen target, against its own Kubernetes version (--kube-version wins)."""
    import json
    import sys

    from .. import InputError, target_kube_version, validate_paths

    ok = True
    texts: list[str] = []
    data: dict[str, Any] = {}
    out = project.out_path()
    for name in project.select(args.target):
        folder = out / name
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder; run `hagen synth --target {name}` first")
        # out/ is recovered (an interrupted write finished or discarded) before the first target's folder
        # is read; the note is that report's
        report = validate_paths(
            [folder], args.kube_version or target_kube_version(project, name), out_dir=out
        )
        _print_notes(report.notes)
        ok = ok and report.ok
        data[name] = report.to_dict()
        texts.append(f"target {name}:\n{report.text()}")
    if args.format == "json":
        sys.stdout.write(json.dumps({"targets": data}, indent=2, sort_keys=True, default=str) + "\n")
    else:
        sys.stdout.write("\n".join(texts))
    return 0 if ok else 1

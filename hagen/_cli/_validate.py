"""`hagen validate PATH...`: strict, offline Kubernetes schema validation of any YAML manifests."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate YAML manifests against the Kubernetes schemas (offline, unknown fields are errors)",
        description="Validate every object in the YAML files (directories are searched recursively) "
        "against the OpenAPI schemas of one Kubernetes version. Exit 1 when an object has errors; "
        "custom resources are listed as not validated.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="YAML file or directory")
    parser.add_argument(
        "--kube-version",
        metavar="V",
        default=None,
        help="Kubernetes minor version such as 1.33 (default 1.35)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from .._validate import validate_paths

    report = validate_paths(args.paths, args.kube_version)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, sort_keys=True, default=str) + "\n")
    else:
        sys.stdout.write(report.text())
    return 0 if report.ok else 1

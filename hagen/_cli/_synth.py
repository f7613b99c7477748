"""`hagen synth`: blueprints -> out/."""

from __future__ import annotations

import argparse
import sys
from typing import Any


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
    parser.add_argument("-o", "--out", default="out", metavar="DIR", help="output folder (default: out)")
    parser.add_argument(
        "--stdout", action="store_true", help="print all objects as one YAML stream instead of writing files"
    )
    parser.add_argument(
        "--kube-version",
        metavar="V",
        help="Kubernetes version whose schemas the objects must pass (e.g. 1.33)",
    )
    parser.add_argument(
        "--no-validate", action="store_true", help="skip the schema validation that runs before writing"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import _api
    from .._output import render_objects

    sources = args.paths or [_api.DEFAULT_BLUEPRINTS]
    if args.stdout:
        syntheses = _api.synthesize_all(sources)
        sys.stdout.write(render_objects(obj for s in syntheses for obj in s.objects))
        return 0
    try:
        report = _api.synth(sources, args.out, validate=not args.no_validate, kube_version=args.kube_version)
    except _api.InvalidOutput as exc:
        print(exc.report.text(), file=sys.stderr)
        print("hagen synth: objects fail the Kubernetes schema; nothing written", file=sys.stderr)
        return 1
    count = len({p.split("/", 1)[0] for p in (*report.written, *report.unchanged)})
    print(f"hagen synth: {count} blueprint{'s' if count != 1 else ''} -> {args.out}/: {report.summary()}")
    return 0

"""Benchmark `hagen place --scenario --format json`: pods in groups of 10 with required (anti-)affinity and
zone spread over nodes in 3 zones, whole process (start-up included), medians of fresh runs.

    .venv/bin/python bench/place.py [--runs 5] [--before REV]

Sizes: 1,000 pods on 200 nodes, then 1,000 and 5,000 pods on 1,000 nodes, so the table shows the cost per
pod as pods grow at a fixed cluster and the ratio of the largest run to the smallest. `--before REV` also
times the same scenarios with the `hagen` package of git revision REV (its files extracted to a temporary
folder and put first on PYTHONPATH, same interpreter and dependencies), interleaved in the same run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import PYTHON, ROOT, Measurement, measure, table

HOST = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"


def _term(selector: dict[str, str], key: str = HOST) -> dict[str, Any]:
    return {"labelSelector": {"matchLabels": selector}, "topologyKey": key}


def scenario(pods: int, nodes: int = 200, zones: int = 3) -> dict[str, Any]:
    """`pods` pods in groups of 10: 5 backends (hostname anti-affinity, zone spread) and 5 frontends that
    must sit with a backend of their group and repel each other."""
    node_list = [
        {
            "name": f"node-{i + 1}",
            "labels": {HOST: f"node-{i + 1}", ZONE: f"zone-{'abc'[i % zones]}"},
            "allocatable": {"cpu": "8", "memory": "32Gi", "pods": 110},
        }
        for i in range(nodes)
    ]
    req = "requiredDuringSchedulingIgnoredDuringExecution"
    out = []
    for g in range(pods // 10):
        backend = {"app": f"app-{g}", "tier": "backend"}
        frontend = {"app": f"app-{g}", "tier": "frontend"}
        spread = {
            "maxSkew": 1,
            "topologyKey": ZONE,
            "whenUnsatisfiable": "DoNotSchedule",
            "labelSelector": {"matchLabels": backend},
        }
        resources = {"requests": {"cpu": "250m", "memory": "512Mi"}}
        for i in range(5):
            out.append(
                {
                    "name": f"app-{g}-backend-{i + 1}",
                    "namespace": "bench",
                    "labels": backend,
                    "affinity": {"podAntiAffinity": {req: [_term(backend)]}},
                    "topologySpreadConstraints": [spread],
                    "resources": resources,
                }
            )
        for i in range(5):
            out.append(
                {
                    "name": f"app-{g}-frontend-{i + 1}",
                    "namespace": "bench",
                    "labels": frontend,
                    "affinity": {
                        "podAffinity": {req: [_term(backend)]},
                        "podAntiAffinity": {req: [_term(frontend)]},
                    },
                    "resources": resources,
                }
            )
    return {"nodes": node_list, "pods": out}


SIZES = ((1000, 200), (1000, 1000), (5000, 1000))


def _extract(rev: str, into: Path) -> Path:
    """The `hagen` package of git revision `rev`, extracted under `into`."""
    archive = subprocess.run(["git", "archive", rev, "hagen"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _per_pod(rows: dict[tuple[int, int], Measurement], startup: float) -> str:
    small, mid, big = (rows[s].seconds for s in SIZES)
    per_1k, per_5k = (mid - startup) / 1000, (big - startup) / 5000
    return (
        f"cost per pod at 1,000 nodes: {1000 * per_1k:.2f} ms (1,000 pods), {1000 * per_5k:.2f} ms "
        f"(5,000 pods), ratio {per_5k / per_1k:.2f}; 5,000 on 1,000 / 1,000 on 200: {big / small:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", metavar="REV", help="also time the hagen package of this git revision")
    args = parser.parse_args()
    hagen = [PYTHON, "-m", "hagen", "place", "--format", "json", "--scenario"]
    version = [PYTHON, "-m", "hagen", "--version"]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        variants: list[tuple[str, Path, dict[str, str] | None]] = [("", ROOT, None)]
        if args.before:
            old = _extract(args.before, Path(tmp))
            variants.append((f" (before: {args.before})", old, {"PYTHONPATH": str(old)}))
        paths = {}
        for pods, nodes in SIZES:
            paths[pods, nodes] = Path(tmp) / f"scenario-{pods}-{nodes}.json"
            paths[pods, nodes].write_text(json.dumps(scenario(pods, nodes)))
        results: dict[str, dict[tuple[int, int], Measurement]] = {name: {} for name, _, _ in variants}
        startup: dict[str, Measurement] = {}
        for name, cwd, env in variants:
            startup[name] = measure(f"hagen --version{name}", version, runs=args.runs, cwd=cwd, env=env)
        for size in SIZES:
            for name, cwd, env in variants:
                label = f"{size[0]:,} pods, {size[1]:,} nodes{name}"
                cmd = [*hagen, str(paths[size])]
                results[name][size] = measure(label, cmd, runs=args.runs, cwd=cwd, env=env)
        rows = [startup[name] for name, _, _ in variants]
        rows += [results[name][size] for size in SIZES for name, _, _ in variants]
        lines.append(table("hagen place", rows))
        for name, _, _ in variants:
            lines.append(f"{name.strip() or 'this tree'}: {_per_pod(results[name], startup[name].seconds)}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

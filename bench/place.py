"""Benchmark `hagen place --scenario`: 1,000 pods with required (anti-)affinity and zone spread over 200
nodes in 3 zones, whole process (start-up included), medians of fresh runs.

    .venv/bin/python bench/place.py [--runs 5]

Also times 250 / 500 / 1,000 pods on the same nodes, to show the cost per pod does not grow with the pods
already placed beyond what the rules require.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import PYTHON, ROOT, measure, table

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    hagen = [PYTHON, "-m", "hagen", "place", "--format", "json", "--scenario"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for pods in (250, 500, 1000):
            path = Path(tmp) / f"scenario-{pods}.json"
            path.write_text(json.dumps(scenario(pods)))
            label = f"hagen place --scenario: {pods} pods with affinity, 200 nodes, 3 zones"
            rows.append(measure(label, [*hagen, str(path)], runs=args.runs, cwd=ROOT))
        version = [PYTHON, "-m", "hagen", "--version"]
        startup = measure("hagen --version (start-up only)", version, runs=args.runs, cwd=ROOT)
    print(table("hagen place", [startup, *rows]))


if __name__ == "__main__":
    main()

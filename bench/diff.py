"""`hagen diff A B` on generated trees of 2,500 to 10,000 objects with 1% changed, beside `diff -r` and
`git diff --no-index --stat` on the same trees.

Each figure is a whole process (interpreter start-up included), median of several runs. Trees use hagen's
layout (one object per file); a second shape packs 100 objects per file, so that most files differ and
must be parsed. Changes are spread evenly: a third change a field, a third add a container (a named
list insert), the rest add, remove or rename objects.
"""

from __future__ import annotations

import copy
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from _harness import Measurement, measure, table

HAGEN = [sys.executable, "-m", "hagen"]


def deployment(i: int) -> dict[str, Any]:
    name = f"svc-{i:05d}"
    labels = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "bench", "tier": f"t{i % 7}"}
    container = {
        "name": "app",
        "image": f"registry.example.com/{name}:1.{i % 13}.0",
        "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
        "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "SHARD", "value": str(i % 16)}],
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "128Mi"}},
        "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10},
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": f"ns-{i % 20:02d}", "labels": labels},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {"labels": dict(labels)},
                "spec": {"containers": [container], "volumes": [{"name": "tmp", "emptyDir": {}}]},
            },
        },
    }


def mutate(objects: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """A copy with 1% of the objects changed in one of five ways."""
    new = copy.deepcopy(objects)
    for n, i in enumerate(rng.sample(range(len(objects)), len(objects) // 100)):
        obj = new[i]
        spec = obj["spec"]["template"]["spec"]
        way = n % 6
        if way in (0, 1):
            spec["containers"][0]["image"] = spec["containers"][0]["image"].replace(":1.", ":2.")
        elif way in (2, 3):
            spec["containers"].insert(0, {"name": "istio-proxy", "image": "proxy:1.22"})
        elif way == 4:
            obj["metadata"]["name"] += "-renamed"
        else:
            obj["spec"]["replicas"] = 3
    return new


def write_tree(root: Path, objects: list[dict[str, Any]], per_file: int) -> None:
    root.mkdir(parents=True)
    header = "Generated for bench/diff.py"
    for start in range(0, len(objects), per_file):
        chunk = objects[start : start + per_file]
        name = (
            f"deployment-{chunk[0]['metadata']['name']}.yaml" if per_file == 1 else f"part-{start:05d}.yaml"
        )
        body = yaml.dump_all(chunk, Dumper=yaml.CSafeDumper, explicit_start=True, sort_keys=False, width=4096)
        (root / name).write_text(f"# {header}\n{body}")


def generate(root: Path, count: int, per_file: int) -> None:
    """Trees a/ and b/ under `root` (run in a child process, so that its memory is not in the figures)."""
    objects = [deployment(i) for i in range(count)]
    write_tree(root / "a", objects, per_file)
    write_tree(root / "b", mutate(objects, random.Random(count)), per_file)


def cpu_seconds(argv: list[str], runs: int) -> float:
    """Median user + system CPU time of `argv`: what the diff costs when the machine is shared."""
    samples = []
    for _ in range(runs):
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        samples.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(samples)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-diff-"))
    rows: list[Measurement] = []
    cpu: list[str] = []
    for count, per_file in ((2_500, 1), (5_000, 1), (10_000, 1), (10_000, 100)):
        root = work / f"{count}-{per_file}"
        subprocess.run(
            [sys.executable, __file__, "--generate", str(root), str(count), str(per_file)], check=True
        )
        a, b = str(root / "a"), str(root / "b")
        shape = "1 object per file" if per_file == 1 else f"{per_file} objects per file"
        label = f"{count:,} objects, {shape}"
        hagen = [*HAGEN, "diff", a, b]
        rows.append(measure(f"hagen diff, {label}", hagen, runs))
        rows.append(
            measure(f"hagen diff --format json, {label}", [*HAGEN, "diff", "--format", "json", a, b], runs)
        )
        rows.append(measure(f"diff -r, {label}", ["diff", "-r", a, b], runs))
        rows.append(
            measure(
                f"git diff --no-index --stat, {label}", ["git", "diff", "--no-index", "--stat", a, b], runs
            )
        )
        cpu.append(f"| hagen diff, {label} | {cpu_seconds(hagen, runs):.3f} |")
    print(table("hagen diff (1% of objects changed)", rows))
    print("| what | median CPU s (user + system) |\n|---|---|\n" + "\n".join(cpu) + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--generate"]:
        generate(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()

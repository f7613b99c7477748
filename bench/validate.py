"""Schema validation speed: hagen's validator against the kubernetes-validate package, same objects.

Run: .venv/bin/python bench/validate.py [--objects N] [--runs R]

In-process: median wall time to validate N objects (a cold first call, which compiles the validators,
then warm calls), beside kubernetes_validate.validate(strict=True) on the same objects. Whole process:
`hagen validate DIR` and `kubernetes-validate --strict` on the same files (bench/_harness.py: medians
of fresh processes, peak memory).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import PYTHON, ROOT, Measurement, measure, table

from hagen._validate import DEFAULT_KUBE_VERSION, validate_objects
from hagen._yaml import dump_documents

PER_FILE = 50


def sample_objects(count: int) -> list[dict[str, Any]]:
    """A realistic mix: per tier a Deployment, Service, PodDisruptionBudget, ConfigMap and PVC."""
    objects: list[dict[str, Any]] = []
    i = 0
    while len(objects) < count:
        name, labels = (
            f"tier-{i}",
            {"app.kubernetes.io/instance": "bench", "app.kubernetes.io/component": f"tier-{i}"},
        )
        meta = {"name": name, "namespace": "bench", "labels": labels}
        pod = {
            "metadata": {"labels": labels},
            "spec": {
                "automountServiceAccountToken": False,
                "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
                "containers": [
                    {
                        "name": name,
                        "image": f"registry.example.com/app:{i}.0.0",
                        "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                        "env": [{"name": "LOG_LEVEL", "value": "info"}],
                        "resources": {
                            "requests": {"cpu": "100m", "memory": "64Mi"},
                            "limits": {"memory": "64Mi"},
                        },
                        "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}},
                        "securityContext": {
                            "allowPrivilegeEscalation": False,
                            "readOnlyRootFilesystem": True,
                            "capabilities": {"drop": ["ALL"]},
                        },
                        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
                    }
                ],
                "volumes": [{"name": "tmp", "emptyDir": {}}],
            },
        }
        selector = {"matchLabels": labels}
        objects += [
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
             "spec": {"replicas": 2, "selector": selector, "template": pod}},
            {"apiVersion": "v1", "kind": "Service", "metadata": meta,
             "spec": {"selector": labels, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}},
            {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta,
             "spec": {"maxUnavailable": 1, "selector": selector}},
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": {"key": "value"}},
            {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
             "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "gp3",
                      "resources": {"requests": {"storage": "8Gi"}}}},
        ]  # fmt: skip
        i += 1
    return objects[:count]


def _median_seconds(fn: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def in_process(objects: list[dict[str, Any]], runs: int, reference_runs: int) -> list[str]:
    import kubernetes_validate

    start = time.perf_counter()
    report = validate_objects(objects)
    cold = time.perf_counter() - start
    assert report.ok and len(report.validated) == len(objects), report.text()
    warm = _median_seconds(lambda: validate_objects(objects), runs)

    def reference() -> None:
        for obj in objects:
            kubernetes_validate.validate(obj, DEFAULT_KUBE_VERSION, strict=True)

    n = len(objects)
    rows = [
        f"### In-process, {n} objects, Kubernetes {DEFAULT_KUBE_VERSION} strict schemas\n",
        "| what | median s | per object ms | runs |",
        "|---|---|---|---|",
        f"| hagen validate_objects, first call (compiles) | {cold:.4f} | {cold / n * 1000:.3f} | 1 |",
        f"| hagen validate_objects, warm | {warm:.4f} | {warm / n * 1000:.3f} | {runs} |",
    ]
    if reference_runs:
        theirs = _median_seconds(reference, reference_runs)
        rows.append(
            f"| kubernetes_validate.validate(strict=True) per object | {theirs:.3f} | "
            f"{theirs / n * 1000:.2f} | {reference_runs} |"
        )
    return [*rows, ""]


def whole_process(objects: list[dict[str, Any]], runs: int, reference_runs: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for index in range(0, len(objects), PER_FILE):
            chunk = objects[index : index + PER_FILE]
            (folder / f"objects-{index // PER_FILE:03d}.yaml").write_text(dump_documents(chunk))
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        hagen = str(Path(PYTHON).parent / "hagen")
        reference = str(Path(PYTHON).parent / "kubernetes-validate")
        rows: list[Measurement] = [
            measure("hagen --help (start-up)", [hagen, "--help"], runs, cwd=ROOT),
            measure(
                f"hagen validate ({len(objects)} objects, {len(files)} files)",
                [hagen, "validate", tmp],
                runs,
                cwd=ROOT,
            ),
        ]
        if reference_runs:
            rows.append(
                measure(
                    f"kubernetes-validate --strict -k {DEFAULT_KUBE_VERSION} (same files)",
                    [reference, "--strict", "--quiet", "-k", DEFAULT_KUBE_VERSION, *files],
                    reference_runs,
                    cwd=ROOT,
                )
            )
        return table(f"Whole process, {len(objects)} objects", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--reference-runs", type=int, default=3, help="runs of the (slow) reference; 0 skips it"
    )
    args = parser.parse_args()
    objects = sample_objects(args.objects)
    print("\n".join(in_process(objects, args.runs, args.reference_runs)))
    print(whole_process(objects, args.runs, args.reference_runs))


if __name__ == "__main__":
    main()

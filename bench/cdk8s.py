"""hagen natively, through the cdk8s export, and the same system as a pure cdk8s-plus app.

    .venv/bin/python bench/cdk8s.py [--runs N] [--tiers N]

Two systems, each three ways, in one run: (a) `hagen synth` of a blueprint, (b) a cdk8s app that adds the
same blueprint with hagen.cdk8s.add_blueprint and runs app.synth(), (c) the same workloads written with
cdk8s-plus (app.synth()). The systems are the seed (backend and frontend, 2 replicas each, one of each per
node) and N tiers of 2 replicas (default 200). Every figure is a whole process, start-up included.

Memory: cdk8s runs in a Node.js child process (jsii), so a process's peak here is the Python process's
high-water mark (VmHWM, read at exit) plus Node's peak RSS (measured by running node under
/usr/bin/time): both live until the end, so their peaks add up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT, run_once

SEED_BLUEPRINT = """
from hagen import Blueprint, Port, Resources, Tier, colocate, separate

class Seed(Blueprint):
    name = "seed"
    namespace = "shop"
    tiers = (
        Tier(name="backend", image="registry.example.com/shop/backend:1.4.2", replicas=2,
             ports=(Port(name="http", port=8080),), resources=Resources(cpu="250m", memory="256Mi"),
             placement=(separate(),)),
        Tier(name="frontend", image="nginxinc/nginx-unprivileged:1.27.3", replicas=2,
             ports=(Port(name="http", port=8080, service_port=80),), expose="LoadBalancer",
             resources=Resources(cpu="100m", memory="64Mi"), placement=(separate(), colocate("backend"))),
    )
"""

MANY_BLUEPRINT = """
from hagen import Blueprint, Port, Tier, separate

class Many(Blueprint):
    name = "many"
    namespace = "many"
    tiers = tuple(
        Tier(name=f"svc-{{i:04d}}", image=f"registry.example.com/svc-{{i:04d}}:1.0.0", replicas=2,
             ports=(Port(name="http", port=8080),), placement=(separate(soft=True),))
        for i in range({tiers})
    )
"""

EXPORT_APP = """
import sys
from cdk8s import App
from hagen.cdk8s import add_blueprints

app = App(outdir=sys.argv[2])
add_blueprints(app, [sys.argv[1]])
app.synth()
"""

# cdk8s-plus writes one Deployment and one Service per tier (it has no PodDisruptionBudget construct).
PLUS_SEED = """
import sys
import cdk8s_plus_32 as kplus
from cdk8s import App, Chart, Size

app = App(outdir=sys.argv[1])
chart = Chart(app, "seed", namespace="shop")
tiers = {}
for name, image, cpu, mem, port, kind in (
    ("backend", "registry.example.com/shop/backend:1.4.2", 250, 256, 8080, kplus.ServiceType.CLUSTER_IP),
    ("frontend", "nginxinc/nginx-unprivileged:1.27.3", 100, 64, 80, kplus.ServiceType.LOAD_BALANCER),
):
    d = kplus.Deployment(chart, name, metadata={"name": name}, replicas=2, containers=[kplus.ContainerProps(
        name=name, image=image, port_number=8080, resources=kplus.ContainerResources(
            cpu=kplus.CpuResources(request=kplus.Cpu.millis(cpu)),
            memory=kplus.MemoryResources(request=Size.mebibytes(mem), limit=Size.mebibytes(mem))))])
    d.expose_via_service(name=name, service_type=kind, ports=[kplus.ServicePort(port=port, target_port=8080)])
    d.scheduling.spread()
    tiers[name] = d
tiers["frontend"].scheduling.colocate(tiers["backend"])
app.synth()
"""

PLUS_MANY = """
import sys
import cdk8s_plus_32 as kplus
from cdk8s import App, Chart

app = App(outdir=sys.argv[1])
chart = Chart(app, "many", namespace="many")
for i in range(int(sys.argv[2])):
    name = f"svc-{i:04d}"
    d = kplus.Deployment(chart, name, metadata={"name": name}, replicas=2, containers=[kplus.ContainerProps(
        name=name, image=f"registry.example.com/{name}:1.0.0", port_number=8080)])
    d.expose_via_service(name=name, ports=[kplus.ServicePort(port=8080)])
    d.scheduling.spread(weight=100)
app.synth()
"""

# Runs a module or script as __main__ and, at exit (after jsii has stopped Node), records the Python
# process's memory high-water mark.
WRAP = """
import atexit, runpy, sys, traceback
def _hwm(path=sys.argv[1]):
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(path, "w").write(line.split()[1])
atexit.register(_hwm)
module = sys.argv[3] if sys.argv[2] == "-m" else None
target = module or sys.argv[2]
sys.argv = [target, *sys.argv[4 if module else 3:]]
try:
    if module:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        runpy.run_path(target, run_name="__main__")
except SystemExit as exc:
    if exc.code not in (0, None):
        raise SystemExit(3) from None  # 1 would pass the harness as "drift"
except BaseException:
    traceback.print_exc()
    raise SystemExit(3) from None
"""

NODE_WRAPPER = """#!/bin/sh
exec /usr/bin/time -f %M -a -o "$HAGEN_BENCH_NODE_PEAKS" {node} "$@"
"""


def _kib(path: Path) -> float:
    """Sum of the KiB figures in `path` (one per Node process of the run); 0 when none ran."""
    if not path.exists():
        return 0.0
    return float(sum(int(line) for line in path.read_text().split() if line.isdigit()))


def measure_row(
    label: str, argv: list[str], runs: int, tmp: Path, env: dict[str, str]
) -> tuple[str, float, float]:
    """(label, median wall s, median peak MiB of Python + Node) of `runs` fresh processes after a warm-up."""
    hwm, peaks = tmp / "hwm", tmp / "node-peaks"
    run_env = {**env, "HAGEN_BENCH_NODE_PEAKS": str(peaks)}
    wrapped = [PYTHON, "-c", WRAP, str(hwm), *argv]
    samples: list[tuple[float, float]] = []
    for i in range(runs + 1):
        peaks.unlink(missing_ok=True)
        seconds, _ = run_once(wrapped, tmp, run_env)
        if i:  # the first run warms caches
            samples.append((seconds, (float(hwm.read_text()) + _kib(peaks)) / 1024))
    return label, statistics.median(s for s, _ in samples), statistics.median(m for _, m in samples)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tiers", type=int, default=200)
    args = parser.parse_args()
    node = shutil.which(os.environ.get("JSII_NODE", "node"))
    if node is None:
        sys.exit("bench/cdk8s.py: Node.js is needed (cdk8s runs on it)")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        wrapper = tmp / "node"
        wrapper.write_text(NODE_WRAPPER.format(node=node))
        wrapper.chmod(0o755)
        env = {
            **os.environ,
            "JSII_NODE": str(wrapper),
            "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "18,20",
            "PYTHONPATH": str(ROOT),
        }
        files = {
            "seed.py": SEED_BLUEPRINT,
            "many.py": MANY_BLUEPRINT.format(tiers=args.tiers),
            "export_app.py": EXPORT_APP,
            "plus_seed.py": PLUS_SEED,
            "plus_many.py": PLUS_MANY,
        }
        for name, text in files.items():
            (tmp / name).write_text(text)
        (tmp / "import_cdk8s.py").write_text("import cdk8s\n")
        (tmp / "empty.py").write_text("")
        rows = [
            measure_row("python (interpreter start-up)", [str(tmp / "empty.py")], args.runs, tmp, env),
            measure_row("import cdk8s (starts Node.js)", [str(tmp / "import_cdk8s.py")], args.runs, tmp, env),
        ]
        systems = (
            ("seed system", "seed", "plus_seed.py", []),
            (f"{args.tiers} tiers", "many", "plus_many.py", [str(args.tiers)]),
        )
        for title, stem, plus, extra in systems:
            blueprint = str(tmp / f"{stem}.py")
            ways = {
                "(a) hagen synth": ["-m", "hagen", "synth", blueprint, "-o", str(tmp / f"out-{stem}")],
                "(b) cdk8s app + hagen.cdk8s": [
                    str(tmp / "export_app.py"),
                    blueprint,
                    str(tmp / f"dist-b-{stem}"),
                ],
                "(c) cdk8s-plus app": [str(tmp / plus), str(tmp / f"dist-c-{stem}"), *extra],
            }
            for way, argv in ways.items():
                rows.append(measure_row(f"{title}: {way}", argv, args.runs, tmp, env))
        print(report(rows, args.runs, tmp, args.tiers))


def _objects(folder: Path) -> int:
    """Kubernetes objects in the YAML files under `folder` (kustomization.yaml is not one)."""
    texts = [p.read_text() for p in folder.rglob("*.yaml") if p.name != "kustomization.yaml"]
    return sum(t.count("\nkind: ") + t.startswith("kind: ") for t in texts)


def report(rows: list[tuple[str, float, float]], runs: int, tmp: Path, tiers: int) -> str:
    """The Markdown table: medians, and each cdk8s figure as a multiple of the native one."""
    head = (
        "### cdk8s interop (bench/cdk8s.py)\n\n"
        f"Medians of {runs} runs; peak = Python VmHWM + Node.js peak RSS.\n\n"
        "| what | median wall s | median peak MiB | wall vs (a) | peak vs (a) |\n|---|---|---|---|---|\n"
    )
    lines = []
    base: tuple[float, float] | None = None
    for label, seconds, mib in rows:
        if "(a)" in label:
            base = (seconds, mib)
        compared = base is not None and ":" in label and "(a)" not in label
        ratio = f"{seconds / base[0]:.1f}x | {mib / base[1]:.1f}x" if compared and base else " | "
        lines.append(f"| {label} | {seconds:.3f} | {mib:.0f} | {ratio} |")
    counts = {
        name: _objects(tmp / name)
        for name in ("out-seed", "dist-b-seed", "dist-c-seed", "out-many", "dist-b-many", "dist-c-many")
        if (tmp / name).exists()
    }
    notes = "\n\nKubernetes objects written: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    notes += (
        f" ({tiers} tiers: hagen writes a Deployment, Service and PodDisruptionBudget per tier, cdk8s-plus"
        " a Deployment and a Service)."
    )
    return head + "\n".join(lines) + notes + "\n"


if __name__ == "__main__":
    main()

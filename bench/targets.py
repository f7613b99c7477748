"""Targets: 20 targets x 50 blueprints (1,000 syntheses) in one `hagen synth`, serial and over 2 processes,
the same rendered in memory only (hagen.plan_targets, what a drift check costs), and the example's targets
(no pool: two targets of one blueprint are far below the pool's threshold).

Each figure is a whole process, median of several runs, writing into an empty folder.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _harness import ROOT, Measurement, measure, set_aside, table

HAGEN = [sys.executable, "-m", "hagen"]
TARGETS = 20
BLUEPRINTS = 50

BLUEPRINT = """from hagen import Blueprint, Port, Resources, Tier, colocate, separate


class Service{i}(Blueprint):
    name = "svc-{i:02d}"

    def tiers(self, target):
        replicas = target.var("replicas", 2) if target is not None else 2
        return [
            Tier(name="backend", image="registry.example.com/svc{i}/backend:1.{i}.0", replicas=replicas,
                 ports=[Port(name="http", port=8080)], resources=Resources(cpu="250m", memory="256Mi"),
                 placement=[separate()]),
            Tier(name="frontend", image="registry.example.com/svc{i}/frontend:1.{i}.0", replicas=replicas,
                 ports=[Port(name="http", port=8080, service_port=80)], expose="LoadBalancer",
                 placement=[separate(), colocate("backend")], connects_to=["backend"]),
        ]
"""


def fleet(folder: Path) -> Path:
    """A project of BLUEPRINTS blueprint files and TARGETS targets, each target with its own replicas."""
    (folder / "blueprints").mkdir(parents=True)
    for i in range(BLUEPRINTS):
        (folder / "blueprints" / f"svc{i:02d}.py").write_text(BLUEPRINT.format(i=i), encoding="utf-8")
    targets = "".join(
        f'[targets.t{t:02d}]\ncluster = "c{t % 4}"\nvars = {{ replicas = {t % 3 + 1} }}\n'
        for t in range(TARGETS)
    )
    (folder / "hagen.toml").write_text(targets, encoding="utf-8")
    return folder


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-targets-"))
    project = fleet(work / "fleet")
    out = work / "out"

    fresh = set_aside(out)

    one = [*HAGEN, "synth", "--target", "prod", "-o", str(out)]
    both = [*HAGEN, "synth", "-o", str(out)]
    rows: list[Measurement] = [
        measure("example: synth --target prod (fresh)", one, runs, cwd=ROOT, setup=fresh),
        measure("example: synth, dev + prod (fresh)", both, runs, cwd=ROOT, setup=fresh),
    ]
    label = f"{TARGETS} targets x {BLUEPRINTS} blueprints"
    for jobs in (1, 2):
        argv = [*HAGEN, "synth", "-o", str(out), "--jobs", str(jobs)]
        rows.append(measure(f"{label}, --jobs {jobs} (fresh)", argv, runs, cwd=project, setup=fresh))
    for jobs in (1, 2):  # rendering only, as `hagen diff` and hagen.plan() do: no files written
        code = f"import hagen; hagen.plan_targets(hagen.load_project(), jobs={jobs})"
        argv = [sys.executable, "-c", code]
        rows.append(measure(f"{label}, plan in memory, jobs={jobs}", argv, runs, cwd=project))
    print(table("hagen synth with targets", rows))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Helm values: checking the seed's Jenkins values against a chart copy, and the optional real render.

    .venv/bin/python bench/helm.py [--chart PATH] [--runs N]

PATH is a copy of the jenkinsci/jenkins 5.9.53 chart (directory or the .tgz of `helm pull`). Without it
the bench builds a stand-in .tgz whose values.yaml has as many keys as the real one times ten (4,000 key
paths), so the key check's cost is visible. Every figure is a whole process (start-up included).
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT, Measurement, measure, table

SEED = """
from pathlib import Path
from hagen._storage import StorageClass
from hagen._helm import Jenkins, Persistence, Controller, check_release
j = Jenkins(persistence=Persistence(storage_class=StorageClass(name="gp3")),
            controller=Controller(service_type="LoadBalancer", service_port=8080){chart})
r = check_release(j, Path("."))
assert not r.errors, r.errors
"""

RENDER = """
from pathlib import Path
from hagen._helm import Chart, HelmRelease, render_release
r = HelmRelease(name="demo", namespace="web", chart=Chart(name="tiny", repository="https://example.org"),
                version="0.1.0")
assert len(render_release(r, {{"service": {{"port": 8080}}}}, Path({chart!r}))) == 2
"""


def stand_in_chart(folder: Path, groups: int = 40, keys: int = 100) -> Path:
    """A jenkins-5.9.53.tgz whose values.yaml holds the typed model's keys plus groups x keys filler."""
    lines = [
        "controller:",
        "  serviceType: ClusterIP",
        "  servicePort: 8080",
        "persistence:",
        "  storageClass:",
    ]
    for g in range(groups):
        lines.append(f"group{g}:")
        lines.extend(f"  key{k}: {k}" for k in range(keys))
    files = {
        "jenkins/Chart.yaml": b"apiVersion: v2\nname: jenkins\nversion: 5.9.53\n",
        "jenkins/values.yaml": ("\n".join(lines) + "\n").encode(),
    }
    path = folder / "jenkins-5.9.53.tgz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chart", type=Path, help="a copy of the jenkins 5.9.53 chart (dir or .tgz)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty_cache = Path(tmp) / "cache"
        env = {"HELM_REPOSITORY_CACHE": str(empty_cache), "PATH": "/usr/bin:/bin"}
        chart = args.chart.resolve() if args.chart else stand_in_chart(Path(tmp))
        what = "the chart's values.yaml" if args.chart else "a 4,000-key stand-in values.yaml (.tgz)"
        rows: list[Measurement] = [
            measure("python -c pass (interpreter start-up)", [PYTHON, "-c", "pass"], args.runs, ROOT, env),
            measure("import hagen._helm", [PYTHON, "-c", "import hagen._helm"], args.runs, ROOT, env),
            measure(
                "seed Jenkins values, checked against the model's keys (no chart copy)",
                [PYTHON, "-c", SEED.format(chart="")],
                args.runs,
                ROOT,
                env,
            ),
            measure(
                f"seed Jenkins values, checked against {what}",
                [PYTHON, "-c", SEED.format(chart=f", chart_path={str(chart)!r}")],
                args.runs,
                ROOT,
                env,
            ),
        ]
        try:
            import helm_python  # noqa: F401
        except (ImportError, OSError):
            print("helm-python-sdk is not installed: the render row is left out", file=sys.stderr)
        else:
            tiny = ROOT / "tests" / "data" / "charts" / "tiny"
            rows.append(
                measure(
                    "render a 2-template chart (helm-python-sdk)",
                    [PYTHON, "-c", RENDER.format(chart=str(tiny))],
                    args.runs,
                    ROOT,
                    env,
                )
            )
    print(table("Helm values (bench/helm.py)", rows))


if __name__ == "__main__":
    main()

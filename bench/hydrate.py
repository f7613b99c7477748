"""Hydration: `hagen synth --target prod` of the example with the Jenkins chart 5.9.53 rendered into
out/prod/shop/helm/jenkins/, against the same synth writing values only and against one render of the
chart with the same values by Helm's engine (helm-python-sdk, as in bench/helm_template.py).

hagen renders the chart twice (to find non-deterministic templates), validates the rendered objects and
writes one file per object; the Helm figure is a single `helm template` equivalent printing to stdout.
The chart is read from the shared reference folder beside the repository; without it (or without the
engine) the benchmark says so and measures nothing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _harness import ROOT, helm_engine_missing, measure, set_aside, table

HAGEN = [sys.executable, "-m", "hagen"]
CHART = ROOT.parent / "shared" / "reference" / "jenkins-chart"

RENDER = """
import sys
import helm_python
from hagen._yaml import load_documents
values = load_documents(open(sys.argv[2]).read(), sys.argv[2])[0]
with helm_python.Chart.load(sys.argv[1]) as chart:
    manifests = chart.render(values, name="jenkins", namespace="jenkins", is_install=True)
sys.stdout.write("".join(manifests[k] for k in sorted(manifests)))
"""


def project(work: Path, hydrate: bool) -> Path:
    """A copy of the example project; with `hydrate`, its prod target hydrates every release."""
    folder = work / ("hydrated" if hydrate else "values-only")
    for name in ("blueprints", "targets"):
        shutil.copytree(ROOT / name, folder / name)
    text = (ROOT / "hagen.toml").read_text()
    if hydrate:
        text = text.replace('region = "ap-northeast-2"', 'region = "ap-northeast-2"\nhydrate = true', 1)
    (folder / "hagen.toml").write_text(text)
    return folder


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    missing = helm_engine_missing()
    if missing:
        print(missing)
        return
    if not CHART.is_dir():
        print(f"{CHART} is missing; skipped")
        return
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-hydrate-"))
    script = work / "render.py"
    script.write_text(RENDER)
    chart = f"jenkins={CHART}"
    rows = []
    for hydrate in (False, True):
        folder = project(work, hydrate)
        label = "hydrating Jenkins" if hydrate else "values only"
        rows.append(
            measure(
                f"hagen synth --target prod, {label} (fresh out/)",
                [*HAGEN, "synth", "--target", "prod", "--chart", chart],
                runs,
                cwd=folder,
                setup=set_aside(folder / "out"),
            )
        )
    values = work / "hydrated" / "out" / "prod" / "shop" / "helm" / "jenkins" / "values.yaml"
    rows.append(
        measure(
            "Helm engine (helm-python-sdk): one render of the chart with the same values",
            [sys.executable, str(script), str(CHART), str(values)],
            runs,
            env={"PYTHONPATH": str(ROOT)},
        )
    )
    print(table("Hydration: the example's prod target with the Jenkins chart 5.9.53", rows))


if __name__ == "__main__":
    main()

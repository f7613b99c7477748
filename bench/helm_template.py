"""hagen against Helm's own renderer on the same workloads: the seed system and 200 tiers.

Helm renders through helm-python-sdk (Helm's Go engine as a shared library, the closest thing to
`helm template` that installs from PyPI), in a fresh process like hagen. The chart is generated here: one
template that loops over the tiers and writes a Deployment (with the seed's affinity), a Service and a
PodDisruptionBudget each, the same objects `hagen synth --stdout` prints for a tier.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from _harness import helm_engine_missing, measure, table
from synth import generated_blueprint

HAGEN = [sys.executable, "-m", "hagen"]

TEMPLATE = """{{- range .Values.tiers }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels: {tier: {{ .name }}, app.kubernetes.io/managed-by: helm}
spec:
  replicas: 2
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
  selector: {matchLabels: {tier: {{ .name }}}}
  template:
    metadata: {labels: {tier: {{ .name }}}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchExpressions: [{key: tier, operator: In, values: [{{ .name }}]}]}
            topologyKey: kubernetes.io/hostname
      containers:
      - name: {{ .name }}
        image: {{ .image }}
        ports: [{name: http, containerPort: 8080, protocol: TCP}]
        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true}
---
apiVersion: v1
kind: Service
metadata: {name: {{ .name }}}
spec:
  selector: {tier: {{ .name }}}
  ports: [{name: http, port: 8080, targetPort: http, protocol: TCP}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: {{ .name }}}
spec: {maxUnavailable: 1, selector: {matchLabels: {tier: {{ .name }}}}}
{{- end }}
"""

RENDER = """
import json, sys
import helm_python
values = json.loads(open(sys.argv[2]).read())
with helm_python.Chart.load(sys.argv[1]) as chart:
    manifests = chart.render(values, name="bench", namespace="bench", is_install=True)
sys.stdout.write("".join(manifests[k] for k in sorted(manifests)))
"""


def make_chart(folder: Path, tiers: int) -> tuple[Path, Path]:
    chart = folder / f"chart{tiers}"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text(f"apiVersion: v2\nname: bench{tiers}\nversion: 0.1.0\n")
    (chart / "templates" / "tiers.yaml").write_text(TEMPLATE)
    values = folder / f"values{tiers}.json"
    names = [f"t{i:04d}" for i in range(tiers)]
    values.write_text(
        json.dumps({"tiers": [{"name": n, "image": f"registry.example.com/{n}:1.0"} for n in names]})
    )
    return chart, values


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    missing = helm_engine_missing()
    if missing:
        print(missing)
        return
    work = Path(tempfile.mkdtemp(prefix="hagen-bench-helm-"))
    script = work / "render.py"
    script.write_text(RENDER)
    rows = []
    for tiers in (2, 200):
        blueprint = generated_blueprint(work, tiers)
        chart, values = make_chart(work, tiers)
        label = "seed-sized (2 tiers)" if tiers == 2 else f"{tiers} tiers"
        rows.append(
            measure(f"{label}: hagen synth --stdout", [*HAGEN, "synth", str(blueprint), "--stdout"], runs)
        )
        rows.append(
            measure(
                f"{label}: Helm engine (helm-python-sdk) render",
                [sys.executable, str(script), str(chart), str(values)],
                runs,
            )
        )
    print(table("hagen and Helm's renderer, same objects", rows))


if __name__ == "__main__":
    main()

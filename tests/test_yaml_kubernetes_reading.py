"""`hagen validate` and `hagen diff` read YAML as the API server does (go-yaml v2 typing, quantities)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from hagen._validate._misread import misread_scalars
from hagen._yaml import load_documents

from ._goyaml import GoReader
from .conftest import run_hagen

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx:1.27
    env: [{name: A, value: y}, {name: B, value: 1e3}]
"""
QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_validate_names_line_reading_and_fix_of_misread_env_values(tmp_path: Path) -> None:
    proc = run_hagen("validate", "--format", "json", str(_write(tmp_path, "pod.yaml", POD)))
    assert proc.returncode == 1, proc.stderr
    errors = {e["path"]: (e["message"], e["value"]) for e in json.loads(proc.stdout)["errors"]}
    assert errors == {
        "spec.containers[0].env[0].value": (
            "line 9: y is read by Kubernetes (go-yaml v2) as boolean true, where a string is required; "
            "quote it: 'y'",
            True,
        ),
        "spec.containers[0].env[1].value": (
            "line 9: 1e3 is read by Kubernetes (go-yaml v2) as number 1000.0, where a string is required; "
            "quote it: '1e3'",
            1000.0,
        ),
    }


def test_quoted_env_values_are_valid(tmp_path: Path) -> None:
    fixed = POD.replace("value: y}", "value: 'y'}").replace("value: 1e3}", "value: '1e3'}")
    proc = run_hagen("validate", str(_write(tmp_path, "pod.yaml", fixed)))
    assert proc.returncode == 0, proc.stdout


def test_validate_refuses_quantities_the_api_server_cannot_parse(tmp_path: Path) -> None:
    text = POD.replace(
        "    env: [{name: A, value: y}, {name: B, value: 1e3}]\n",
        "    resources: {requests: {cpu: 1000ms, memory: 128MB}, limits: {cpu: 1e3, memory: 1.5Gi}}\n",
    )
    proc = run_hagen("validate", "--format", "json", str(_write(tmp_path, "pod.yaml", text)))
    assert proc.returncode == 1, proc.stderr
    errors = {e["path"]: e["message"] for e in json.loads(proc.stdout)["errors"]}
    assert errors == {
        "spec.containers[0].resources.requests[cpu]": f'Invalid value: "1000ms": {QUANTITY}',
        "spec.containers[0].resources.requests[memory]": f'Invalid value: "128MB": {QUANTITY}',
    }


def test_misread_scalars_follow_list_items_and_skip_quoted_ones() -> None:
    text = "kind: List\nitems:\n- kind: ConfigMap\n  data: {a: on, b: 'on', c: 0X1F}\n---\nkind: B\nx: ok\n"
    assert misread_scalars(text) == [{"data.a": (4, "on", True), "data.c": (4, "0X1F", 31)}, {}]


def test_hagen_reads_like_the_go_reader(go_yaml: GoReader) -> None:
    text = "a: y\nb: 1e3\nc: 0X1F\nd: -_1\ne: 2001-12-14\nf: 08\ng: 1e400\nh: 'y'\ni: <<\n"
    assert load_documents(text) == go_yaml.load_all(text)
    assert load_documents(text) == [
        {
            "a": True,
            "b": 1000.0,
            "c": 31,
            "d": -1,
            "e": "2001-12-14",
            "f": 8.0,
            "g": "1e400",
            "h": "y",
            "i": "<<",
        }
    ]
    assert yaml.safe_load("a: y")["a"] == "y"  # PyYAML's YAML 1.1 differs: why hagen has its own resolver


CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: {{A: {value}}}\n"


def test_diff_of_quoted_and_plain_y_is_a_real_change(tmp_path: Path) -> None:
    old = _write(tmp_path / "old", "cm.yaml", CONFIGMAP.format(value="'y'"))
    new = _write(tmp_path / "new", "cm.yaml", CONFIGMAP.format(value="y"))
    proc = run_hagen("diff", "--format", "json", str(old), str(new))
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["formatting_only"] == []
    (obj,) = data["objects"]
    assert [(c["path"], c["old"], c["new"]) for c in obj["changes"]] == [(["data", "A"], "y", True)]
    human = run_hagen("diff", "--no-color", str(old), str(new)).stdout
    assert "data.A: 'y' -> true" in human


POD_CPU = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
    "spec:\n  containers:\n  - name: c\n    resources:\n      requests:\n        cpu: {cpu}\n"
)


def test_diff_of_equal_quantities_is_formatting_only_with_the_reason(tmp_path: Path) -> None:
    old = _write(tmp_path / "old", "pod.yaml", POD_CPU.format(cpu="12000m"))
    new = _write(tmp_path / "new", "pod.yaml", POD_CPU.format(cpu='"12"'))
    data = json.loads(run_hagen("diff", "--format", "json", str(old), str(new)).stdout)
    assert (data["objects"], data["formatting_only"]) == ([], ["pod.yaml"])
    reason = (
        "the API server stores quantities in canonical form: "
        "spec.containers[name=c].resources.requests.cpu 12000m = 12"
    )
    assert data["formatting_reasons"] == {"pod.yaml": reason}
    human = run_hagen("diff", "--no-color", str(old), str(new)).stdout
    assert f"    pod.yaml  ({reason})" in human


def test_diff_of_different_quantities_is_a_change(tmp_path: Path) -> None:
    old = _write(tmp_path / "old", "pod.yaml", POD_CPU.format(cpu="12000m"))
    new = _write(tmp_path / "new", "pod.yaml", POD_CPU.format(cpu='"12.5"'))
    data = json.loads(run_hagen("diff", "--format", "json", str(old), str(new)).stdout)
    assert [c["new"] for o in data["objects"] for c in o["changes"]] == ["12.5"]

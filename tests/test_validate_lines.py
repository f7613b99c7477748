"""Errors in files name their line: `hagen validate` (text and JSON) and `hagen check` (text, JSON and the
SARIF region a code-scanning annotation sits on) point at the field, in any document of a stream and in
a List's items."""

from __future__ import annotations

import json
from pathlib import Path

from hagen._validate._messages import field_path, path_parts
from tests.conftest import run_hagen

MANIFESTS = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
data:
  a: b
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.0
        ports:
        - containerPort: 99999
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: Bad_Name
  spec:
    ports:
    - port: 80
"""


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "all.yaml"
    path.write_text(MANIFESTS)
    return path


def _line_of(text: str) -> int:
    return MANIFESTS.splitlines().index(text) + 1


def test_validate_names_the_line_of_each_field(tmp_path: Path) -> None:
    path = _file(tmp_path)
    port, name = _line_of("        - containerPort: 99999"), _line_of("    name: Bad_Name")
    assert (port, name) == (24, 32)
    text = run_hagen("validate", str(path), cwd=tmp_path)
    assert text.returncode == 1
    assert [line.split(": ", 2)[:2] for line in text.stdout.splitlines() if line.startswith("error")] == [
        ["error", f"{path}:{port}"],
        ["error", f"{path}:{name}"],
    ]
    data = json.loads(run_hagen("validate", str(path), "--format", "json", cwd=tmp_path).stdout)
    assert [(e["object"], e["source"], e["line"]) for e in data["errors"]] == [
        ("apps.Deployment._.web", str(path), port),
        ("core.Service._.Bad_Name", str(path), name),
    ]


def test_check_puts_the_line_in_text_json_and_the_sarif_region(tmp_path: Path) -> None:
    _file(tmp_path)
    port, name = _line_of("        - containerPort: 99999"), _line_of("    name: Bad_Name")
    text = run_hagen("check", "all.yaml", cwd=tmp_path).stdout
    assert f"error schema.invalid: apps.Deployment._.web (all.yaml:{port})" in text.splitlines()
    assert f"error schema.invalid: core.Service._.Bad_Name (all.yaml:{name})" in text.splitlines()
    found = json.loads(run_hagen("check", "all.yaml", "--format", "json", cwd=tmp_path).stdout)["findings"]
    schema = [(f["object_id"], f["line"]) for f in found if f["id"] == "schema.invalid"]
    assert schema == [("apps.Deployment._.web", port), ("core.Service._.Bad_Name", name)]
    sarif = json.loads(run_hagen("check", "all.yaml", "--format", "sarif", cwd=tmp_path).stdout)
    regions = {
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r["locations"][0]["physicalLocation"]
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "schema.invalid"
    }
    assert regions["apps.Deployment._.web"] == {
        "artifactLocation": {"uri": "all.yaml"},
        "region": {"startLine": port},
    }
    assert regions["core.Service._.Bad_Name"]["region"] == {"startLine": name}


def test_a_missing_field_points_at_its_parent(tmp_path: Path) -> None:
    path = tmp_path / "svc.yaml"
    path.write_text("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - name: http\n")
    data = json.loads(run_hagen("validate", str(path), "--format", "json", cwd=tmp_path).stdout)
    [error] = data["errors"]
    assert error["path"] == "spec.ports[0].port" and error["line"] == 7  # the port item, which lacks it


def test_kubectl_paths_read_back() -> None:
    parts = ("spec", "template", "spec", "containers", 0, "ports", 1, "containerPort")
    assert path_parts(field_path(parts)) == parts
    assert path_parts("") == ()


def test_every_finding_on_an_object_of_a_file_points_at_its_document(tmp_path: Path) -> None:
    _file(tmp_path)
    deployment = MANIFESTS.splitlines().index("kind: Deployment")  # its document's first line: apiVersion
    sarif = json.loads(run_hagen("check", "all.yaml", "--format", "sarif", cwd=tmp_path).stdout)
    lines = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in sarif["runs"][0]["results"]
        if r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "apps.Deployment._.web"
    }
    assert ("workload.no-probes", deployment) in lines and ("schema.invalid", 24) in lines
    assert {line for rule, line in lines if rule.startswith("workload.")} == {deployment}
    one = tmp_path / "one.yaml"
    one.write_text("# a comment\n---\n" + MANIFESTS.split("---\n")[1])
    text = run_hagen("check", "one.yaml", cwd=tmp_path).stdout
    assert "warning workload.no-probes: apps.Deployment._.web (one.yaml:3)" in text.splitlines()

"""`hagen diff` through the real entry point: modes, formats, exit codes (0 no drift, 1 drift, 2 error)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_hagen

from .test_diff_tree import BILLION_LAUGHS, write

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: {replicas}
  template:
    spec:
      containers:
      - name: app
        image: app:1
"""

BLUEPRINT = """\
from hagen import Blueprint, Port, Tier


class Web(Blueprint):
    name = "web"
    namespace = "web"
    tiers = [Tier(name="web", image="nginx:1.27", replicas={replicas}, ports=[Port(name="http", port=8080)])]
"""


def trees(tmp_path: Path, old: int, new: int) -> tuple[Path, Path]:
    a = write(tmp_path / "a", {"web.yaml": DEPLOYMENT.format(replicas=old)})
    b = write(tmp_path / "b", {"web.yaml": DEPLOYMENT.format(replicas=new)})
    return a, b


def test_two_trees_without_drift_exit_0(tmp_path: Path) -> None:
    a, b = trees(tmp_path, 2, 2)
    proc = run_hagen("diff", str(a), str(b))
    assert (proc.returncode, proc.stdout.strip()) == (0, "no drift")


def test_drift_exits_1_and_names_the_field_unless_exit_zero(tmp_path: Path) -> None:
    a, b = trees(tmp_path, 2, 3)
    proc = run_hagen("diff", "--no-color", str(a), str(b))
    assert proc.returncode == 1
    assert "apps.Deployment.shop.web" in proc.stdout and "spec.replicas: 2 -> 3" in proc.stdout
    assert "\x1b[" not in proc.stdout
    assert run_hagen("diff", "--exit-zero", str(a), str(b)).returncode == 0


def test_json_report_is_versioned_and_structured(tmp_path: Path) -> None:
    a, b = trees(tmp_path, 2, 3)
    proc = run_hagen("diff", "--format", "json", str(a), str(b))
    report = json.loads(proc.stdout)
    assert (report["version"], report["drift"], report["summary"]["changed"]) == (2, True, 1)
    [obj] = report["objects"]
    assert obj["id"] == "apps.Deployment.shop.web" and obj["file"] == "web.yaml"
    assert obj["changes"] == [
        {
            "kind": "changed",
            "path": ["spec", "replicas"],
            "path_str": "spec.replicas",
            "old": 2,
            "new": 3,
            "by_position": False,
        }
    ]


def test_github_annotations_point_at_the_changed_line(tmp_path: Path) -> None:
    a, b = trees(tmp_path, 2, 3)
    proc = run_hagen("diff", "--format", "github", str(a), str(b))
    line = DEPLOYMENT.splitlines().index("  replicas: {replicas}") + 1
    assert f"::error file={a / 'web.yaml'},line={line}," in proc.stdout


@pytest.mark.parametrize("fmt", ["unified", "markdown"])
def test_other_formats_show_the_change(tmp_path: Path, fmt: str) -> None:
    a, b = trees(tmp_path, 2, 3)
    proc = run_hagen("diff", "--format", fmt, str(a), str(b))
    assert proc.returncode == 1
    assert (
        ("-  replicas: 2" in proc.stdout)
        if fmt == "unified"
        else ("| `spec.replicas` | `2` | `3` |" in proc.stdout)
    )


def test_stat_is_one_line_per_object_and_not_a_json_option(tmp_path: Path) -> None:
    a, b = trees(tmp_path, 2, 3)
    lines = run_hagen("diff", "--stat", str(a), str(b)).stdout.splitlines()
    assert lines[0].startswith("~ apps.Deployment.shop.web") and lines[0].endswith("| 1 field | in place")
    assert run_hagen("diff", "--stat", "--format", "json", str(a), str(b)).returncode == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BILLION_LAUGHS, "aliases"),
        ("a: !!python/object/apply:os.system ['echo pwned']\n", "refused YAML tag"),
    ],
)
def test_hostile_yaml_ends_at_once_with_exit_2(tmp_path: Path, text: str, message: str) -> None:
    a = write(tmp_path / "a", {"x.yaml": "a: 1\n"})
    b = write(tmp_path / "b", {"x.yaml": text})
    proc = run_hagen("diff", str(a), str(b))
    assert proc.returncode == 2
    assert message in proc.stderr and "x.yaml" in proc.stderr
    assert "pwned" not in proc.stdout


def synthesized(tmp_path: Path, replicas: int = 2) -> Path:
    write(tmp_path, {"blueprints/web.py": BLUEPRINT.format(replicas=replicas)})
    assert run_hagen("synth", "blueprints", "-o", "out", cwd=tmp_path).returncode == 0
    return tmp_path / "out"


def test_blueprints_against_committed_out(tmp_path: Path) -> None:
    out = synthesized(tmp_path)
    (out / "README.md").write_text("not hagen's\n")
    proc = run_hagen("diff", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "README.md" in proc.stdout
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tmp_path / "blueprints/web.py").write_text(BLUEPRINT.format(replicas=3))
    proc = run_hagen("diff", "--no-color", cwd=tmp_path)
    assert proc.returncode == 1
    assert "spec.replicas: 2 -> 3" in proc.stdout
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # nothing written


def test_formatting_only_and_removed_files_are_drift(tmp_path: Path) -> None:
    out = synthesized(tmp_path)
    path = out / "web/service-web.yaml"
    path.write_text("# hand-edited\n" + path.read_text().replace("kind: Service", "kind: 'Service'"))
    proc = run_hagen("diff", "--format", "json", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert (proc.returncode, report["objects"], report["formatting_only"]) == (
        1,
        [],
        ["web/service-web.yaml"],
    )
    owned = (out / ".hagen-owned").read_text()
    write(out, {"web/old.yaml": DEPLOYMENT.format(replicas=1), ".hagen-owned": owned + "web/old.yaml\n"})
    report = json.loads(run_hagen("diff", "--format", "json", cwd=tmp_path).stdout)
    assert [(o["status"], o["file"]) for o in report["objects"]] == [("removed", "web/old.yaml")]


def test_a_bad_blueprint_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"blueprints/web.py": BLUEPRINT.format(replicas="'many'")})
    proc = run_hagen("diff", cwd=tmp_path)
    assert proc.returncode == 2 and "web" in proc.stderr


def test_base_revision_against_work_tree(tmp_path: Path) -> None:
    out = synthesized(tmp_path)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "one"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    assert run_hagen("diff", "--base", "HEAD", cwd=tmp_path).returncode == 0
    (out / "web/namespace-web.yaml").unlink()
    proc = run_hagen("diff", "--base", "HEAD", "--stat", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("- core.Namespace._.web")


def test_a_hand_edited_ownership_record_is_drift(tmp_path: Path) -> None:
    out = synthesized(tmp_path)
    record = out / ".hagen-owned"
    record.write_text(record.read_text() + "web/gone.yaml\n")
    report = json.loads(run_hagen("diff", "--format", "json", cwd=tmp_path).stdout)
    assert (report["drift"], report["formatting_only"]) == (True, [".hagen-owned"])


def test_given_one_blueprint_file_other_blueprints_output_is_left_out(tmp_path: Path) -> None:
    out = synthesized(tmp_path)
    write(
        tmp_path,
        {"blueprints/api.py": BLUEPRINT.replace("Web", "Api").replace('"web"', '"api"').format(replicas=1)},
    )
    assert run_hagen("synth", "blueprints", "-o", "out", cwd=tmp_path).returncode == 0
    (out / "api/deployment-api.yaml").write_text((out / "api/deployment-api.yaml").read_text() + "# edited\n")
    assert run_hagen("diff", "blueprints/web.py", cwd=tmp_path).returncode == 0
    assert run_hagen("diff", "blueprints/api.py", cwd=tmp_path).returncode == 1
    assert run_hagen("diff", cwd=tmp_path).returncode == 1


def test_against_compares_the_blueprints_with_another_tree(tmp_path: Path) -> None:
    synthesized(tmp_path)
    live = write(
        tmp_path / "live",
        {
            "web.yaml": (tmp_path / "out/web/deployment-web.yaml")
            .read_text()
            .replace("replicas: 2", "replicas: 5")
        },
    )
    proc = run_hagen("diff", "--against", str(live), "--no-color", cwd=tmp_path)
    assert proc.returncode == 1
    assert "spec.replicas: 5 -> 2" in proc.stdout
    assert "+ core.Service.web.web" in proc.stdout
    assert "formatting only" not in proc.stdout and "moved" not in proc.stdout


@pytest.mark.parametrize("fmt", ["human", "json", "unified", "github", "markdown"])
def test_deeply_nested_and_odd_keyed_yaml_is_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    deep = "a: " + "[" * 990 + "{v}" + "]" * 990 + "\n80: http\nx: 1\n"
    a = write(tmp_path / "a", {"values.yaml": deep.format(v=1)})
    b = write(tmp_path / "b", {"values.yaml": deep.format(v=2)})
    proc = run_hagen("diff", "--format", fmt, str(a), str(b))
    assert (proc.returncode, proc.stderr) == (1, "")


def test_github_annotations_name_the_out_file_and_the_blueprint(tmp_path: Path) -> None:
    synthesized(tmp_path)
    (tmp_path / "blueprints/web.py").write_text(BLUEPRINT.format(replicas=3))
    lines = run_hagen("diff", "--format", "github", cwd=tmp_path).stdout.splitlines()
    text = (tmp_path / "out/web/deployment-web.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.strip() == "replicas: 2")
    assert lines[0].startswith(f"::error file=out/web/deployment-web.yaml,line={line},")
    assert lines[1].startswith("::notice file=blueprints/web.py,")

"""Two blueprints emitting one namespaced object (the same tier name in one namespace) are refused by
every part: synth to files and to stdout, check and place, with the same finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hagen
from tests._service import write_blueprint
from tests.conftest import run_hagen

FINDING = (
    "error objects.shared-between-blueprints: b apps.Deployment.shared.api: apps.Deployment.shared.api is "
    "emitted by blueprints a (bp/a.py) and b (bp/b.py): each writes its own version of one object, the last "
    "apply wins and pruning either deletes the other's"
)


def _two_in_one_namespace(folder: Path, second_tier: str = "api") -> Path:
    for name, tier, image in (("a", "api", "api:1.0"), ("b", second_tier, "other:2.0")):
        write_blueprint(
            folder,
            f"""
            class {name.upper()}(Blueprint):
                name = "{name}"
                namespace = "shared"
                tiers = [Tier(name="{tier}", image="registry.example.com/{image}",
                              ports=[Port(name="http", port=8080)])]
            """,
            f"{name}.py",
        )
    return folder


def test_synth_refuses_and_writes_nothing(tmp_path: Path) -> None:
    folder = _two_in_one_namespace(tmp_path / "bp")
    for argv in (("-o", "out"), ("--stdout",)):
        proc = run_hagen("synth", "bp", *argv, cwd=tmp_path)
        assert proc.returncode == 1 and proc.stdout == ""
        assert (
            f"{FINDING}; fix: rename the tier (or object) in one blueprint, or give each its own namespace"
            in (proc.stderr.splitlines())
        )
    assert not (tmp_path / "out").exists()
    with pytest.raises(hagen.BlockingFindings) as caught:
        hagen.synth([folder], tmp_path / "out")
    ids = sorted({f.object_id for f in caught.value.findings if f.id == "objects.shared-between-blueprints"})
    assert (
        ids
        == [
            "apps.Deployment.shared.api",
            "core.Service.shared.api",
            "core.ServiceAccount.shared.api",
            "policy.PodDisruptionBudget.shared.api",
        ]
        or ids[0] == "apps.Deployment.shared.api"
    )


def test_check_reports_the_same_finding(tmp_path: Path) -> None:
    folder = _two_in_one_namespace(tmp_path / "bp")
    proc = run_hagen("check", str(folder), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    found = [f for f in json.loads(proc.stdout)["findings"] if f["id"] == "objects.shared-between-blueprints"]
    assert found and all(f["severity"] == "error" and f["blueprint"] == "b" for f in found)
    assert sorted(f["object_id"] for f in found) == ["apps.Deployment.shared.api", "core.Service.shared.api"]


def test_place_refuses_to_place_what_synth_would_not_write(tmp_path: Path) -> None:
    folder = _two_in_one_namespace(tmp_path / "bp")
    proc = run_hagen("place", "bp", "--nodes", "3", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""  # no simulation of two copies of one Deployment
    assert (
        f"{FINDING}; fix: rename the tier (or object) in one blueprint, or give each its own namespace"
        in proc.stderr.splitlines()
    )
    assert proc.stderr.splitlines()[-1] == "hagen place: 2 error findings; nothing placed"
    with pytest.raises(hagen.BlockingFindings):
        hagen.place_command([folder], None, project=hagen.load_project(tmp_path))
    different = _two_in_one_namespace(tmp_path / "ok", second_tier="web")
    placed = run_hagen("place", str(different), "--nodes", "3", cwd=tmp_path)
    assert placed.returncode == 0 and "2 pod(s): 2 running" in placed.stdout, placed.stdout + placed.stderr


def test_different_tier_names_share_the_namespace_freely(tmp_path: Path) -> None:
    folder = _two_in_one_namespace(tmp_path / "bp", second_tier="web")
    proc = run_hagen("synth", str(folder), "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "shared-between-blueprints" not in proc.stderr


def test_a_shared_namespace_is_declared_by_one_blueprint(tmp_path: Path) -> None:
    folder = _two_in_one_namespace(tmp_path / "bp", second_tier="web")
    proc = run_hagen("check", str(folder), "--format", "json", cwd=tmp_path)
    [found] = [f for f in json.loads(proc.stdout)["findings"] if f["id"] == "objects.cluster-scoped-conflict"]
    assert (found["severity"], found["object_id"]) == ("warning", "core.Namespace._.shared")
    assert found["fix"] == "set create_namespace = False in blueprint b (or a): one emits namespace shared"
    text = (
        (folder / "b.py")
        .read_text()
        .replace('namespace = "shared"', 'namespace = "shared"\n    create_namespace = False')
    )
    (folder / "b.py").write_text(text)
    again = run_hagen("check", str(folder), "--format", "json", cwd=tmp_path)
    assert [f for f in json.loads(again.stdout)["findings"] if f["id"].startswith("objects.")] == []
    printed = run_hagen("synth", str(folder), "--stdout", cwd=tmp_path)
    assert printed.returncode == 0 and printed.stdout.count("kind: Namespace") == 1

"""Every reference case and sequence (transcribed from the kube-scheduler's own tests) through the scenario
interface: run_scenario for all of them, the real `hagen place --scenario` for a few."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hagen._place import run_scenario

from .conftest import run_hagen

DATA = Path(__file__).parent / "data"
CASES = json.loads((DATA / "scheduler-cases.json").read_text())
SEQUENCES = json.loads((DATA / "scheduler-sequences.json").read_text())["scenarios"]


def case_scenario(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "nodes": case["nodes"],
        "namespaces": case.get("namespaces", []),
        "existing_pods": case["existing_pods"],
        "pods": [case["pod"]],
    }


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_feasible_nodes(case: dict[str, Any]) -> None:
    (placement,) = run_scenario(case_scenario(case))["placements"]
    assert set(placement["first_attempt_feasible"]) == set(case["feasible_nodes"])
    rejected = {n["name"] for n in case["nodes"]} - set(case["feasible_nodes"])
    assert set(placement["reasons"]) == rejected
    if case["feasible_nodes"]:
        assert placement["node"] in case["feasible_nodes"]
    else:
        assert placement["node"] is None


def _by_name(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in out["placements"]}


def _domain(seq: dict[str, Any], node: str, key: str) -> str | None:
    labels: dict[str, str] = next(n["labels"] for n in seq["nodes"] if n["name"] == node)
    return labels.get(key)


def check_invariant(seq: dict[str, Any], inv: dict[str, Any], out: dict[str, dict[str, Any]]) -> None:
    kind = inv["kind"]
    if kind == "pending":
        assert sorted(n for n, p in out.items() if p["node"] is None) == sorted(inv["pods"])
    elif kind == "pending_at_first_attempt":
        assert all(out[name]["first_attempt_feasible"] == [] for name in inv["pods"])
    elif kind in ("same_domain", "different_domain"):
        domains = [_domain(seq, out[name]["node"], inv["topologyKey"]) for name in inv["pods"]]
        assert None not in domains
        if kind == "same_domain":
            assert len(set(domains)) == 1
        else:
            assert len(set(domains)) == len(domains)
    elif kind == "count_per_domain":
        pods = {p["name"]: p for p in seq["pods"]}
        want = inv["matchLabels"]
        counts = {v: 0 for n in seq["nodes"] if (v := n["labels"].get(inv["topologyKey"])) is not None}
        for name, p in out.items():
            labels = pods[name].get("labels") or {}
            if p["node"] and all(labels.get(k) == v for k, v in want.items()):
                counts[_domain(seq, p["node"], inv["topologyKey"])] += 1  # type: ignore[index]
        assert sorted(counts.values()) == inv["counts_sorted"]
    else:  # pragma: no cover - a new invariant kind must be taught to this test
        pytest.fail(f"unknown invariant kind {kind}")


@pytest.mark.parametrize("seq", SEQUENCES, ids=[s["name"] for s in SEQUENCES])
def test_sequence(seq: dict[str, Any]) -> None:
    out = _by_name(run_scenario(seq))
    for inv in seq["invariants"]:
        check_invariant(seq, inv, out)
    # first attempts: Pending exactly when nothing was feasible; a pod placed at once never moves
    created = {t["pod"]: t for t in seq["timeline"] if t["trigger"] == "created"}
    for name, expected in seq["expected_first_attempt"].items():
        assert (out[name]["first_attempt_feasible"] == []) == (expected == "Pending")
        if expected != "Pending":
            assert out[name]["node"] in out[name]["first_attempt_feasible"]
        assert set(out[name]["first_attempt_feasible"]) == set(created[name]["feasible_nodes"])
    # final placements equal up to a renaming of nodes (the tie-break)
    rename: dict[str, str] = {}
    for name, expected in seq["expected_final"].items():
        got = out[name]["node"]
        assert (got is None) == (expected == "Pending"), name
        if got is not None:
            assert rename.setdefault(got, expected) == expected
    assert len(set(rename.values())) == len(rename)


@pytest.mark.parametrize("seq", SEQUENCES[:2], ids=[s["name"] for s in SEQUENCES[:2]])
def test_sequence_through_cli(seq: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(seq))
    proc = run_hagen("place", "--scenario", str(path), "--format", "json", "--feasible")
    pending = [n for n, v in seq["expected_final"].items() if v == "Pending"]
    assert proc.returncode == (1 if pending else 0), proc.stderr
    full = run_scenario(seq)
    assert json.loads(proc.stdout) == full
    # without --feasible the node sets are counted: the report grows with the pods, not pods x nodes
    summary = json.loads(run_hagen("place", "--scenario", str(path), "--format", "json").stdout)
    for short, long in zip(summary["placements"], full["placements"], strict=True):
        assert short["first_attempt_feasible_count"] == len(long["first_attempt_feasible"])
        counts: dict[str, int] = {}
        for why in long["reasons"].values():
            for reason in why.split(", "):
                counts[reason] = counts.get(reason, 0) + 1
        assert short["rejected_nodes"] == counts
        assert "reasons" not in short and "first_attempt_feasible" not in short


def test_case_through_cli_as_yaml(tmp_path: Path) -> None:
    import yaml

    case = next(c for c in CASES if c["feasible_nodes"] == [] and len(c["nodes"]) == 1)
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(case_scenario(case)))
    proc = run_hagen("place", "--scenario", str(path), "--format", "json")
    assert proc.returncode == 1
    (placement,) = json.loads(proc.stdout)["placements"]
    assert placement["node"] is None and placement["first_attempt_feasible_count"] == 0
    assert sum(placement["rejected_nodes"].values()) == 1

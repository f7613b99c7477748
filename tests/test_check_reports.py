"""Suppressions, rule providers, stable order, and the text / json / SARIF reports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._check import (
    RULES,
    CheckContext,
    ClusterCounts,
    Finding,
    check,
    default_rules,
    json_data,
    register_rule,
    sarif_data,
    text_report,
)
from hagen._check._run import _registered

from ._check_objects import container, deployment, paired, separated, storage_class


def _messy() -> list[dict[str, Any]]:
    """Objects that trigger findings of every severity and area."""
    return [
        deployment("web", containers=[container(image="nginx:latest", readinessProbe=None)]),
        separated("backend", 3),
        paired("frontend", "backend", 4),
        storage_class("slow", type="gp2"),
    ]


class _Tier:
    def __init__(self, name: str, suppress: dict[str, str]) -> None:
        self.name, self.suppress = name, suppress


class _Spec:
    name = "shop"
    cluster = None

    def __init__(self, tiers: tuple[_Tier, ...]) -> None:
        self.tiers = tiers


class _Synthesis:
    def __init__(self, objects: list[dict[str, Any]], spec: _Spec) -> None:
        self.objects, self.blueprint, self.extras, self.values = objects, spec, {}, {}


def test_a_tier_suppresses_by_id_and_the_reason_is_kept() -> None:
    reason = "the image is rebuilt and scanned on every commit"
    spec = _Spec((_Tier("web", {"workload.image-latest": reason}),))
    result = check(_Synthesis(_messy(), spec))
    assert "workload.image-latest" not in [f.id for f in result.findings]
    [entry] = result.suppressed
    assert (entry.finding.id, entry.finding.tier, entry.reason) == ("workload.image-latest", "web", reason)
    data = json_data(result)
    assert data["suppressed"][0]["reason"] == reason and data["counts"]["suppressed"] == 1
    sarif = sarif_data(result)["runs"][0]["results"]
    assert [r["suppressions"] for r in sarif if "suppressions" in r] == [
        [{"kind": "external", "justification": reason}]
    ]


def test_suppression_is_per_tier() -> None:
    spec = _Spec((_Tier("backend", {"workload.image-latest": "not this tier"}),))
    result = check(_Synthesis(_messy(), spec))
    assert "workload.image-latest" in [f.id for f in result.findings] and not result.suppressed


def test_suppressed_findings_never_fail_a_run() -> None:
    spec = _Spec((_Tier("web", {"workload.image-latest": "r", "workload.no-probes": "r"}),))
    result = check(
        _Synthesis([deployment("web", containers=[container(image="a:latest", readinessProbe=None)])], spec)
    )
    assert result.failing("info") == [] and len(result.suppressed) == 2


def test_extra_rule_providers_plug_in() -> None:
    def pending(ctx: CheckContext) -> Iterator[Finding]:
        for w in ctx.workloads():
            if ctx.cluster.nodes is not None and w.replicas > ctx.cluster.nodes:
                yield Finding(
                    "scheduling.pending-pods", "error", f"{w.name}: pods Pending", object_id=w.object_id
                )

    objects = [deployment("web", replicas=4)]
    assert check(objects, cluster=ClusterCounts(nodes=2), rules=[pending]).failing("error")[0].id == (
        "scheduling.pending-pods"
    )
    register_rule(pending)
    try:
        result = check(objects, cluster=ClusterCounts(nodes=2))
        assert [f.id for f in result.findings] == ["scheduling.pending-pods"]
        sarif = sarif_data(result)["runs"][0]["tool"]["driver"]["rules"]
        assert "scheduling.pending-pods" in [r["id"] for r in sarif]
    finally:
        _registered.remove(pending)


def test_placement_rules_are_picked_up_when_installed() -> None:
    try:
        from hagen._place._rules import placement_rules
    except ImportError:
        pytest.skip("no placement simulator")
    assert placement_rules in default_rules()


def test_a_later_provider_does_not_repeat_an_earlier_finding() -> None:
    def first(ctx: CheckContext) -> list[Finding]:
        return [Finding("scheduling.rollout-stuck", "error", "static view", object_id="x")]

    def second(ctx: CheckContext) -> list[Finding]:
        return [
            Finding("scheduling.rollout-stuck", "error", "simulated view", object_id="x"),
            Finding("scheduling.rollout-stuck", "error", "simulated view", object_id="y"),
        ]

    result = check([], rules=[first, second])
    assert result.findings == ()  # no objects: no context to run in
    result = check([deployment()], rules=[first, second])
    assert [(f.object_id, f.message) for f in result.findings] == [
        ("x", "static view"),
        ("y", "simulated view"),
    ]


@settings(max_examples=25)
@given(order=st.permutations(range(4)))
def test_findings_do_not_depend_on_input_order(order: list[int]) -> None:
    objects = _messy()
    baseline = check(objects, cluster=ClusterCounts(nodes=2))
    shuffled = check([objects[i] for i in order], cluster=ClusterCounts(nodes=2))
    assert shuffled == baseline
    ranks = [{"error": 0, "warning": 1, "info": 2}[f.severity] for f in baseline.findings]
    assert ranks == sorted(ranks)


def test_text_report_lists_message_fix_and_summary() -> None:
    result = check(_messy(), cluster=ClusterCounts(nodes=2))
    text = text_report(result)
    for item in result.findings:
        assert item.message in text and item.id in text
    errors = sum(f.severity == "error" for f in result.findings)
    assert text.rstrip().splitlines()[-1].startswith(f"{errors} error")


def test_json_report_round_trips_every_finding() -> None:
    result = check(_messy(), cluster=ClusterCounts(nodes=2))
    data = json.loads(json.dumps(json_data(result)))
    assert [Finding(**f) for f in data["findings"]] == list(result.findings)


def test_sarif_shape_for_code_scanning() -> None:
    files = {"apps.Deployment.shop.web": "out/shop/deployment-web.yaml"}
    result = check(_messy(), cluster=ClusterCounts(nodes=2), files=files)
    log = sarif_data(result, default_uri="blueprints/shop.py")
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= set(RULES)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run["results"]) == len(result.findings)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in ("out/shop/deployment-web.yaml", "blueprints/shop.py")
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    web = [
        r
        for r in run["results"]
        if "web" in r["locations"][0].get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")
    ]
    assert web and all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("out/") for r in web
    )
    fingerprints = [r["partialFingerprints"]["hagenFinding/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_docs_describe_every_finding_id() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text()
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[2].strip()
        for line in docs.splitlines()
        if line.startswith("| `")
    }
    assert {rule.id: rule.severity for rule in RULES.values()} == rows


def test_every_finding_id_in_the_code_is_in_the_catalog() -> None:
    import re

    root = Path(__file__).resolve().parent.parent / "hagen"
    prefixes = "|".join(sorted({rule_id.split(".")[0] for rule_id in RULES}))
    pattern = re.compile(rf'"((?:{prefixes})\.[a-z][a-z-]+)"')
    used = {m for path in root.rglob("*.py") for m in pattern.findall(path.read_text())}
    assert used - set(RULES) == set()
    assert "helm.chart-not-found" in used and "objects.cluster-scoped-conflict" in used
    assert "autoscaling.pdb-blocks-at-min" in used and "traffic.route-conflict" in used

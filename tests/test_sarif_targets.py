"""`hagen check --format sarif` in a project with targets: one SARIF 2.1.0 log, one run per target, each
run's `automationDetails.id` (`hagen/<target>/`, code scanning's category) telling the targets apart;
the same log from `hagen.sarif_report` of each target's `hagen.check(..., target=...)`."""

from __future__ import annotations

import json
from typing import Any

import pytest

import hagen

from .conftest import ROOT, run_hagen
from .test_artefacts import _errors, _sarif_validator

# The example project (hagen.toml: dev, prod), as committed: dev's single node makes the spread tiers'
# outage findings, suppressed by the shop's tiers; both targets note the Jenkins chart has no copy here.
CHART = ("helm.chart-not-found", "blueprints/shop.py", 1, False)
DEV = [
    CHART,
    ("scheduling.node-failure-outage", "out/dev/shop/deployment-backend.yaml", 4, True),
    ("scheduling.node-failure-outage", "out/dev/shop/deployment-frontend.yaml", 4, True),
    ("scheduling.node-failure-outage", "out/dev/shop/deployment-frontend.yaml", 4, True),
]
PROD = [CHART]


def _where(run: dict[str, Any]) -> list[tuple[str, str, int, bool]]:
    """Each result's rule, file, line and whether it is suppressed."""
    out = []
    for result in run["results"]:
        [location] = result["locations"]
        physical = location["physicalLocation"]
        where = (physical["artifactLocation"]["uri"], physical["region"]["startLine"])
        out.append((result["ruleId"], *where, "suppressions" in result))
    return out


def _sarif(*args: str) -> dict[str, Any]:
    proc = run_hagen("check", "--format", "sarif", *args)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def test_every_target_is_one_run_of_one_log_and_passes_the_schema() -> None:
    validator = _sarif_validator()
    log = _sarif()
    assert _errors(validator, log) == []
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 2
    assert [run["automationDetails"] for run in log["runs"]] == [{"id": "hagen/dev/"}, {"id": "hagen/prod/"}]
    assert [_where(run) for run in log["runs"]] == [DEV, PROD]


def test_a_targets_run_is_the_same_alone_or_with_the_others() -> None:
    every = _sarif()
    named = _sarif("--target", "prod", "--target", "dev")
    assert named == every
    alone = [_sarif("--target", name) for name in ("dev", "prod")]
    assert [log["runs"] for log in alone] == [[every["runs"][0]], [every["runs"][1]]]


def test_without_targets_the_log_is_one_run_without_automation_details() -> None:
    log = _sarif("blueprints")  # a PATH and no --target: the blueprints as they are, no target
    assert [sorted(run) for run in log["runs"]] == [["results", "tool"]]
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["helm.chart-not-found"]


def test_sarif_report_of_each_targets_check_is_hagen_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    project = hagen.load_project()
    results = {name: hagen.check(None, project=project, target=name) for name in project.select()}
    cli = run_hagen("check", "--format", "sarif")
    assert hagen.sarif_report(results, default_uri=project.source) == cli.stdout
    # one CheckResult is one run, as before: no category of its own
    assert "automationDetails" not in hagen.sarif_report(results["dev"])

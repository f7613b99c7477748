"""Scheduling rules: Pending replicas, colocated tiers, dead selectors, one-zone spreads, stuck rollouts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hagen._check import ClusterCounts, check
from hagen._check._run import BUILTIN_RULES

from ._check_objects import HOSTNAME, ZONE, deployment, paired, pdb, separated, term


def ids(objects: list[dict[str, Any]], nodes: int | None = None, zones: int | None = None) -> list[str]:
    """Ids of the static rules only (the placement simulator, when installed, is tested on its own)."""
    return [f.id for f in check(objects, cluster=ClusterCounts(nodes, zones), rules=BUILTIN_RULES).findings]


_REPLACE_FIRST = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}


@given(replicas=st.integers(1, 12), nodes=st.integers(1, 12))
def test_anti_affinity_pending_iff_more_replicas_than_nodes(replicas: int, nodes: int) -> None:
    objects = [separated("backend", replicas, strategy=_REPLACE_FIRST)]
    found = check(objects, cluster=ClusterCounts(nodes=nodes), rules=BUILTIN_RULES).findings
    exceeding = [f for f in found if f.id == "scheduling.anti-affinity-exceeds-domains"]
    assert bool(exceeding) is (replicas > nodes)
    if exceeding:
        extra = replicas - nodes
        assert (
            f"{extra} pod{'s' if extra > 1 else ''} {'stay' if extra > 1 else 'stays'} Pending"
            in exceeding[0].message
        )


def test_anti_affinity_over_zones_uses_the_zone_count() -> None:
    objects = [separated("backend", 3, ZONE, strategy=_REPLACE_FIRST)]
    assert ids(objects, nodes=10, zones=2) == ["scheduling.anti-affinity-exceeds-domains"]
    assert ids(objects, nodes=10, zones=3) == []


def test_without_a_cluster_profile_counts_are_not_guessed() -> None:
    assert ids([separated("backend", 50)]) == []


def test_the_seed_pairing_fits_on_two_nodes() -> None:
    objects = [separated("backend", 2, strategy=_REPLACE_FIRST), paired("frontend", "backend", 2)]
    objects[1]["spec"]["strategy"] = _REPLACE_FIRST
    assert ids(objects, nodes=2) == []


@pytest.mark.parametrize(
    ("backends", "frontends", "nodes", "stuck"), [(2, 3, None, True), (3, 3, None, False), (4, 3, 2, True)]
)
def test_colocated_tier_larger_than_its_partner(
    backends: int, frontends: int, nodes: int | None, stuck: bool
) -> None:
    objects = [
        separated("backend", backends, strategy=_REPLACE_FIRST),
        paired("frontend", "backend", frontends),
    ]
    objects[1]["spec"]["strategy"] = _REPLACE_FIRST
    assert ("scheduling.colocated-exceeds-partner" in ids(objects, nodes=nodes)) is stuck


def test_required_affinity_to_nothing_is_an_error() -> None:
    [finding] = check([paired("frontend", "backnd", 1)]).findings
    assert finding.id == "scheduling.selector-matches-nothing"
    assert finding.severity == "error" and "Pending" in finding.message


def test_anti_affinity_to_nothing_is_a_warning() -> None:
    pod = {
        "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("nobody")]}}
    }
    [finding] = check([deployment("web", replicas=1, pod=pod)]).findings
    assert (finding.id, finding.severity) == ("scheduling.selector-matches-nothing", "warning")


def test_affinity_terms_look_in_their_own_namespace() -> None:
    backend = separated("backend", 1, namespace="other")
    assert "scheduling.selector-matches-nothing" in ids([backend, paired("frontend", "backend", 1)])


def test_null_selector_matches_nothing() -> None:
    pod = {
        "affinity": {
            "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": HOSTNAME}]}
        }
    }
    assert ids([deployment("web", replicas=1, pod=pod)]) == ["scheduling.selector-matches-nothing"]


@pytest.mark.parametrize(
    ("zones", "min_domains", "found"), [(1, None, True), (1, 2, True), (2, 2, False), (None, 2, False)]
)
def test_zone_spread_in_one_zone(zones: int | None, min_domains: int | None, found: bool) -> None:
    constraint: dict[str, Any] = {
        "maxSkew": 1,
        "topologyKey": ZONE,
        "whenUnsatisfiable": "DoNotSchedule",
        "labelSelector": {"matchLabels": {"tier": "web"}},
    }
    if min_domains:
        constraint["minDomains"] = min_domains
    obj = deployment("web", replicas=3, pod={"topologySpreadConstraints": [constraint]})
    assert ("scheduling.zone-spread-one-zone" in ids([obj], zones=zones)) is found


@pytest.mark.parametrize(
    ("strategy", "replicas", "nodes", "stuck"),
    [
        (None, 3, 3, True),  # defaults 25%/25%: surge 1, unavailable floor(0.75) = 0
        (None, 4, 4, False),  # unavailable floor(1.0) = 1
        ({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}, 2, 2, True),
        ({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}, 2, 3, False),
        (_REPLACE_FIRST, 2, 2, False),
        ({"type": "Recreate"}, 2, 2, False),
    ],
)
def test_rollout_under_hostname_anti_affinity(strategy: Any, replicas: int, nodes: int, stuck: bool) -> None:
    obj = separated("backend", replicas, strategy=strategy)
    assert ("scheduling.rollout-stuck" in ids([obj], nodes=nodes)) is stuck


@pytest.mark.parametrize(
    ("spec", "blocked"),
    [
        ({"minAvailable": 3}, True),
        ({"minAvailable": "100%"}, True),
        ({"minAvailable": 2}, False),
        ({"maxUnavailable": 0}, True),
        ({"maxUnavailable": "0%"}, True),
        ({"maxUnavailable": 1}, False),
        ({"maxUnavailable": "10%"}, False),  # rounds up to 1 pod
    ],
)
def test_pdb_blocking_drains(spec: dict[str, Any], blocked: bool) -> None:
    objects = [deployment("web", replicas=3), pdb("web", "web", **spec)]
    assert ("scheduling.pdb-blocks-eviction" in ids(objects)) is blocked


def test_pdb_of_another_namespace_covers_nothing() -> None:
    # It blocks no eviction of web, and it protects nothing of its own namespace: that is its finding.
    found = ids([deployment("web", replicas=3), pdb("web", "web", namespace="x", minAvailable=3)])
    assert found == ["scheduling.pdb-selects-nothing"]

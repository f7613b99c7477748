"""A placement keeps what it rejected without a copy of the cluster's nodes: a required affinity's
rejections are every node but the allowed ones (kept as those), a spread rejection of one domain is the
cached domain itself, and the first attempt's feasible nodes are its count plus the nodes it did not
reject, listed in node order only when asked for."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._place._rejections import AllBut, Rejections
from hagen._place._scenario import scenario_output, scenario_simulation

HOST = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"
REQ = "requiredDuringSchedulingIgnoredDuringExecution"


def _nodes(n: int) -> list[dict[str, Any]]:
    return [
        {
            "name": f"node-{i + 1}",
            "labels": {HOST: f"node-{i + 1}", ZONE: f"zone-{'abc'[i % 3]}"},
            "allocatable": {"cpu": "8", "memory": "32Gi", "pods": 110},
        }
        for i in range(n)
    ]


def _pod(name: str, tier: str, **spec: Any) -> dict[str, Any]:
    return {"name": name, "labels": {"app": "a", "tier": tier}, **spec}


def _term(tier: str, key: str = HOST) -> dict[str, Any]:
    return {"labelSelector": {"matchLabels": {"app": "a", "tier": tier}}, "topologyKey": key}


def _doc() -> dict[str, Any]:
    spread = {
        "maxSkew": 1,
        "topologyKey": ZONE,
        "whenUnsatisfiable": "DoNotSchedule",
        "labelSelector": {"matchLabels": {"app": "a", "tier": "backend"}},
    }
    backends = [
        _pod(
            f"backend-{i}",
            "backend",
            topologySpreadConstraints=[spread],
            affinity={"podAntiAffinity": {REQ: [_term("backend")]}},
        )
        for i in range(2)
    ]
    frontend = _pod("frontend-1", "frontend", affinity={"podAffinity": {REQ: [_term("backend")]}})
    return {"nodes": _nodes(30), "pods": [*backends, frontend]}


def test_required_affinity_keeps_the_allowed_nodes_not_the_rejected_ones() -> None:
    sim, pods = scenario_simulation(_doc())
    frontend = sim.placements[2]
    assert frontend.node == "node-1"  # beside backend-0
    groups = frontend.first_rejected.groups if frontend.first_rejected is not None else ()
    kept = [nodes for nodes, _ in groups if isinstance(nodes, AllBut)]
    assert len(kept) == 1 and set(kept[0].allowed) == {0, 1}  # the backends' nodes, not 28 rejected ones
    assert len(kept[0]) == 28 and 5 in kept[0] and 0 not in kept[0]
    out = scenario_output(sim, pods, feasible=False)["placements"][2]
    assert out["first_attempt_feasible_count"] == 2
    assert out["rejected_nodes"] == {"node(s) didn't match pod affinity rules": 28}
    detail = scenario_output(sim, pods, feasible=True)["placements"][2]
    assert detail["first_attempt_feasible"] == ["node-1", "node-2"]
    assert (
        len(detail["reasons"]) == 28
        and detail["reasons"]["node-30"] == "node(s) didn't match pod affinity rules"
    )


def test_a_spread_rejection_of_one_domain_is_the_cached_domain() -> None:
    sim, _ = scenario_simulation(_doc())
    second = sim.placements[1]  # zone-a holds backend-0: the whole zone is rejected for backend-1
    assert second.node == "node-2"
    zone_a = sim.state.domain_set(ZONE, "zone-a")
    groups = second.first_rejected.groups if second.first_rejected is not None else ()
    assert any(nodes is zone_a for nodes, _ in groups)


def test_the_first_feasible_nodes_come_from_the_first_attempt_not_the_last() -> None:
    # a frontend created before any backend is Pending, then placed on a retry: its first attempt had none
    doc = _doc()
    doc["pods"] = [doc["pods"][2], *doc["pods"][:2]]
    sim, _ = scenario_simulation(doc)
    frontend = next(p for p in sim.placements if p.pod.name == "frontend-1")
    assert frontend.node is not None and frontend.attempts == 2
    assert frontend.first_count == 0 and frontend.first_feasible == []
    backend = next(p for p in sim.placements if p.pod.name == "backend-0")
    assert backend.first_count == 30 and backend.first_feasible == list(range(30))


@settings(max_examples=60, deadline=None)
@given(
    groups=st.lists(
        st.tuples(st.booleans(), st.frozensets(st.integers(0, 40)), st.sampled_from([("a",), ("b",)])),
        max_size=5,
    ),
    every=st.booleans(),
)
def test_all_but_groups_count_and_list_like_the_sets_they_stand_for(
    groups: list[tuple[bool, frozenset[int], tuple[str, ...]]], every: bool
) -> None:
    universe = frozenset(range(41))
    lazy = [(AllBut(universe, nodes) if inverse else nodes, why) for inverse, nodes, why in groups]
    plain = [(universe - nodes if inverse else nodes, why) for inverse, nodes, why in groups]
    base = universe if every else None
    got, want = Rejections.count({}, {}, lazy, base), Rejections.count({}, {}, plain, base)
    assert got.tally == want.tally
    assert list(got.items()) == list(want.items())
    assert got.nodes() == want.nodes()

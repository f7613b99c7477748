"""A placement keeps its rejected nodes as groups sharing a reason: the FailedScheduling histogram and the
JSON summary are counted from the groups without a map node -> reasons, and the map, built when asked for,
gives every node the reasons the filters decided (a later filter's group overriding an earlier one)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._place import run_scenario
from hagen._place._rejections import Rejections
from hagen._place._scenario import scenario_output, scenario_simulation

HOST = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"
REQ = "requiredDuringSchedulingIgnoredDuringExecution"


def _nodes(n: int, cpu: str = "2") -> list[dict[str, Any]]:
    return [
        {
            "name": f"node-{i + 1}",
            "labels": {HOST: f"node-{i + 1}", ZONE: f"zone-{'abc'[i % 3]}"},
            "allocatable": {"cpu": cpu, "memory": "8Gi", "pods": 110},
        }
        for i in range(n)
    ]


def _solo(name: str, key: str = ZONE) -> dict[str, Any]:
    term = {"labelSelector": {"matchLabels": {"app": "solo"}}, "topologyKey": key}
    return {
        "name": name,
        "labels": {"app": "solo"},
        "affinity": {"podAntiAffinity": {REQ: [term]}},
        "resources": {"requests": {"cpu": "500m"}},
    }


def test_the_summary_counts_groups_without_a_map_per_node() -> None:
    doc = {"nodes": _nodes(30), "pods": [_solo(f"solo-{i}") for i in range(5)]}
    sim, pods = scenario_simulation(doc)
    out = scenario_output(sim, pods, feasible=False)["placements"]
    assert [p["node"] for p in out] == ["node-1", "node-2", "node-3", None, None]
    assert out[3]["rejected_nodes"] == {"node(s) didn't match pod anti-affinity rules": 30}
    assert out[1]["first_attempt_feasible_count"] == 20
    rejected = [p.rejected for p in sim.placements]
    assert all(isinstance(r, Rejections) for r in rejected)
    assert all(r._map is None for r in rejected if isinstance(r, Rejections))  # never built for counts
    assert sim.message(sim.placements[4]) == (
        "0/30 nodes are available: 30 node(s) didn't match pod anti-affinity rules."
    )
    # asked for, the map names every rejected node
    assert len(sim.placements[4].reasons) == 30
    assert sim.placements[4].reasons["node-7"] == ("node(s) didn't match pod anti-affinity rules",)


def test_groups_of_several_filters_give_each_node_one_reason() -> None:
    # a node without room, tainted nodes, full zones: each node counted once, by the deciding filter
    nodes = _nodes(12, cpu="1")
    nodes[4]["taints"] = [{"key": "dedicated", "value": "ci", "effect": "NoSchedule"}]
    nodes[5]["allocatable"]["cpu"] = "100m"
    doc = {"nodes": nodes, "pods": [_solo(f"solo-{i}") for i in range(5)]}
    full = run_scenario(doc)["placements"]
    short = run_scenario(doc, feasible=False)["placements"]
    for long, brief in zip(full, short, strict=True):
        counts: Counter[str] = Counter()
        for why in long["reasons"].values():
            counts.update(why.split(", "))
        assert brief["rejected_nodes"] == dict(sorted(counts.items()))
        assert brief["first_attempt_feasible_count"] == len(long["first_attempt_feasible"])
        assert len(long["reasons"]) + len(long["first_attempt_feasible"]) == 12 or long["node"] is None
    assert short[4]["rejected_nodes"] == {
        "Insufficient cpu": 1,
        "node(s) didn't match pod anti-affinity rules": 10,
        "node(s) had untolerated taint {dedicated: ci}": 1,
    }


@settings(max_examples=60, deadline=None)
@given(
    groups=st.lists(
        st.tuples(st.frozensets(st.integers(0, 40)), st.sampled_from([("a",), ("b",), ("a", "c")])),
        max_size=5,
    ),
    static=st.dictionaries(st.integers(41, 50), st.sampled_from([("t",), ("u",)]), max_size=4),
    every=st.booleans(),
)
def test_the_tally_counts_each_node_once_the_last_group_deciding(
    groups: list[tuple[frozenset[int], tuple[str, ...]]], static: dict[int, tuple[str, ...]], every: bool
) -> None:
    tally = dict(Counter(static.values()))
    base = frozenset(range(41)) if every else None
    got = Rejections.count(static, tally, groups, base)
    want: dict[int, tuple[str, ...]] = dict(static)
    for nodes, why in groups:
        want.update(dict.fromkeys(nodes, why))
    assert dict(got) == want
    assert len(got) == len(want)
    histogram: Counter[str] = Counter()
    for why in want.values():
        histogram.update(why)
    assert got.histogram() == dict(sorted(histogram.items()))


def test_pods_alike_share_their_compiled_terms_but_not_their_errors() -> None:
    from hagen._place._pod import Parsed, parse_pod

    term = {"labelSelector": {"matchLabels": {"app": "a"}}, "topologyKey": HOST, "matchLabelKeys": ["v"]}
    spec = {"affinity": {"podAntiAffinity": {REQ: [term]}}}
    parsed: dict[object, Parsed] = {}
    one = parse_pod({"name": "a-1", "labels": {"app": "a", "v": "1"}, **spec}, "pods[0]", parsed=parsed)
    two = parse_pod({"name": "a-2", "labels": {"app": "a", "v": "1"}, **spec}, "pods[1]", parsed=parsed)
    other = parse_pod({"name": "a-3", "labels": {"app": "a", "v": "2"}, **spec}, "pods[2]", parsed=parsed)
    assert two.anti is one.anti  # compiled once
    assert other.anti is not one.anti
    assert other.anti[0].selector.matches({"app": "a", "v": "2"})
    assert not other.anti[0].selector.matches({"app": "a", "v": "1"})  # its own matchLabelKeys value
    bad = {"affinity": {"podAntiAffinity": {REQ: [{"topologyKey": HOST, "labelSelector": []}]}}}
    first = parse_pod({"name": "b-1", **bad}, "pods[3]", parsed=parsed)
    second = parse_pod({"name": "b-2", **bad}, "pods[4]", parsed=parsed)
    assert first.invalid is not None and first.invalid.startswith("pods[3].affinity")
    assert second.invalid is not None and second.invalid.startswith("pods[4].affinity")

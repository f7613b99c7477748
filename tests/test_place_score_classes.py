"""The score is computed once per class of nodes that score the same (same room, same counted domains);
it must choose the node a node-by-node computation of the stated score chooses, at every step of a
sequence, over generated clusters (rooms, zones, nodes without labels) and pods (preferred terms, soft and
hard spread, requests)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._place import parse_pod
from hagen._place._cluster import ClusterProfile, sim_nodes
from hagen._place._filters import evaluate
from hagen._place._score import _interpod_sources, _least_allocated, _normalise, choose
from hagen._place._simulate import Simulator
from hagen._place._state import ClusterState
from tests.test_place_properties import HOST, KEYS, ZONE, pod_st, selector_st, term_st


@st.composite
def cluster_st(draw: Any) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(2, 9))):
        labels = {HOST: f"n{i + 1}"} if draw(st.integers(0, 5)) else {}
        if draw(st.integers(0, 4)):
            labels[ZONE] = draw(st.sampled_from(["za", "zb", "zc"]))
        cpu = draw(st.sampled_from(["1", "2", "4"]))
        out.append(
            {"name": f"n{i + 1}", "labels": labels, "allocatable": {"cpu": cpu, "memory": "4Gi", "pods": 6}}
        )
    return out


@st.composite
def scored_pod_st(draw: Any, name: str) -> dict[str, Any]:
    pod: dict[str, Any] = draw(pod_st(name))
    pref = "preferredDuringSchedulingIgnoredDuringExecution"
    for kind in ("podAffinity", "podAntiAffinity"):
        weighted = [
            {"weight": w, "podAffinityTerm": t}
            for w, t in draw(st.lists(st.tuples(st.integers(1, 100), term_st), max_size=2))
        ]
        if weighted:
            pod["affinity"].setdefault(kind, {})[pref] = weighted
    if draw(st.booleans()):
        soft = {
            "maxSkew": draw(st.integers(1, 3)),
            "topologyKey": draw(st.sampled_from(KEYS)),
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": draw(selector_st),
        }
        pod.setdefault("topologySpreadConstraints", []).append(soft)
    pod["resources"] = {"requests": {"cpu": draw(st.sampled_from(["100m", "500m", "1"])), "memory": "256Mi"}}
    return pod


def node_by_node(state: ClusterState, pod: Any, feasible: list[int]) -> int:
    """The stated score (docs/placement.md) computed for each feasible node on its own."""
    sources = _interpod_sources(state, pod)
    soft = [(c.topology_key, c.selector, c.max_skew) for c in pod.spread if not c.hard]
    if not pod.spread and pod.owner_selector is not None:
        soft = [(HOST, pod.owner_selector, 3), (ZONE, pod.owner_selector, 5)]
    interpod, spread = [], []
    for i in feasible:
        labels = state.nodes[i].labels
        raw = 0.0
        for weight, key, counts in sources:
            if key in labels:
                raw += weight * counts.get(labels[key], 0)
        interpod.append(raw)
        raw = 0.0
        for key, selector, max_skew in soft:
            if key in labels:
                per_node = state.spread_counts(pod.namespace, selector)
                domain = sum(per_node[n.index] for n in state.nodes if n.labels.get(key) == labels[key])
                raw += domain + max_skew - 1
        spread.append(raw)
    a, b = _normalise(interpod, True), _normalise(spread, False)
    totals = [round(2 * a[j] + 2 * b[j] + _least_allocated(state, pod, i), 6) for j, i in enumerate(feasible)]
    return min(zip(feasible, totals, strict=True), key=lambda it: (-it[1], state.name_rank[it[0]]))[0]


@settings(max_examples=150, deadline=None)
@given(cluster_st(), st.integers(1, 12), st.data())
def test_classes_choose_what_node_by_node_scoring_chooses(
    nodes: list[dict[str, Any]], count: int, data: Any
) -> None:
    sim = Simulator(sim_nodes(ClusterProfile.model_validate({"nodes": nodes}).nodes))
    for n in range(count):
        pod = parse_pod(data.draw(scored_pod_st(f"p{n}")), f"pods[{n}]", order=n)
        feasible = evaluate(sim.state, pod).feasible
        if len(feasible) > 1:
            assert choose(sim.state, pod, feasible) == node_by_node(sim.state, pod, feasible)
        sim.create(pod)

"""Properties of the placement simulation, over generated clusters and pods.

The single-decision oracle below restates scheduler.md's rules in the most direct way (every existing pod
re-examined for every node), so it checks the simulator's incremental counters against the rules."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._place import parse_pod, run_scenario
from hagen._place._cluster import ClusterProfile, sim_nodes
from hagen._place._filters import evaluate
from hagen._place._simulate import Simulator
from hagen._place._state import ClusterState

HOST = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"
KEYS = (HOST, ZONE)

apps = st.sampled_from(["a", "b", "c"])
labels_st = st.fixed_dictionaries({"app": apps}, optional={"tier": st.sampled_from(["x", "y"])})
expr_st = st.one_of(
    st.builds(lambda v: {"key": "app", "operator": "In", "values": [v]}, apps),
    st.builds(lambda v: {"key": "app", "operator": "NotIn", "values": [v]}, apps),
    st.just({"key": "tier", "operator": "Exists"}),
    st.just({"key": "tier", "operator": "DoesNotExist"}),
)
selector_st = st.one_of(
    st.builds(lambda v: {"matchLabels": {"app": v}}, apps),
    st.builds(lambda e: {"matchExpressions": [e]}, expr_st),
    st.just({}),
    st.none(),
)
term_st = st.builds(lambda s, k: {"labelSelector": s, "topologyKey": k}, selector_st, st.sampled_from(KEYS))


@st.composite
def nodes_st(draw: Any) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(1, 5))):
        name = f"n{i + 1}"
        labels = {}
        if draw(st.integers(0, 5)):
            labels[HOST] = name
        if draw(st.integers(0, 5)):
            labels[ZONE] = draw(st.sampled_from(["za", "zb", "zc"]))
        out.append({"name": name, "labels": labels})
    return out


@st.composite
def pod_st(draw: Any, name: str) -> dict[str, Any]:
    affinity: dict[str, Any] = {}
    req = "requiredDuringSchedulingIgnoredDuringExecution"
    aff = draw(st.lists(term_st, max_size=2))
    anti = draw(st.lists(term_st, max_size=2))
    if aff:
        affinity["podAffinity"] = {req: aff}
    if anti:
        affinity["podAntiAffinity"] = {req: anti}
    pod: dict[str, Any] = {
        "name": name,
        "namespace": "default",
        "labels": draw(labels_st),
        "affinity": affinity,
    }
    if draw(st.booleans()):
        pod["topologySpreadConstraints"] = [
            {
                "maxSkew": draw(st.integers(1, 2)),
                "topologyKey": draw(st.sampled_from(KEYS)),
                "whenUnsatisfiable": "DoNotSchedule",
                "labelSelector": draw(selector_st),
                "minDomains": draw(st.integers(1, 3)),
            }
        ]
    return pod


# ---- the oracle: scheduler.md §2-§8, restated naively -------------------------------------------------


def sel_match(sel: dict[str, Any] | None, labels: dict[str, str]) -> bool:
    if sel is None:
        return False
    for k, v in (sel.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in sel.get("matchExpressions") or []:
        k, op, vals = e["key"], e["operator"], e.get("values") or []
        if op == "In" and labels.get(k) not in vals:
            return False
        if op == "NotIn" and k in labels and labels[k] in vals:
            return False
        if op == "Exists" and k not in labels:
            return False
        if op == "DoesNotExist" and k in labels:
            return False
    return True


def terms(pod: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return ((pod.get("affinity") or {}).get(kind) or {}).get(
        "requiredDuringSchedulingIgnoredDuringExecution"
    ) or []


def oracle(nodes: list[dict[str, Any]], existing: list[dict[str, Any]], pod: dict[str, Any]) -> set[str]:
    labels_of = {n["name"]: n["labels"] for n in nodes}
    feasible = set()
    aff, anti = terms(pod, "podAffinity"), terms(pod, "podAntiAffinity")
    matching_all = [e for e in existing if all(sel_match(t["labelSelector"], e["labels"]) for t in aff)]
    visible = [e for e in matching_all if any(t["topologyKey"] in labels_of[e["node"]] for t in aff)]
    self_ok = not visible and all(sel_match(t["labelSelector"], pod["labels"]) for t in aff)
    for n in nodes:
        nl = n["labels"]
        ok = True
        for c in pod.get("topologySpreadConstraints") or []:
            key = c["topologyKey"]
            eligible = [m for m in nodes if key in m["labels"]]
            counts = {m["labels"][key]: 0 for m in eligible}
            if c["labelSelector"] != {}:
                for e in existing:
                    el = labels_of[e["node"]]
                    if key in el and sel_match(c["labelSelector"], e["labels"]):
                        counts[el[key]] += 1
            gmin = min(counts.values()) if len(counts) >= c["minDomains"] else 0
            own = 1 if sel_match(c["labelSelector"], pod["labels"]) else 0
            if key not in nl or counts.get(nl[key], 0) + own - gmin > c["maxSkew"]:
                ok = False
        if aff:
            # every topology key present, and for each term a pod matching ALL terms in the node's domain
            lacks_key = any(t["topologyKey"] not in nl for t in aff)
            satisfied = all(
                any(
                    labels_of[e["node"]].get(t["topologyKey"]) == nl.get(t["topologyKey"])
                    for e in matching_all
                )
                for t in aff
            )
            if lacks_key or not (satisfied or self_ok):
                ok = False
        for t in anti:
            k = t["topologyKey"]
            if k in nl and any(
                labels_of[e["node"]].get(k) == nl[k] and sel_match(t["labelSelector"], e["labels"])
                for e in existing
            ):
                ok = False
        for e in existing:
            for t in terms(e, "podAntiAffinity"):
                k = t["topologyKey"]
                if (
                    k in nl
                    and labels_of[e["node"]].get(k) == nl[k]
                    and sel_match(t["labelSelector"], pod["labels"])
                ):
                    ok = False
        if ok:
            feasible.add(n["name"])
    return feasible


@st.composite
def single_decision(draw: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    nodes = draw(nodes_st())
    existing = []
    for i in range(draw(st.integers(0, 6))):
        e = draw(pod_st(f"e{i}"))
        e.pop("topologySpreadConstraints", None)
        e["node"] = draw(st.sampled_from([n["name"] for n in nodes]))
        existing.append(e)
    return nodes, existing, draw(pod_st("incoming"))


@settings(max_examples=400, deadline=None)
@given(single_decision())
def test_feasible_set_follows_the_rules(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]],
) -> None:
    nodes, existing, pod = data
    (out,) = run_scenario({"nodes": nodes, "existing_pods": existing, "pods": [pod]})["placements"]
    assert set(out["first_attempt_feasible"]) == oracle(nodes, existing, pod)


@st.composite
def sequences(draw: Any) -> dict[str, Any]:
    nodes = draw(nodes_st())
    pods = [draw(pod_st(f"p{i}")) for i in range(draw(st.integers(1, 8)))]
    return {"nodes": nodes, "pods": pods}


@settings(max_examples=150, deadline=None)
@given(sequences(), st.randoms(use_true_random=False))
def test_node_list_order_does_not_matter(doc: dict[str, Any], rnd: Any) -> None:
    shuffled = dict(doc, nodes=rnd.sample(doc["nodes"], len(doc["nodes"])))
    a = {p["name"]: p for p in run_scenario(doc)["placements"]}
    b = {p["name"]: p for p in run_scenario(shuffled)["placements"]}
    for name in a:
        assert a[name]["node"] == b[name]["node"]
        assert sorted(a[name]["first_attempt_feasible"]) == sorted(b[name]["first_attempt_feasible"])


@settings(max_examples=150, deadline=None)
@given(sequences())
def test_chosen_node_was_feasible_and_pending_pods_have_reasons(doc: dict[str, Any]) -> None:
    for p in run_scenario(doc)["placements"]:
        if p["first_attempt_feasible"]:
            assert p["node"] in p["first_attempt_feasible"]
        if p["node"] is None:
            assert set(p["reasons"]) == {n["name"] for n in doc["nodes"]}
        else:
            assert p["node"] not in p["reasons"]


@settings(max_examples=150, deadline=None)
@given(nodes_st(), st.integers(1, 8), st.sampled_from(KEYS))
def test_self_anti_affinity_group_never_shares_a_domain(
    nodes: list[dict[str, Any]], n: int, key: str
) -> None:
    term = {"labelSelector": {"matchLabels": {"app": "g"}}, "topologyKey": key}
    aff = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}}
    pods = [{"name": f"g{i}", "labels": {"app": "g"}, "affinity": aff} for i in range(n)]
    labels = {x["name"]: x["labels"] for x in nodes}
    placed = [p["node"] for p in run_scenario({"nodes": nodes, "pods": pods})["placements"] if p["node"]]
    domains = [labels[x][key] for x in placed if key in labels[x]]
    assert len(domains) == len(set(domains))
    # and every domain that exists gets one (they are all free at the start)
    assert set(domains) == {lab[key] for lab in labels.values() if key in lab} or len(placed) == n


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 4), st.integers(1, 8), st.integers(1, 6)), min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 1500), st.integers(0, 3 * 2**30)), min_size=1, max_size=20),
)
def test_placements_never_exceed_allocatable(
    caps: list[tuple[int, int, int]], requests: list[tuple[int, int]]
) -> None:
    nodes = [
        {"name": f"n{i}", "labels": {}, "allocatable": {"cpu": str(c), "memory": f"{m}Gi", "pods": p}}
        for i, (c, m, p) in enumerate(caps)
    ]
    pods = [
        {"name": f"p{i}", "resources": {"requests": {"cpu": f"{c}m", "memory": str(m)}}}
        for i, (c, m) in enumerate(requests)
    ]
    out = run_scenario({"nodes": nodes, "pods": pods})["placements"]
    for i, (c, m, p) in enumerate(caps):
        mine = [requests[j] for j, pl in enumerate(out) if pl["node"] == f"n{i}"]
        assert len(mine) <= p
        assert sum(x for x, _ in mine) <= c * 1000
        assert sum(y for _, y in mine) <= m * 2**30


@settings(max_examples=100, deadline=None)
@given(sequences(), st.lists(st.integers(0, 7), max_size=4))
def test_incremental_counters_equal_a_fresh_count(doc: dict[str, Any], deletions: list[int]) -> None:
    profile = ClusterProfile.model_validate({"nodes": doc["nodes"]})
    sim = Simulator(sim_nodes(profile.nodes), {})
    pods = [parse_pod(raw, "p", order=i) for i, raw in enumerate(doc["pods"])]
    probe = parse_pod(doc["pods"][0] | {"name": "probe"}, "probe", order=99)
    for pod in pods:
        sim.create(pod)
        evaluate(sim.state, probe)  # registers the probe's counters early, so deletes must update them
    for i in deletions:
        if i < len(pods):
            sim.delete(pods[i])
    fresh = ClusterState(sim_nodes(profile.nodes), {})
    for pod, index in sim.state.node_of.items():
        fresh.bind(pod, index)
    got, want = evaluate(sim.state, probe), evaluate(fresh, probe)
    assert got.feasible == want.feasible
    assert got.reasons == want.reasons

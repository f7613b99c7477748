"""Filters beyond the reference cases: node-level plugins, resources, namespaces, matchLabelKeys, spread
policies, invalid selectors, and the scheduler's wording."""

from __future__ import annotations

from typing import Any

import pytest

from hagen._errors import InputError
from hagen._place import run_scenario
from hagen._place._quantity import QuantityError, cpu_millis, format_cpu, format_memory, memory_bytes
from hagen._place._reasons import fit_error
from hagen._place._selector import SelectorError, parse_selector

HOST = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"


def node(name: str, zone: str = "zone-a", **extra: Any) -> dict[str, Any]:
    return {"name": name, "labels": {HOST: name, ZONE: zone, **extra.pop("labels", {})}, **extra}


def one(doc: dict[str, Any]) -> dict[str, Any]:
    return run_scenario(doc)["placements"][-1]


def anti(app: str, key: str = HOST) -> dict[str, Any]:
    term = {"labelSelector": {"matchLabels": {"app": app}}, "topologyKey": key}
    return {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}}


def test_selector_operators() -> None:
    sel = parse_selector(
        {
            "matchLabels": {"a": "1"},
            "matchExpressions": [
                {"key": "b", "operator": "NotIn", "values": ["x"]},
                {"key": "c", "operator": "Exists"},
                {"key": "d", "operator": "DoesNotExist"},
            ],
        }
    )
    assert sel.matches({"a": "1", "c": ""})
    assert sel.matches({"a": "1", "b": "y", "c": "v"})
    assert not sel.matches({"a": "1", "b": "x", "c": ""})
    assert not sel.matches({"a": "1", "c": "", "d": "z"})
    assert not sel.matches({"a": "2", "c": ""})
    assert parse_selector({}).matches({})
    assert not parse_selector(None).matches({})


@pytest.mark.parametrize(
    "raw",
    [
        {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]},
        {"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]},
        {"matchExpressions": [{"key": "a", "operator": "Near", "values": ["x"]}]},
    ],
)
def test_invalid_selectors_are_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(SelectorError):
        parse_selector(raw)


def test_invalid_selector_makes_pod_unschedulable_everywhere() -> None:
    bad = {"labelSelector": {"matchExpressions": [{"key": "a", "operator": "In"}]}, "topologyKey": HOST}
    pod = {
        "name": "p",
        "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [bad]}},
    }
    out = one({"nodes": [node("n1"), node("n2")], "pods": [pod]})
    assert out["node"] is None and set(out["reasons"]) == {"n1", "n2"}


def test_quantities() -> None:
    assert cpu_millis("500m") == 500 and cpu_millis("2") == 2000 and cpu_millis(1.5) == 1500
    assert memory_bytes("8Gi") == 8 * 2**30 and memory_bytes("1G") == 10**9 and memory_bytes("1e3") == 1000
    assert format_cpu(1500) == "1500m" and format_cpu(2000) == "2" and format_memory(3 * 2**30) == "3Gi"
    with pytest.raises(QuantityError):
        cpu_millis("two")
    # amounts are cached per value: what cannot be a key is refused as no quantity, not a TypeError
    for convert in (cpu_millis, memory_bytes):
        for value in ({"cpu": 1}, [1], None, True):
            with pytest.raises(QuantityError, match="not a quantity"):
                convert(value)
    assert cpu_millis(1) == 1000 and cpu_millis(1.0) == 1000 and cpu_millis("1") == 1000  # typed cache
    assert memory_bytes("1") == 1 and memory_bytes("1e3") == 1000


def test_taints_and_tolerations() -> None:
    tainted = node("n1", taints=[{"key": "dedicated", "value": "db", "effect": "NoSchedule"}])
    soft = node("n2", taints=[{"key": "spot", "value": "", "effect": "PreferNoSchedule"}])
    out = one({"nodes": [tainted, soft], "pods": [{"name": "p"}]})
    assert out["first_attempt_feasible"] == ["n2"]
    assert out["reasons"] == {"n1": "node(s) had untolerated taint {dedicated: db}"}
    tolerant = {"name": "q", "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "db"}]}
    assert one({"nodes": [tainted, soft], "pods": [tolerant]})["first_attempt_feasible"] == ["n1", "n2"]
    everything = {"name": "r", "tolerations": [{"operator": "Exists"}]}
    assert one({"nodes": [tainted], "pods": [everything]})["node"] == "n1"


def test_node_selector_and_required_node_affinity() -> None:
    nodes = [node("n1", labels={"disk": "ssd", "gen": "5"}), node("n2", labels={"disk": "hdd", "gen": "3"})]
    assert one({"nodes": nodes, "pods": [{"name": "p", "nodeSelector": {"disk": "ssd"}}]})["node"] == "n1"
    terms = [
        {"matchExpressions": [{"key": "gen", "operator": "Gt", "values": ["4"]}]},
        {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n2"]}]},
    ]
    affinity = {
        "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}
    }
    out = one(
        {"nodes": [*nodes, node("n3", labels={"gen": "1"})], "pods": [{"name": "p", "affinity": affinity}]}
    )
    assert out["first_attempt_feasible"] == ["n1", "n2"]
    assert out["reasons"] == {"n3": "node(s) didn't match Pod's node affinity/selector"}


def test_resources_and_pod_count() -> None:
    nodes = [
        node("n1", allocatable={"cpu": "1", "memory": "1Gi", "pods": 1}),
        node("n2", allocatable={"cpu": "1", "memory": "1Gi", "pods": 5}),
    ]
    big = {"requests": {"cpu": "600m", "memory": "600Mi"}}
    pods = [{"name": f"p{i}", "resources": big} for i in range(3)]
    out = run_scenario({"nodes": nodes, "pods": pods})["placements"]
    assert [p["node"] for p in out] == ["n1", "n2", None]
    # NodeResourcesFit lists every shortage: the pod count does not hide cpu and memory
    assert out[2]["reasons"] == {
        "n1": "Too many pods, Insufficient cpu, Insufficient memory",
        "n2": "Insufficient cpu, Insufficient memory",
    }


def test_bad_quantity_is_an_input_error() -> None:
    with pytest.raises(InputError, match="resources"):
        run_scenario(
            {"nodes": [node("n1")], "pods": [{"name": "p", "resources": {"requests": {"cpu": "x"}}}]}
        )


def test_fit_error_counts_and_sorts_like_the_scheduler() -> None:
    reasons = {
        "a": ("node(s) didn't match pod anti-affinity rules",),
        "b": ("node(s) didn't match pod anti-affinity rules",),
        "c": ("node(s) didn't match pod affinity rules",),
    }
    assert fit_error(3, reasons) == (
        "0/3 nodes are available: 1 node(s) didn't match pod affinity rules, "
        "2 node(s) didn't match pod anti-affinity rules."
    )


def test_namespace_selector_of_incoming_pod_needs_a_namespace_object() -> None:
    existing = {"name": "e", "namespace": "ghost", "node": "n1", "labels": {"app": "x"}}
    term = {
        "labelSelector": {"matchLabels": {"app": "x"}},
        "topologyKey": HOST,
        "namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "DoesNotExist"}]},
    }
    pod = {
        "name": "p",
        "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}},
    }
    doc: dict[str, Any] = {"nodes": [node("n1")], "existing_pods": [existing], "pods": [pod]}
    assert one(doc)["node"] == "n1"  # "ghost" has no Namespace object: never picked
    doc["namespaces"] = [{"name": "ghost", "labels": {}}]
    assert one(doc)["node"] is None


def test_existing_pods_anti_term_defaults_to_its_own_namespace() -> None:
    existing = {"name": "e", "namespace": "a", "node": "n1", "labels": {"app": "x"}, "affinity": anti("x")}
    other_ns = {"name": "p", "namespace": "b", "labels": {"app": "x"}}
    same_ns = {"name": "q", "namespace": "a", "labels": {"app": "x"}}
    assert one({"nodes": [node("n1")], "existing_pods": [existing], "pods": [other_ns]})["node"] == "n1"
    out = one({"nodes": [node("n1")], "existing_pods": [existing], "pods": [same_ns]})
    assert out["reasons"] == {"n1": "node(s) didn't satisfy existing pods anti-affinity rules"}


def test_match_label_keys_limit_a_term_to_the_same_revision() -> None:
    term = {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": HOST, "matchLabelKeys": ["rev"]}
    aff = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}}
    old = {"name": "old", "node": "n1", "labels": {"app": "web", "rev": "1"}, "affinity": aff}
    new = {"name": "new", "labels": {"app": "web", "rev": "2"}, "affinity": aff}
    same = {"name": "same", "labels": {"app": "web", "rev": "1"}, "affinity": aff}
    nodes = [node("n1")]
    assert one({"nodes": nodes, "existing_pods": [old], "pods": [new]})["node"] == "n1"
    assert one({"nodes": nodes, "existing_pods": [old], "pods": [same]})["node"] is None


def test_spread_node_affinity_policy_honor_and_ignore() -> None:
    nodes = [node("n1", "zone-a", labels={"pool": "x"}), node("n2", "zone-b", labels={"pool": "y"})]
    existing = [{"name": f"e{i}", "node": "n1", "labels": {"app": "s"}} for i in range(2)]

    def pod(policy: str) -> dict[str, Any]:
        c = {
            "maxSkew": 1,
            "topologyKey": ZONE,
            "whenUnsatisfiable": "DoNotSchedule",
            "labelSelector": {"matchLabels": {"app": "s"}},
            "nodeAffinityPolicy": policy,
        }
        return {
            "name": "p",
            "labels": {"app": "s"},
            "nodeSelector": {"pool": "x"},
            "topologySpreadConstraints": [c],
        }

    # Honor: zone-b is not a domain (its node fails the nodeSelector), so n1 is judged alone: fits
    assert one({"nodes": nodes, "existing_pods": existing, "pods": [pod("Honor")]})["node"] == "n1"
    # Ignore: zone-b counts with 0 pods; n1 would make skew 3
    out = one({"nodes": nodes, "existing_pods": existing, "pods": [pod("Ignore")]})
    assert (
        out["node"] is None and out["reasons"]["n1"] == "node(s) didn't match pod topology spread constraints"
    )


def test_spread_counts_only_the_pods_namespace() -> None:
    nodes = [node("n1", "zone-a"), node("n2", "zone-b")]
    existing = [
        {"name": f"e{i}", "namespace": "other", "node": "n1", "labels": {"app": "s"}} for i in range(3)
    ]
    c = {
        "maxSkew": 1,
        "topologyKey": ZONE,
        "whenUnsatisfiable": "DoNotSchedule",
        "labelSelector": {"matchLabels": {"app": "s"}},
    }
    pod = {"name": "p", "labels": {"app": "s"}, "topologySpreadConstraints": [c]}
    assert one({"nodes": nodes, "existing_pods": existing, "pods": [pod]})["first_attempt_feasible"] == [
        "n1",
        "n2",
    ]


def test_preferred_terms_never_filter_but_do_score() -> None:
    pref = {
        "weight": 100,
        "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": HOST},
    }
    pod = {
        "name": "p",
        "affinity": {"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [pref]}},
    }
    existing = [{"name": "db", "node": "n2", "labels": {"app": "db"}}]
    out = one({"nodes": [node("n1"), node("n2")], "existing_pods": existing, "pods": [pod]})
    assert out["first_attempt_feasible"] == ["n1", "n2"] and out["node"] == "n2"


def test_unknown_existing_node_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nope"):
        run_scenario({"nodes": [node("n1")], "existing_pods": [{"name": "e", "node": "nope"}], "pods": []})


def test_cordoned_node_unless_tolerated() -> None:
    nodes = [node("n1", unschedulable=True), node("n2", allocatable={"pods": 0})]
    out = one({"nodes": nodes, "pods": [{"name": "p"}]})
    assert out["reasons"] == {"n1": "node(s) were unschedulable", "n2": "Too many pods"}
    tolerant = {
        "name": "q",
        "tolerations": [{"key": "node.kubernetes.io/unschedulable", "operator": "Exists"}],
    }
    assert one({"nodes": nodes, "pods": [tolerant]})["node"] == "n1"

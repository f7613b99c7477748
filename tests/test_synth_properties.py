"""Invariants of synthesis, for any blueprint hypothesis can build."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import hagen
from hagen._blueprint import build_spec
from hagen._objects import KIND_ORDER, is_cluster_scoped, sort_key

TIER_NAMES = ["api", "web", "db", "cache", "worker"]


@st.composite
def blueprints(draw: st.DrawFn) -> hagen.BlueprintSpec:
    names = draw(st.lists(st.sampled_from(TIER_NAMES), min_size=1, max_size=4, unique=True))
    tiers = []
    for name in names:
        others = [n for n in names if n != name]
        verbs: list[Any] = []
        if draw(st.booleans()):
            soft = draw(st.booleans())
            verbs.append(hagen.separate(draw(st.sampled_from(["node", "zone"])), soft=soft))
        earlier = names[: names.index(name)]  # hard colocate rules only point back: a cycle is refused
        if others and draw(st.booleans()):
            soft = draw(st.booleans())
            if soft or earlier:
                verbs.append(hagen.colocate(draw(st.sampled_from(others if soft else earlier)), soft=soft))
        if others and draw(st.booleans()):
            verbs.append(hagen.avoid(draw(st.sampled_from(others))))
        if draw(st.booleans()):
            verbs.append(hagen.spread("zone", max_skew=draw(st.integers(1, 3))))
        ports = [hagen.Port(name="http", port=draw(st.integers(1024, 9000)))] if draw(st.booleans()) else []
        tiers.append(
            hagen.Tier(
                name=name,
                image=f"registry.example.com/{name}:1.0",
                replicas=draw(st.integers(0, 5)),
                ports=ports,
                expose=draw(st.sampled_from(["ClusterIP", "LoadBalancer", "none"])) if ports else "none",
                placement=verbs,
            )
        )
    bare = draw(st.booleans())

    class Generated(hagen.Blueprint):
        name = "gen"
        namespace = draw(st.sampled_from(["gen", "apps"]))
        bare_tier_selectors = bare
        network_policies = draw(st.booleans())

    Generated.tiers = tiers  # type: ignore[attr-defined]
    return build_spec(Generated)


def matches(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions", []):
        assert expr["operator"] == "In"
        if labels.get(expr["key"]) not in expr["values"]:
            return False
    return True


def _templates(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] in ("Deployment", "StatefulSet")}


@settings(max_examples=150, deadline=None)
@given(blueprints())
def test_objects_are_consistent(spec: hagen.BlueprintSpec) -> None:
    objects = hagen.synthesize(spec).objects
    assert objects == sorted(objects, key=sort_key)
    assert all(o["kind"] in KIND_ORDER for o in objects)
    workloads = _templates(objects)
    assert set(workloads) == {t.name for t in spec.tiers}
    for obj in objects:
        assert ("namespace" in obj["metadata"]) != is_cluster_scoped(obj)
        assert list(obj)[:3] == ["apiVersion", "kind", "metadata"]
    for tier in spec.tiers:
        workload = workloads[tier.name]
        pod_labels = workload["spec"]["template"]["metadata"]["labels"]
        assert matches(workload["spec"]["selector"], pod_labels)
        pod = workload["spec"]["template"]["spec"]
        for kind in ("podAffinity", "podAntiAffinity"):
            block = pod.get("affinity", {}).get(kind, {})
            terms = block.get("requiredDuringSchedulingIgnoredDuringExecution", []) + [
                w["podAffinityTerm"] for w in block.get("preferredDuringSchedulingIgnoredDuringExecution", [])
            ]
            for term in terms:
                selected = [
                    n
                    for n, w in workloads.items()
                    if matches(term["labelSelector"], w["spec"]["template"]["metadata"]["labels"])
                ]
                assert len(selected) == 1  # every term selects exactly the one tier it names
        separate = tier.separation
        strategy = workload["spec"].get("strategy")
        if separate is not None and not separate.soft:
            assert strategy == {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1},
            }
        else:
            assert strategy is None
    for obj in objects:
        if obj["kind"] == "PodDisruptionBudget":
            target = workloads[obj["metadata"]["name"]]
            assert target["spec"]["replicas"] > 1
            assert matches(obj["spec"]["selector"], target["spec"]["template"]["metadata"]["labels"])
        if obj["kind"] == "Service":
            target = workloads[obj["metadata"]["name"]]
            assert matches(
                {"matchLabels": obj["spec"]["selector"]}, target["spec"]["template"]["metadata"]["labels"]
            )
            names = {p["name"] for p in target["spec"]["template"]["spec"]["containers"][0]["ports"]}
            assert {p["targetPort"] for p in obj["spec"]["ports"]} <= names
    pdbs = {o["metadata"]["name"] for o in objects if o["kind"] == "PodDisruptionBudget"}
    assert pdbs == {t.name for t in spec.tiers if t.replicas > 1}


@settings(max_examples=50, deadline=None)
@given(blueprints())
def test_rendering_is_deterministic_and_files_are_unique(spec: hagen.BlueprintSpec) -> None:
    first = hagen.render(hagen.synthesize(spec))
    second = hagen.render(hagen.synthesize(spec.model_copy()))
    assert first == second
    objects = hagen.synthesize(spec).objects
    assert len([p for p in first if p.count("/") == 1 and not p.endswith("kustomization.yaml")]) == len(
        objects
    )

"""References that reach nothing: Services and budgets selecting no pod template, routes to a missing
Service, autoscalers without their target. Each finding is exact; each has a case that must stay quiet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hagen._check import check
from hagen._check._run import BUILTIN_RULES
from tests._service import write_blueprint
from tests.conftest import run_hagen

from ._check_objects import deployment, pdb
from ._traffic_objects import hpa, http_route, ingress, unscaled

DANGLING = {
    "traffic.backend-missing",
    "traffic.service-selects-nothing",
    "scheduling.pdb-selects-nothing",
    "autoscaling.target-missing",
}


def dangling(objects: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = check(objects, rules=BUILTIN_RULES).findings
    return [(f.id, f.message) for f in found if f.id in DANGLING]


def cluster_ip(
    name: str, selector: dict[str, str] | None, namespace: str = "shop", **spec: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"ports": [{"port": 80}], **spec}
    if selector is not None:
        body["selector"] = selector
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": namespace},
        "spec": body,
    }


def test_a_service_whose_selector_matches_no_pod_has_no_endpoints() -> None:
    assert dangling([deployment("web"), cluster_ip("web", {"tier": "wbe"})]) == [
        (
            "traffic.service-selects-nothing",
            "Service web: selector tier=wbe matches no pod template in namespace shop: it has no endpoints: "
            "its traffic goes nowhere",
        )
    ]
    assert dangling([deployment("web"), cluster_ip("web", {"tier": "web"})]) == []


def test_a_service_selects_pods_of_its_own_namespace_only() -> None:
    found = dangling([deployment("web", namespace="other"), cluster_ip("web", {"tier": "web"})])
    assert [rule for rule, _ in found] == ["traffic.service-selects-nothing"]


def test_services_without_a_selector_select_nothing_by_design() -> None:
    external = cluster_ip("db", None, type="ExternalName", externalName="db.example.com")
    by_hand = cluster_ip("legacy", None)  # its EndpointSlices are managed by hand
    assert dangling([external, by_hand]) == []


def test_a_budget_that_selects_no_pod_protects_nothing() -> None:
    assert dangling([deployment("web"), pdb("web", "wbe", maxUnavailable=1)]) == [
        (
            "scheduling.pdb-selects-nothing",
            "PodDisruptionBudget web: selector tier=wbe matches no pod template in namespace shop: "
            "it protects nothing from a node drain",
        )
    ]
    assert dangling([deployment("web"), pdb("web", "web", maxUnavailable=1)]) == []


def test_routes_to_a_missing_service_answer_503() -> None:
    objects = [deployment("web"), cluster_ip("web", {"tier": "web"})]
    assert dangling([*objects, ingress("api", "shop.example.com", "/api")]) == [
        (
            "traffic.backend-missing",
            "Ingress api sends traffic to Service api in namespace shop, which is not among the objects: the "
            "route answers 503",
        )
    ]
    assert dangling([*objects, http_route("api", "shop.example.com", "/api")]) == [
        (
            "traffic.backend-missing",
            "HTTPRoute api sends traffic to Service api in namespace shop, which is not among the "
            "objects: the route answers 503",
        )
    ]
    assert dangling([*objects, ingress("web", "shop.example.com", "/")]) == []


def test_an_httproute_backend_in_another_namespace_or_of_another_kind() -> None:
    route = http_route("web", "shop.example.com", "/")
    route["spec"]["rules"][0]["backendRefs"] = [
        {"name": "web", "namespace": "other", "port": 80},  # a ReferenceGrant lets it cross namespaces
        {"group": "example.com", "kind": "Bucket", "name": "assets"},  # not a Service: not judged here
    ]
    found = dangling([deployment("web"), cluster_ip("web", {"tier": "web"}), route])
    assert found == [
        (
            "traffic.backend-missing",
            "HTTPRoute web sends traffic to Service web in namespace other, which is not among the objects: "
            "the route answers 503",
        )
    ]


def test_an_ingress_default_backend_counts_and_a_resource_backend_does_not() -> None:
    route = ingress("web", "shop.example.com", "/")
    route["spec"]["defaultBackend"] = {"service": {"name": "fallback", "port": {"number": 80}}}
    route["spec"]["rules"][0]["http"]["paths"].append(
        {"path": "/static", "pathType": "Prefix", "backend": {"resource": {"kind": "Bucket", "name": "s"}}}
    )
    found = dangling([deployment("web"), cluster_ip("web", {"tier": "web"}), route])
    assert [message.split(" sends traffic to ")[1] for _, message in found] == [
        "Service fallback in namespace shop, which is not among the objects: the route answers 503"
    ]


def test_an_autoscaler_without_its_target_scales_nothing() -> None:
    assert dangling([unscaled(deployment("web")), hpa("api")]) == [
        (
            "autoscaling.target-missing",
            "HorizontalPodAutoscaler api scales Deployment api, which is not among the objects of namespace "
            "shop: it scales nothing (FailedGetScale)",
        )
    ]
    assert dangling([unscaled(deployment("api")), hpa("api")]) == []


@given(st.sampled_from(["web", "api", "worker"]), st.sampled_from(["web", "api", "worker"]))
def test_a_service_is_dangling_exactly_when_no_tier_carries_its_label(tier: str, selected: str) -> None:
    found = dangling([deployment(tier), cluster_ip("svc", {"tier": selected})])
    assert bool(found) == (tier != selected)


RELABEL = """
class App(Blueprint):
    tiers = [Tier(name="web", image="registry.example.com/app:1.0.0", replicas=2,
                  ports=[Port(name="http", port=8080)])]
    patches = [JsonPatch(api_version="v1", kind="Service", name="web",
                         ops=[{"op": "replace", "path": "/spec/selector/tier",
                               "value": "wbe"}])]
"""


def test_a_patch_that_breaks_a_services_selector_shows_in_check(tmp_path: Path) -> None:
    write_blueprint(tmp_path, RELABEL)
    result = run_hagen("check", "app.py", "--format", "json", "--fail-on", "warning", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # a warning: pods another controller makes may match
    findings = [f for f in json.loads(result.stdout)["findings"] if f["id"] in DANGLING]
    assert [(f["id"], f["object_id"]) for f in findings] == [
        ("traffic.service-selects-nothing", "core.Service.app.web")
    ]
    assert "matches no pod template in namespace app" in findings[0]["message"]
    write_blueprint(tmp_path, RELABEL.replace('"wbe"', '"web"'))
    quiet = run_hagen("check", "app.py", "--format", "json", cwd=tmp_path)
    assert [f["id"] for f in json.loads(quiet.stdout)["findings"] if f["id"] in DANGLING] == []

"""Findings on imported objects (cdk8s charts, hand-written YAML): autoscalers, routes, load balancer
annotations, Jobs on ReadWriteOnce volumes. hagen's own output avoids each of them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hagen._check import ClusterCounts, check
from hagen._check._run import BUILTIN_RULES

from ._check_objects import container, deployment, mounting, pdb, pvc, separated, storage_class, term
from ._traffic_objects import LB, cronjob, hpa, http_route, ingress, service, unscaled


def findings(objects: list[dict[str, Any]], nodes: int | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check(objects, cluster=ClusterCounts(nodes=nodes), rules=BUILTIN_RULES).findings:
        out.setdefault(f.id, []).append(f.message)
    return out


def test_autoscaled_deployment_with_fixed_replicas() -> None:
    found = findings([deployment("api", replicas=3), hpa("api")])
    assert found["autoscaling.replicas-fixed"] == [
        "Deployment api sets replicas: 3 and HorizontalPodAutoscaler api scales it: "
        "every apply resets the scale"
    ]
    assert "autoscaling.replicas-fixed" not in findings([unscaled(deployment("api")), hpa("api")])


def test_utilization_target_without_requests() -> None:
    no_memory = container(resources={"requests": {"cpu": "100m"}})
    found = findings([unscaled(deployment("api", containers=[no_memory])), hpa("api", cpu=70, memory=80)])
    assert found["autoscaling.metric-without-requests"] == [
        "HorizontalPodAutoscaler api targets memory utilization of Deployment api, whose container(s) app "
        "request no memory: utilization is a percentage of the request, so the autoscaler cannot compute it"
    ]


def test_native_sidecar_without_requests_breaks_utilization_too() -> None:
    sidecar = {"name": "ship", "image": "fluent-bit:3.1.9", "restartPolicy": "Always"}
    api = unscaled(deployment("api", pod={"initContainers": [sidecar]}))
    assert "ship" in findings([api, hpa("api")])["autoscaling.metric-without-requests"][0]


@pytest.mark.parametrize(("maximum", "nodes", "found"), [(3, 3, False), (4, 3, True), (5, None, False)])
def test_max_replicas_above_anti_affinity_domains(maximum: int, nodes: int | None, found: bool) -> None:
    api = unscaled(separated("api", 2))
    messages = findings([api, hpa("api", maximum=maximum)], nodes=nodes).get(
        "autoscaling.max-exceeds-domains"
    )
    assert bool(messages) is found
    if messages:
        assert messages == [
            "HorizontalPodAutoscaler api may scale Deployment api to 4 replicas, "
            "but its required anti-affinity "
            "on kubernetes.io/hostname allows 3: 1 pod(s) would stay Pending at maximum scale"
        ]


@pytest.mark.parametrize(
    ("budget", "blocks"),
    [({"minAvailable": 2}, True), ({"minAvailable": 1}, False), ({"maxUnavailable": 0}, True),
     ({"minAvailable": "100%"}, True), ({"maxUnavailable": 1}, False)],
)  # fmt: skip
def test_budget_blocking_eviction_at_min_replicas(budget: dict[str, Any], blocks: bool) -> None:
    found = findings([unscaled(deployment("api")), hpa("api", minimum=2), pdb("api", "api", **budget)])
    assert ("autoscaling.pdb-blocks-at-min" in found) is blocks


def test_two_routes_claiming_one_host_and_path() -> None:
    found = findings([ingress("a", "shop.example.com", "/api"), http_route("b", "shop.example.com", "/api")])
    assert found["traffic.route-conflict"] == [
        "HTTPRoute gateway.networking.k8s.io.HTTPRoute.shop.b and "
        "Ingress networking.k8s.io.Ingress.shop.a both "
        "route host shop.example.com path /api (Prefix): which backend gets the traffic depends on the "
        "controller's merge order"
    ]


@pytest.mark.parametrize(
    "other",
    [
        ingress("b", "shop.example.com", "/api", "Exact"),
        ingress("b", "www.example.com", "/api"),
        ingress("b", "shop.example.com", "/web"),
    ],
)
def test_distinct_routes_do_not_conflict(other: dict[str, Any]) -> None:
    assert "traffic.route-conflict" not in findings([ingress("a", "shop.example.com", "/api"), other])


def test_controller_annotations_without_the_controller() -> None:
    found = findings([service({LB + "aws-load-balancer-scheme": "internal"})])
    assert "aws-load-balancer-scheme" in found["traffic.lb-annotation-ignored"][0]
    assert "internet-facing" in found["traffic.lb-annotation-ignored"][0]
    handed = {LB + "aws-load-balancer-scheme": "internal", LB + "aws-load-balancer-type": "external"}
    assert "traffic.lb-annotation-ignored" not in findings([service(handed)])
    classed = service({LB + "aws-load-balancer-scheme": "internal"}, loadBalancerClass="service.k8s.aws/nlb")
    assert "traffic.lb-annotation-ignored" not in findings([classed])


def test_source_ranges_with_security_groups() -> None:
    ann = {
        LB + "aws-load-balancer-type": "external",
        LB + "aws-load-balancer-security-groups": "sg-0123456789abcdef0",
    }
    found = findings([service(ann, loadBalancerSourceRanges=["10.0.0.0/8"])])
    assert "the ranges restrict nothing" in found["traffic.lb-source-ranges-ignored"][0]


def test_backup_cronjob_on_a_readwriteonce_volume_of_a_running_pod() -> None:
    owner = mounting(deployment("db", replicas=1, strategy={"type": "Recreate"}), "db-data")
    backup = cronjob("backup")
    backup["spec"]["jobTemplate"]["spec"]["template"]["spec"]["volumes"] = [
        {"name": "data", "persistentVolumeClaim": {"claimName": "db-data"}}
    ]
    base = [storage_class("gp3"), pvc("db-data", "gp3"), owner]
    found = findings([*base, backup])
    assert found["storage.rwo-job-off-node"] == [
        "CronJob backup mounts ReadWriteOnce PVC db-data, which Deployment db holds; "
        "nothing keeps its pod on "
        "that node, so on any other node it hangs in ContainerCreating (Multi-Attach error)"
    ]
    assert "storage.rwo-shared-by-replicas" not in found
    pinned = copy.deepcopy(backup)
    pinned["spec"]["jobTemplate"]["spec"]["template"]["spec"]["affinity"] = {
        "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("db")]}
    }
    assert "storage.rwo-job-off-node" not in findings([*base, pinned])

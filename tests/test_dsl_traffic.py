"""Load balancers, ALB Ingresses and Gateway API routes: the objects written and the input refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hagen
from hagen import (
    Alb,
    Blueprint,
    Controller,
    Gateway,
    HttpRoute,
    Jenkins,
    Listener,
    LoadBalancer,
    Port,
    Probe,
    Route,
    Tier,
)
from hagen._blueprint import build_spec

from ._tiers import objects

CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
LB = "service.beta.kubernetes.io/"


def web(**fields: Any) -> Tier:
    base: dict[str, Any] = {"name": "web", "image": "nginx:1.27.3", "ports": [Port(name="http", port=8080)]}
    return Tier(**(base | fields))


def test_load_balancer_controller_annotations_and_service_fields() -> None:
    lb = LoadBalancer(certificate_arn=CERT, source_ranges=["10.0.0.0/8"], cross_zone=True)
    svc = objects(web(expose="LoadBalancer", load_balancer=lb))["Service/web"]
    assert svc["metadata"]["annotations"] == {
        LB + "aws-load-balancer-attributes": "load_balancing.cross_zone.enabled=true",
        LB + "aws-load-balancer-nlb-target-type": "ip",
        LB + "aws-load-balancer-scheme": "internal",
        LB + "aws-load-balancer-ssl-cert": CERT,
        LB + "aws-load-balancer-ssl-ports": "http",
        LB + "aws-load-balancer-type": "external",
    }
    assert svc["spec"]["loadBalancerSourceRanges"] == ["10.0.0.0/8"]
    assert "loadBalancerClass" not in svc["spec"]


def test_load_balancer_class_replaces_the_type_annotation() -> None:
    svc = objects(web(expose="LoadBalancer", load_balancer=LoadBalancer(load_balancer_class=True)))[
        "Service/web"
    ]
    assert svc["spec"]["loadBalancerClass"] == "service.k8s.aws/nlb"
    assert LB + "aws-load-balancer-type" not in svc["metadata"]["annotations"]


def test_in_tree_classic_internal() -> None:
    lb = LoadBalancer(controller="in-tree", kind="classic", cross_zone=True)
    assert lb.annotations() == {
        LB + "aws-load-balancer-cross-zone-load-balancing-enabled": "true",
        LB + "aws-load-balancer-internal": "true",
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "classic"}, "a classic ELB needs controller='in-tree'"),
        (
            {"controller": "in-tree", "target_type": "ip"},
            "target_type='ip' needs the AWS Load Balancer Controller",
        ),
        (
            {"controller": "in-tree", "load_balancer_class": True},
            "the in-tree provider ignores Services with a class",
        ),
        (
            {"source_ranges": ["10.0.0.0/8"], "security_groups": ["sg-0123456789abcdef0"]},
            "give one or the other",
        ),
        ({"tls_ports": [443]}, "tls_ports without certificate_arn"),
        ({"certificate_arn": "arn:aws:s3:::bucket"}, "is not a certificate ARN"),
        ({"source_ranges": ["10.0.0.1/8"]}, "host bits must be zero"),
        ({"controller": "in-tree", "cross_zone": True}, "cross_zone on an in-tree NLB"),
    ],
)
def test_load_balancer_controller_rules(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=message.replace("(", r"\(").replace(")", r"\)")):
        LoadBalancer(**fields)


def test_load_balancer_needs_a_load_balancer_service_and_its_own_tls_ports() -> None:
    with pytest.raises(hagen.BlueprintError, match="needs expose='LoadBalancer'"):
        web(load_balancer=LoadBalancer())
    with pytest.raises(hagen.BlueprintError, match=r"tls_ports: 8443 is not one of the Service's ports"):
        web(expose="LoadBalancer", load_balancer=LoadBalancer(certificate_arn=CERT, tls_ports=[8443]))


def test_alb_ingress_takes_the_health_check_path_from_the_readiness_probe() -> None:
    alb = Alb(
        routes=[Route(host="shop.example.com", path="/api")], scheme="internet-facing", certificate_arn=CERT
    )
    made = objects(web(readiness=Probe(http_path="/ready"), ingress=alb))["Ingress/web"]
    assert made["metadata"]["annotations"] == {
        "alb.ingress.kubernetes.io/certificate-arn": CERT,
        "alb.ingress.kubernetes.io/group.name": "app",
        "alb.ingress.kubernetes.io/healthcheck-path": "/ready",
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
        "alb.ingress.kubernetes.io/target-type": "ip",
    }
    assert made["spec"] == {
        "ingressClassName": "alb",
        "rules": [
            {
                "host": "shop.example.com",
                "http": {
                    "paths": [
                        {
                            "path": "/api",
                            "pathType": "Prefix",
                            "backend": {"service": {"name": "web", "port": {"name": "http"}}},
                        }
                    ]
                },
            }
        ],
    }


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("10.0.0.1", "is an IP address"),
        ("Shop.example.com", "is not a host name"),
        ("shop.*.example.com", "a wildcard is allowed only as the whole first label"),
        ("*shop.example.com", "a wildcard is allowed only as the whole first label"),
        ("shop_1.example.com", "is not a host name"),
    ],
)
def test_hosts_follow_rfc_1123(host: str, message: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=message):
        Route(host=host)


def test_wildcard_host_is_accepted() -> None:
    assert Route(host="*.example.com").host == "*.example.com"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("api", "must start with '/'"),
        ("/a//b", "'//'"),
        ("/a/../b", "'/../'"),
        ("/a/.", "must not end with '/.'"),
    ],
)
def test_paths_follow_the_ingress_rules(path: str, message: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=message):
        Route(host="shop.example.com", path=path)


def test_alb_refusals() -> None:
    with pytest.raises(hagen.BlueprintError, match="need certificate_arn"):
        Alb(routes=[Route(host="a.example.com")], listen_ports=["HTTPS:443"])
    with pytest.raises(hagen.BlueprintError, match="a ClusterIP Service has none"):
        web(ingress=Alb(routes=[Route(host="a.example.com")], target_type="instance"))
    with pytest.raises(hagen.BlueprintError, match="'metrics' is not one of the tier's ports"):
        web(ingress=Alb(routes=[Route(host="a.example.com", port="metrics")]))
    with pytest.raises(hagen.BlueprintError, match="a host and path repeat"):
        web(ingress=Alb(routes=[Route(host="a.example.com"), Route(host="a.example.com")]))


def test_http_route_and_gateway() -> None:
    gateway = Gateway(
        name="public",
        gateway_class="amazon-vpc-lattice",
        listeners=[Listener(name="https", port=443, protocol="HTTPS", certificate_secret="tls")],
    )
    route = HttpRoute(gateway="public", section="https", routes=[Route(host="a.example.com", path="/v1")])
    made = objects(web(ingress=route), gateways=(gateway,))
    assert made["HTTPRoute/web"]["spec"] == {
        "parentRefs": [{"name": "public", "sectionName": "https"}],
        "hostnames": ["a.example.com"],
        "rules": [
            {
                "matches": [{"path": {"type": "PathPrefix", "value": "/v1"}}],
                "backendRefs": [{"name": "web", "port": 8080}],
            }
        ],
    }
    assert made["Gateway/public"]["spec"]["listeners"] == [
        {
            "name": "https",
            "port": 443,
            "protocol": "HTTPS",
            "tls": {"mode": "Terminate", "certificateRefs": [{"name": "tls"}]},
        }
    ]


def test_http_route_names_a_declared_gateway_and_listener() -> None:
    with pytest.raises(hagen.BlueprintError, match="no Gateway 'public'"):
        objects(web(ingress=HttpRoute(gateway="public", routes=[Route(host="a.example.com")])))
    gateway = Gateway(name="public", gateway_class="c", listeners=[Listener(name="http", port=80)])
    with pytest.raises(hagen.BlueprintError, match="has no listener 'https'"):
        objects(
            web(ingress=HttpRoute(gateway="public", section="https", routes=[Route(host="a.example.com")])),
            gateways=(gateway,),
        )
    shared = HttpRoute(gateway="edge", gateway_namespace="gateways", routes=[Route(host="a.example.com")])
    assert objects(web(ingress=shared))["HTTPRoute/web"]["spec"]["parentRefs"] == [
        {"name": "edge", "namespace": "gateways"}
    ]


def test_jenkins_controller_service_gets_the_same_model(tmp_path: Path) -> None:
    lb = LoadBalancer(scheme="internet-facing", certificate_arn=CERT, source_ranges=["192.0.2.0/24"])
    controller = Controller(service_type="LoadBalancer", service_port=443, load_balancer=lb)
    values = hagen.release_values(Jenkins(controller=controller), tmp_path)
    assert values["controller"]["serviceAnnotations"] == {
        LB + "aws-load-balancer-nlb-target-type": "ip",
        LB + "aws-load-balancer-scheme": "internet-facing",
        LB + "aws-load-balancer-ssl-cert": CERT,
        LB + "aws-load-balancer-ssl-ports": "http",
        LB + "aws-load-balancer-type": "external",
    }
    assert values["controller"]["loadBalancerSourceRanges"] == ["192.0.2.0/24"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"service_type": "ClusterIP", "load_balancer": LoadBalancer()}, "needs service_type='LoadBalancer'"),
        (
            {"service_type": "LoadBalancer", "load_balancer": LoadBalancer(load_balancer_class=True)},
            "has no loadBalancerClass",
        ),
        (
            {
                "service_type": "LoadBalancer",
                "load_balancer": LoadBalancer(source_ranges=["10.0.0.0/8"]),
                "load_balancer_source_ranges": ["10.0.0.0/8"],
            },
            "source ranges given twice",
        ),
        (
            {
                "service_type": "LoadBalancer",
                "load_balancer": LoadBalancer(),
                "service_annotations": {LB + "aws-load-balancer-scheme": "internal"},
            },
            "service_annotations repeat what load_balancer writes",
        ),
    ],
)
def test_jenkins_load_balancer_refusals(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=message):
        Controller(**fields)


def test_http_route_routes_share_one_host() -> None:
    routes = [Route(host="a.example.com"), Route(host="b.example.com", path="/b")]
    with pytest.raises(hagen.BlueprintError, match="an HTTPRoute's hostnames apply to every rule"):
        web(ingress=HttpRoute(gateway="public", routes=routes))


def test_gateway_refusals() -> None:
    with pytest.raises(hagen.BlueprintError, match="HTTPS needs certificate_secret"):
        Listener(name="https", port=443, protocol="HTTPS")
    with pytest.raises(hagen.BlueprintError, match="Conflicted"):
        Gateway(
            name="g", gateway_class="c", listeners=[Listener(name="a", port=80), Listener(name="b", port=80)]
        )
    twice = Gateway(name="g", gateway_class="c", listeners=[Listener(name="a", port=80)])
    with pytest.raises(hagen.BlueprintError, match="Gateway names repeat"):
        objects(web(), gateways=(twice, twice))


LB_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "controller": st.sampled_from(["aws-load-balancer-controller", "in-tree"]),
        "kind": st.sampled_from(["nlb", "classic"]),
        "scheme": st.sampled_from(["internal", "internet-facing"]),
        "target_type": st.sampled_from(["ip", "instance"]),
        "certificate_arn": st.just(CERT),
        "source_ranges": st.just(["10.0.0.0/8"]),
        "security_groups": st.just(["sg-0123456789abcdef0"]),
        "cross_zone": st.booleans(),
        "load_balancer_class": st.booleans(),
    },
)


@given(fields=LB_FIELDS)
def test_every_accepted_load_balancer_passes_validation_and_checks(fields: dict[str, Any]) -> None:
    try:
        lb = LoadBalancer(**fields)
    except hagen.BlueprintError:
        return
    made = list(objects(web(expose="LoadBalancer", load_balancer=lb)).values())
    assert not hagen.validate_objects(made).errors
    assert not [f.id for f in hagen.check(made).findings if f.id.startswith("traffic.")]
    svc = next(o for o in made if o["kind"] == "Service")
    internal = svc["metadata"]["annotations"].get(LB + "aws-load-balancer-scheme") == "internal" or (
        svc["metadata"]["annotations"].get(LB + "aws-load-balancer-internal") == "true"
    )
    assert internal is (lb.scheme == "internal"), svc["metadata"]["annotations"]


def test_network_policy_admits_the_load_balancer_on_routed_ports() -> None:
    class App(Blueprint):
        name = "app"
        network_policies = True
        tiers = [
            web(
                ports=[Port(name="http", port=8080), Port(name="admin", port=9000)],
                ingress=Alb(routes=[Route(host="a.example.com")]),
            ),
            Tier(name="worker", image="worker:1.0", connects_to=["web"]),
        ]

    made = {
        o["metadata"]["name"]: o
        for o in hagen.synthesize(build_spec(App, "app.py")).objects
        if o["kind"] == "NetworkPolicy"
    }
    assert made["web"]["spec"]["ingress"] == [
        {"ports": [{"port": "http", "protocol": "TCP"}]},
        {
            "from": [
                {"podSelector": {"matchLabels": {"app.kubernetes.io/instance": "app", "tier": "worker"}}}
            ],
            "ports": [{"port": "http", "protocol": "TCP"}, {"port": "admin", "protocol": "TCP"}],
        },
    ]

"""Issue cases of traffic, autoscaling, Jobs, DaemonSets and extra containers through the real entry point:
the findings `hagen check` reports on imported YAML, what `hagen place` charges and where it places, what
`hagen synth` writes for the AWS load balancers, the ALB Ingress and the Jenkins controller."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_hagen
from tests.golden.regenerate import CASES

from ._check_objects import container, deployment, mounting, pdb, pvc, separated, storage_class
from ._tiers import write_app
from ._traffic_objects import LB, cronjob, hpa, http_route, ingress, service, unscaled

SG = "sg-0123456789abcdef0"


def _backup_off_node() -> list[dict[str, Any]]:
    backup = cronjob("backup")
    backup["spec"]["jobTemplate"]["spec"]["template"]["spec"]["volumes"] = [
        {"name": "data", "persistentVolumeClaim": {"claimName": "db-data"}}
    ]
    owner = mounting(deployment("db", replicas=1, strategy={"type": "Recreate"}), "db-data")
    return [storage_class("gp3"), pvc("db-data", "gp3"), owner, backup]


FINDINGS = [
    (
        [deployment("api", replicas=3), hpa("api")],
        [],
        "autoscaling.replicas-fixed",
        "Deployment api sets replicas: 3 and HorizontalPodAutoscaler api scales it: "
        "every apply resets the scale",
    ),
    (
        [unscaled(deployment("api", containers=[container(resources={"requests": {"cpu": "1"}})])),
         hpa("api", cpu=70, memory=80)],
        [],
        "autoscaling.metric-without-requests",
        "HorizontalPodAutoscaler api targets memory utilization of Deployment api, whose container(s) app "
        "request no memory: utilization is a percentage of the request, so the autoscaler cannot compute it",
    ),
    (
        [unscaled(separated("api", 2)), hpa("api", maximum=4)],
        ["--nodes", "3"],
        "autoscaling.max-exceeds-domains",
        "HorizontalPodAutoscaler api may scale Deployment api to 4 replicas, but its required anti-affinity "
        "on kubernetes.io/hostname allows 3: 1 pod(s) would stay Pending at maximum scale",
    ),
    (
        [unscaled(deployment("api")), hpa("api", minimum=2), pdb("api", "api", minAvailable=2)],
        [],
        "autoscaling.pdb-blocks-at-min",
        "PodDisruptionBudget api (minAvailable: 2) allows no eviction of Deployment api at the autoscaler's "
        "minReplicas 2: node drains hang whenever load is low",
    ),
    (
        [ingress("a", "shop.example.com", "/api"), http_route("b", "shop.example.com", "/api")],
        [],
        "traffic.route-conflict",
        "HTTPRoute gateway.networking.k8s.io.HTTPRoute.shop.b and Ingress networking.k8s.io.Ingress.shop.a "
        "both route host shop.example.com path /api (Prefix): which backend gets the traffic depends on the "
        "controller's merge order",
    ),
    (
        [service({LB + "aws-load-balancer-scheme": "internal"})],
        [],
        "traffic.lb-annotation-ignored",
        "Service core.Service.shop.web sets aws-load-balancer-scheme, which only the AWS Load Balancer "
        "Controller reads, but neither aws-load-balancer-type: external nor loadBalancerClass "
        "service.k8s.aws/nlb hands it to that controller: the in-tree provider builds the load balancer "
        '(internet-facing unless aws-load-balancer-internal: "true")',
    ),
    (
        [service({LB + "aws-load-balancer-type": "external", LB + "aws-load-balancer-security-groups": SG},
                 loadBalancerSourceRanges=["10.0.0.0/8"])],
        [],
        "traffic.lb-source-ranges-ignored",
        "Service core.Service.shop.web has source ranges and its own security groups "
        "(aws-load-balancer-security-groups): the controller then manages no inbound rules and the ranges "
        "restrict nothing",
    ),
    (
        _backup_off_node(),
        [],
        "storage.rwo-job-off-node",
        "CronJob backup mounts ReadWriteOnce PVC db-data, which Deployment db holds; nothing keeps its pod "
        "on that node, so on any other node it hangs in ContainerCreating (Multi-Attach error)",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("objects", "flags", "rule", "message"), FINDINGS, ids=[f[2] for f in FINDINGS])
def test_check_reports_the_finding_on_imported_yaml(
    tmp_path: Path, objects: list[dict[str, Any]], flags: list[str], rule: str, message: str
) -> None:
    (tmp_path / "objects.yaml").write_text(yaml.safe_dump_all(objects))
    result = run_hagen("check", str(tmp_path), "--format", "json", *flags)
    assert result.returncode in (0, 1), result.stderr
    found = json.loads(result.stdout)["findings"]
    assert [f["message"] for f in found if f["id"] == rule] == [message]
    docs = (Path(__file__).resolve().parents[1] / "docs" / "checks.md").read_text()
    assert f"`{rule}`" in docs


def test_an_autoscaled_budget_is_judged_at_min_replicas_not_at_the_spec_count(tmp_path: Path) -> None:
    objects = [unscaled(deployment("api")), hpa("api", minimum=2), pdb("api", "api", minAvailable=1)]
    (tmp_path / "objects.yaml").write_text(yaml.safe_dump_all(objects))
    result = run_hagen("check", str(tmp_path), "--format", "json")
    # without replicas the Deployment's spec says 1 pod; the autoscaler keeps at least 2, so 1 may go
    assert [f["id"] for f in json.loads(result.stdout)["findings"]] == []


NAMES = (
    "Blueprint, ClusterProfile, Container, Controller, DaemonSet, Jenkins, LoadBalancer, Node, Resources, "
    "Taint, Tier"
)


def _blueprint(folder: Path, body: str) -> Path:
    return write_app(folder, body, NAMES)


def test_place_charges_a_pod_as_the_scheduler_sums_its_containers(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path,
        """
        class App(Blueprint):
            cluster = ClusterProfile.shorthand(nodes=1, zones=1, cpu="2", memory="4Gi")
            tiers = [
                Tier(name="a", image="a:1.0", resources=Resources(cpu="500m", memory="256Mi"),
                     init_containers=[Container(name="init", image="i:1.0",
                                                resources=Resources(cpu="900m", memory="64Mi"))],
                     sidecars=[Container(name="side", image="s:1.0",
                                         resources=Resources(cpu="300m", memory="128Mi"))]),
                Tier(name="b", image="b:1.0", resources=Resources(cpu="500m", memory="256Mi"),
                     sidecars=[Container(name="side", image="s:1.0",
                                         resources=Resources(cpu="300m", memory="128Mi"))],
                     containers=[Container(name="helper", image="h:1.0",
                                           resources=Resources(cpu="200m", memory="64Mi"))]),
            ]
        """,
    )
    result = run_hagen("place", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    # a: the init container alone (900m) outweighs main + sidecar (800m); memory 256+128 > 64
    # b: main + sidecar + helper = 1000m, 448Mi
    node = next(line for line in result.stdout.splitlines() if line.strip().startswith("node-1"))
    assert node.split()[:3] == ["node-1", "cpu", "1900m/2"]
    assert "memory 832Mi/4Gi" in node


def test_place_puts_a_daemonset_on_untainted_nodes_unless_it_tolerates_all(tmp_path: Path) -> None:
    nodes = (
        "[Node(name=n, labels={'kubernetes.io/hostname': n, 'topology.kubernetes.io/zone': 'z1'},"
        " taints=[Taint(key='nvidia.com/gpu', value='true', effect='NoSchedule')] if n == 'gpu' else [])"
        " for n in ('a', 'b', 'gpu')]"
    )
    for tolerate, expected in ((False, ["agent-a", "agent-b"]), (True, ["agent-a", "agent-b", "agent-gpu"])):
        path = _blueprint(
            tmp_path / str(tolerate),
            f"""
            class App(Blueprint):
                cluster = ClusterProfile(nodes={nodes})
                tiers = [Tier(name="agent", image="agent:1.0", workload=DaemonSet(tolerate_all={tolerate}))]
            """,
        )
        result = run_hagen("place", str(path))
        assert result.returncode == 0, result.stdout + result.stderr
        placed = sorted(word for word in result.stdout.split() if word.startswith("agent-"))
        assert placed == expected


def _synth(path: Path, out: Path) -> None:
    result = run_hagen("synth", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr


def _read(path: Path) -> dict[str, Any]:
    return next(d for d in yaml.safe_load_all(path.read_text()) if d)


def test_synth_writes_the_load_balancer_ingress_and_kinds_of_the_example(tmp_path: Path) -> None:
    _synth(CASES / "traffic" / "blueprint.py", tmp_path)
    out = tmp_path / "orders"
    grpc = _read(out / "service-grpc.yaml")
    assert grpc["metadata"]["annotations"] == {
        LB + "aws-load-balancer-attributes": "load_balancing.cross_zone.enabled=true",
        LB + "aws-load-balancer-nlb-target-type": "ip",
        LB + "aws-load-balancer-scheme": "internal",
        LB + "aws-load-balancer-ssl-cert": "arn:aws:acm:eu-west-1:123456789012:certificate/"
        "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        LB + "aws-load-balancer-ssl-ports": "grpc",
        LB + "aws-load-balancer-type": "external",
    }
    assert grpc["spec"]["loadBalancerSourceRanges"] == ["10.0.0.0/8"]
    alb = _read(out / "ingress-api.yaml")
    annotations = alb["metadata"]["annotations"]
    assert alb["spec"]["ingressClassName"] == "alb"
    assert annotations["alb.ingress.kubernetes.io/healthcheck-path"] == "/ready"  # the readiness probe's
    assert annotations["alb.ingress.kubernetes.io/group.name"] == "orders"
    assert annotations["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTP":80},{"HTTPS":443}]'
    route = _read(out / "httproute-web.yaml")
    assert route["spec"]["parentRefs"] == [{"name": "public", "sectionName": "https"}]
    hpa_api = _read(out / "horizontalpodautoscaler-api.yaml")
    assert [
        (m["resource"]["name"], m["resource"]["target"]["averageUtilization"])
        for m in hpa_api["spec"]["metrics"]
    ] == [
        ("cpu", 70),
        ("memory", 80),
    ]
    assert "replicas" not in _read(out / "deployment-api.yaml")["spec"]
    api_pod = _read(out / "deployment-api.yaml")["spec"]["template"]["spec"]
    assert [(c["name"], c.get("restartPolicy")) for c in api_pod["initContainers"]] == [
        ("wait-for-db", None),
        ("log-shipper", "Always"),
    ]
    migrate = _read(out / "job-migrate.yaml")
    assert migrate["metadata"]["annotations"]["argocd.argoproj.io/hook"] == "PreSync"
    agent = _read(out / "daemonset-node-agent.yaml")
    assert agent["spec"]["template"]["spec"]["tolerations"] == [{"operator": "Exists"}]


def test_synth_gives_the_jenkins_controller_service_the_load_balancer_model(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path / "bp",
        """
        class App(Blueprint):
            releases = [Jenkins(controller=Controller(
                service_type="LoadBalancer", service_port=8080,
                load_balancer=LoadBalancer(scheme="internal", source_ranges=["10.0.0.0/8"])))]
        """,
    )
    _synth(path, tmp_path / "out")
    values = _read(tmp_path / "out" / "app" / "helm" / "jenkins" / "values.yaml")
    assert values["controller"]["serviceAnnotations"] == {
        LB + "aws-load-balancer-nlb-target-type": "ip",
        LB + "aws-load-balancer-scheme": "internal",
        LB + "aws-load-balancer-type": "external",
    }
    assert values["controller"]["loadBalancerSourceRanges"] == ["10.0.0.0/8"]

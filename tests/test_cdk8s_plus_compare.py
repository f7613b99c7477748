"""hagen's output beside what cdk8s-plus-32 writes for the same intents (tests/data/cdk8s_plus/, generated
once by its generate.py). Each test pins one difference docs/blueprints.md explains, or one agreement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import hagen
from tests.golden.regenerate import CASES

PLUS: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).resolve().parent / "data" / "cdk8s_plus" / "expected.json").read_text()
)


@pytest.fixture(scope="module")
def ours() -> dict[str, dict[str, Any]]:
    (spec,) = hagen.load_blueprints([CASES / "traffic" / "blueprint.py"])
    return {f"{o['kind']}/{o['metadata']['name']}": o for o in hagen.synthesize(spec).objects}


def _pod(obj: dict[str, Any]) -> dict[str, Any]:
    spec = obj["spec"]
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    pod: dict[str, Any] = spec["template"]["spec"]
    return pod


def test_both_refuse_a_fixed_replica_count_beside_an_autoscaler(ours: dict[str, dict[str, Any]]) -> None:
    assert "replicas" not in PLUS["Deployment"][0]["spec"]
    assert "replicas" not in ours["Deployment/api"]["spec"]


def test_native_sidecars_have_the_same_shape(ours: dict[str, dict[str, Any]]) -> None:
    plus = [c.get("restartPolicy") for c in _pod(PLUS["Deployment"][0])["initContainers"]]
    mine = [c.get("restartPolicy") for c in _pod(ours["Deployment/api"])["initContainers"]]
    assert plus == mine == [None, "Always"]


def test_default_resources_differ(ours: dict[str, dict[str, Any]]) -> None:
    # cdk8s-plus: 1 CPU requested and a CPU limit for any container without resources; hagen: small
    # requests, memory limit = request, no CPU limit (throttling).
    plus = _pod(PLUS["Job"][0])["containers"][0]["resources"]
    assert plus == {
        "limits": {"cpu": "1500m", "memory": "2048Mi"},
        "requests": {"cpu": "1000m", "memory": "512Mi"},
    }
    assert _pod(ours["Job/migrate"])["containers"][0]["resources"] == {
        "requests": {"cpu": "100m", "memory": "128Mi"},
        "limits": {"memory": "128Mi"},
    }


def test_ingress_class_and_load_balancer_annotations(ours: dict[str, dict[str, Any]]) -> None:
    # cdk8s-plus writes no class: the ALB controller ignores the Ingress unless alb is the default class.
    assert "ingressClassName" not in PLUS["Ingress"][0]["spec"]
    assert ours["Ingress/api"]["spec"]["ingressClassName"] == "alb"
    # Its LoadBalancer Service has no annotations: the in-tree provider makes an internet-facing classic ELB.
    assert "annotations" not in PLUS["Service"][0]["metadata"]
    assert (
        ours["Service/grpc"]["metadata"]["annotations"]["service.beta.kubernetes.io/aws-load-balancer-scheme"]
        == "internal"
    )


def test_rollout_strategy_and_probes(ours: dict[str, dict[str, Any]]) -> None:
    assert PLUS["Deployment"][0]["spec"]["strategy"]["rollingUpdate"] == {
        "maxSurge": "25%",
        "maxUnavailable": "25%",
    }
    assert ours["Deployment/api"]["spec"]["strategy"]["rollingUpdate"] == {"maxSurge": 0, "maxUnavailable": 1}
    plus_probes = {k for k in _pod(PLUS["Deployment"][0])["containers"][0] if k.endswith("Probe")}
    mine = {k for k in _pod(ours["Deployment/api"])["containers"][0] if k.endswith("Probe")}
    assert (plus_probes, mine) == ({"startupProbe"}, {"readinessProbe", "livenessProbe"})


def test_jobs_and_cronjobs(ours: dict[str, dict[str, Any]]) -> None:
    assert "backoffLimit" not in PLUS["Job"][0]["spec"]  # the server's 6
    assert ours["Job/migrate"]["spec"]["backoffLimit"] == 1
    assert PLUS["CronJob"][0]["spec"]["startingDeadlineSeconds"] == 10
    assert "startingDeadlineSeconds" not in ours["CronJob/backup"]["spec"]
    assert (
        PLUS["CronJob"][0]["spec"]["concurrencyPolicy"] == ours["CronJob/backup"]["spec"]["concurrencyPolicy"]
    )


def test_server_defaults_written_or_not(ours: dict[str, dict[str, Any]]) -> None:
    plus_pod = _pod(PLUS["DaemonSet"][0])
    assert {"dnsPolicy", "hostNetwork", "terminationGracePeriodSeconds"} <= set(plus_pod)
    mine = _pod(ours["DaemonSet/node-agent"])
    assert not {"dnsPolicy", "hostNetwork", "terminationGracePeriodSeconds"} & set(mine)
    assert mine["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert "seccompProfile" not in plus_pod["securityContext"]
    assert PLUS["DaemonSet"][0]["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] == "Always"
    assert "imagePullPolicy" not in mine["containers"][0]

"""No over-refusal: objects that look wrong but the API server accepts pass clean; and the API rules run
wherever validation runs (`hagen validate`, `hagen synth` before writing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import hagen
from hagen import _api

from ._api_objects import DELETE, changed, errors
from .conftest import ROOT, run_hagen
from .test_validate_api import C

T = "spec.template.spec"
R = "spec.rules.0.http.paths.0"
MiB = 1024 * 1024

NEAR_MISSES: list[tuple[str, dict[str, Any], str | None]] = [
    ("Deployment", {f"{C}.ports.0.name": "http-metrics-we"}, None),  # 15 characters
    (
        "Deployment",
        {"spec.template.metadata.labels": {"app": "web", "version": "v1"}},
        None,
    ),  # selector is a subset
    (
        "Deployment",
        {"spec.selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["web", "api"]}]}},
        None,
    ),
    (
        "Deployment",
        {"spec.strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}}},
        None,
    ),
    (
        "Deployment",
        {"spec.strategy": {"rollingUpdate": {"maxSurge": 0}}},
        None,
    ),  # maxUnavailable defaults to 25%
    ("Deployment", {"spec.strategy": {"type": "Recreate"}}, None),
    ("Deployment", {"spec.replicas": 0}, None),
    ("Deployment", {f"{C}.env.0.name": "my.env-name"}, "1.31"),
    ("Deployment", {f"{C}.env.0.name": "LOG LEVEL"}, "1.32"),
    (
        "Deployment",
        {
            f"{C}.resources": {
                "requests": {"cpu": "1", "nvidia.com/gpu": "1"},
                "limits": {"cpu": "1", "nvidia.com/gpu": 1},
            }
        },
        None,
    ),
    ("Deployment", {f"{C}.resources": {"limits": {"cpu": "500m"}}}, None),
    (
        "Deployment",
        {f"{C}.resources": {"requests": {"cpu": "0.5", "memory": "1e9", "ephemeral-storage": "+1Gi"}}},
        None,
    ),
    ("Deployment", {f"{C}.ports": [{"containerPort": 80}, {"containerPort": 80, "protocol": "UDP"}]}, None),
    ("Deployment", {f"{T}.tolerations": [{"operator": "Exists"}]}, None),
    (
        "Deployment",
        {f"{T}.volumes.0": {"name": "tmp", "configMap": {"name": "web", "defaultMode": 0o644}}},
        None,
    ),
    (
        "Deployment",
        {f"{T}.initContainers": [{"name": "log", "image": "b:1", "restartPolicy": "Always"}]},
        "1.29",
    ),
    ("Deployment", {f"{T}.dnsPolicy": "None", f"{T}.dnsConfig": {"nameservers": ["1.1.1.1"]}}, None),
    ("Deployment", {"metadata.labels": {"app.kubernetes.io/name": "web", "empty": ""}}, None),
    (
        "StatefulSet",
        {
            f"{T}.volumes": DELETE,
            f"{C}.volumeMounts.0.name": "data",
            "spec.volumeClaimTemplates": [
                {
                    "metadata": {"name": "data"},
                    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
                }
            ],
        },
        None,
    ),
    (
        "DaemonSet",
        {
            "spec.updateStrategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1},
            }
        },
        None,
    ),
    (
        "Job",
        {f"{T}.restartPolicy": "OnFailure", "spec.completions": 0, "spec.completionMode": "Indexed"},
        None,
    ),
    ("Job", {"spec.selector": {"matchLabels": {"app": "web"}}, "spec.manualSelector": True}, None),
    ("CronJob", {"spec.schedule": "@every 1h30m"}, None),
    ("CronJob", {"spec.schedule": "@hourly"}, None),
    ("CronJob", {"spec.schedule": "*/15 9-17 ? JAN-MAR mon-fri"}, None),
    ("CronJob", {"spec.schedule": "0 0 1,15 * 0", "spec.timeZone": "Europe/Berlin"}, None),
    ("CronJob", {"metadata.name": "n" * 52}, None),
    ("Service", {"spec.ports.0.name": DELETE, "spec.ports.0.targetPort": 8080}, None),
    ("Service", {"spec.clusterIP": "None", "spec.ports": DELETE}, None),
    (
        "Service",
        {"spec.type": "ExternalName", "spec.externalName": "db.example.com.", "spec.ports": DELETE},
        None,
    ),
    (
        "Service",
        {"spec.type": "LoadBalancer", "spec.externalTrafficPolicy": "Local", "spec.ports.0.nodePort": 30080},
        None,
    ),
    (
        "Service",
        {"spec.ports": [{"name": "dns", "port": 53, "protocol": "UDP"}, {"name": "dns-tcp", "port": 53}]},
        None,
    ),
    ("ConfigMap", {"data": {"app.config_v-1": "x", "k" * 253: "x", ".env": "x"}}, None),
    ("ConfigMap", {"data": {"big": "x" * MiB}}, None),
    ("ConfigMap", {"binaryData": {"logo.png": "iVBORw0KGgo="}}, None),
    (
        "Secret",
        {"type": "kubernetes.io/tls", "data": {"tls.crt": "eA=="}, "stringData": {"tls.key": "k"}},
        None,
    ),
    ("Secret", {"type": "kubernetes.io/basic-auth", "stringData": {"password": "p"}}, None),
    ("Secret", {"type": "example.com/custom"}, None),
    (
        "PersistentVolumeClaim",
        {"spec.resources.requests.storage": "1", "spec.accessModes": ["ReadWriteOncePod"]},
        None,
    ),
    ("StorageClass", {"provisioner": "kubernetes.io/no-provisioner", "reclaimPolicy": DELETE}, None),
    ("Namespace", {"metadata.name": "n" * 63}, None),
    ("HorizontalPodAutoscaler", {"spec.minReplicas": 5}, None),
    (
        "HorizontalPodAutoscaler",
        {
            "spec.minReplicas": DELETE,
            "spec.metrics.0.resource.target": {"type": "AverageValue", "averageValue": "500m"},
        },
        None,
    ),
    ("Ingress", {"spec.rules.0.host": DELETE}, None),
    (
        "Ingress",
        {"spec.rules.0.host": "*.example.com", f"{R}.pathType": "Exact", f"{R}.path": "/healthz"},
        None,
    ),
    ("Ingress", {f"{R}.pathType": "ImplementationSpecific", f"{R}.path": DELETE}, None),
    ("Ingress", {f"{R}.pathType": "ImplementationSpecific", f"{R}.path": "/api/.*"}, None),
    (
        "Ingress",
        {"spec.rules": DELETE, "spec.defaultBackend": {"service": {"name": "web", "port": {"number": 80}}}},
        None,
    ),
    (
        "IngressClass",
        {"spec.parameters": {"apiGroup": "elbv2.k8s.aws", "kind": "IngressClassParams", "name": "alb"}},
        None,
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {"ipBlock": {"cidr": "10.0.0.0/16", "except": ["10.0.1.0/24"]}}},
        None,
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.ports.0": {"port": 8000, "endPort": 8000}, "spec.podSelector": {}},
        None,
    ),
    (
        "NetworkPolicy",
        {"spec.policyTypes": ["Ingress", "Egress"], "spec.ingress.0.ports.0": {"port": "http"}},
        None,
    ),
    ("PodDisruptionBudget", {"spec.maxUnavailable": DELETE, "spec.minAvailable": "100%"}, None),
    ("PodDisruptionBudget", {"spec.maxUnavailable": 0}, None),
]


@pytest.mark.parametrize(("kind", "changes", "version"), NEAR_MISSES)
def test_accepted_near_misses_pass_clean(kind: str, changes: dict[str, Any], version: str | None) -> None:
    assert errors(changed(kind, changes), version) == []


def test_validate_cli_refuses_with_exit_1(tmp_path: Path) -> None:
    bad = changed("Deployment", {"spec.selector.matchLabels": {"app": "api"}})
    path = tmp_path / "deploy.yaml"
    path.write_text(yaml.safe_dump(bad))
    proc = run_hagen("validate", str(path))
    assert proc.returncode == 1
    assert (
        f"error: {path}:14: apps.Deployment.shop.web: spec.template.metadata.labels: Invalid value: "
        '{"app":"web"}: `selector` does not match template `labels`'
    ) in proc.stdout


def test_synth_refuses_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _api.synthesize  # the example's blueprint has Helm releases: it is synthesized whole

    def mismatched(spec: hagen.BlueprintSpec, *args: Any, **options: Any) -> hagen.Synthesis:
        synthesis = real(spec, *args, **options)
        deployment = next(o for o in synthesis.objects if o["kind"] == "Deployment")
        deployment["spec"]["template"]["metadata"]["labels"] = {"app": "other"}
        return synthesis

    monkeypatch.setattr(_api, "synthesize", mismatched)
    with pytest.raises(hagen.InvalidOutput) as caught:
        hagen.synth([ROOT / "blueprints"], tmp_path / "out")
    assert "`selector` does not match template `labels`" in str(caught.value)
    assert not (tmp_path / "out").exists()

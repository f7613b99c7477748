"""The API server's create-time rules of the apps sets, batch, autoscaling, networking and policy kinds:
each refusal with its path and the API server's words."""

from __future__ import annotations

from typing import Any

import pytest

from ._api_objects import changed, errors

J = "spec.jobTemplate.spec"
R = "spec.rules.0.http.paths.0"
RP = "spec.rules[0].http.paths[0]"

CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # Job and CronJob (validateJobSpec, ValidateCronJobCreate, validateScheduleFormat)
    (
        "Job",
        {"spec.template.spec.restartPolicy": "Always"},
        "spec.template.spec.restartPolicy",
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ),
    (
        "Job",
        {"spec.parallelism": -1},
        "spec.parallelism",
        "Invalid value: -1: must be greater than or equal to 0",
    ),
    (
        "Job",
        {"spec.backoffLimit": -1},
        "spec.backoffLimit",
        "Invalid value: -1: must be greater than or equal to 0",
    ),
    (
        "Job",
        {"spec.completionMode": "Indexed"},
        "spec.completions",
        "Required value: when completion mode is Indexed",
    ),
    (
        "Job",
        {"spec.selector": {"matchLabels": {"app": "web"}}},
        "spec.selector",
        'Invalid value: {"matchLabels":{"app":"web"}}: `selector` not auto-generated',
    ),
    (
        "CronJob",
        {"spec.schedule": "every day"},
        "spec.schedule",
        'Invalid value: "every day": expected exactly 5 fields, found 2: [every day]',
    ),
    (
        "CronJob",
        {"spec.schedule": "0 24 * * *"},
        "spec.schedule",
        'Invalid value: "0 24 * * *": end of range (24) above maximum (23): 24',
    ),
    (
        "CronJob",
        {"spec.schedule": "@fortnightly"},
        "spec.schedule",
        'Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly',
    ),
    (
        "CronJob",
        {"spec.schedule": "CRON_TZ=UTC 0 * * * *"},
        "spec.schedule",
        'Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone '
        "field instead",
    ),
    (
        "CronJob",
        {"spec.timeZone": "Mars/Olympus"},
        "spec.timeZone",
        'Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ),
    (
        "CronJob",
        {"metadata.name": "n" * 53},
        "metadata.name",
        f'Invalid value: "{"n" * 53}": must be no more than 52 characters',
    ),
    (
        "CronJob",
        {"spec.concurrencyPolicy": "Queue"},
        "spec.concurrencyPolicy",
        'Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"',
    ),
    (
        "CronJob",
        {f"{J}.template.spec.restartPolicy": "Always"},
        f"{J}.template.spec.restartPolicy",
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ),
    # HorizontalPodAutoscaler (validateHorizontalPodAutoscalerSpec, validateMetricSpec, validateMetricTarget)
    (
        "HorizontalPodAutoscaler",
        {"spec.maxReplicas": 1},
        "spec.maxReplicas",
        "Invalid value: 1: must be greater than or equal to `minReplicas`",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.minReplicas": 0},
        "spec.minReplicas",
        "Invalid value: 0: must be greater than or equal to 1",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.metrics.0.type": "Pods"},
        "spec.metrics[0].pods",
        "Required value: must populate information for the given metric source",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.metrics.0.resource.target.averageUtilization": 0},
        "spec.metrics[0].resource.target.averageUtilization",
        "Invalid value: 0: must be greater than 0",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.scaleTargetRef.name": "a/b"},
        "spec.scaleTargetRef.name",
        "Invalid value: \"a/b\": may not contain '/'",
    ),
    # Ingress and IngressClass (validateIngressRules, validateHTTPIngressPath, validateIngressBackend)
    ("Ingress", {f"{R}.path": "api"}, f"{RP}.path", 'Invalid value: "api": must be an absolute path'),
    (
        "Ingress",
        {f"{R}.pathType": "Regex"},
        f"{RP}.pathType",
        'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ),
    (
        "Ingress",
        {f"{R}.path": "/api//v1"},
        f"{RP}.path",
        "Invalid value: \"/api//v1\": must not contain '//'",
    ),
    (
        "Ingress",
        {"spec.rules.0.host": "10.0.0.1"},
        "spec.rules[0].host",
        'Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ),
    (
        "Ingress",
        {"spec.rules.0.host": "shop.*.example.com"},
        "spec.rules[0].host",
        "Invalid value: \"shop.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', "
        "followed by a valid "
        "DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
        "alphanumeric character (e.g. '*.example.com', regex used for validation is "
        "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ),
    (
        "Ingress",
        {f"{R}.backend.service.port": {"name": "http", "number": 80}},
        f"{RP}.backend",
        'Invalid value: "": cannot set both port name & port number',
    ),
    (
        "Ingress",
        {f"{R}.backend.service.port": {}},
        f"{RP}.backend",
        "Required value: port name or number is required",
    ),
    (
        "Ingress",
        {f"{R}.backend.service.port": {"name": "http-metrics-web"}},
        f"{RP}.backend.service.port.name",
        'Invalid value: "http-metrics-web": must be no more than 15 characters',
    ),
    (
        "IngressClass",
        {"spec.controller": "alb"},
        "spec.controller",
        'Invalid value: "alb": must be a domain-prefixed path (such as "acme.io/foo")',
    ),
    # NetworkPolicy (ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock)
    (
        "NetworkPolicy",
        {"spec.policyTypes": ["Inbound"]},
        "spec.policyTypes[0]",
        'Unsupported value: "Inbound": supported values: "Ingress", "Egress"',
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {"ipBlock": {"cidr": "10.0.0.0/33"}}},
        "spec.ingress[0].from[0].ipBlock.cidr",
        'Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {"ipBlock": {"cidr": "10.0.0.0/16", "except": ["10.1.0.0/24"]}}},
        "spec.ingress[0].from[0].ipBlock.except[0]",
        'Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {}},
        "spec.ingress[0].from[0]",
        "Required value: must specify a peer",
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.ports.0": {"port": 9000, "endPort": 8000}},
        "spec.ingress[0].ports[0].endPort",
        "Invalid value: 9000: must be greater than or equal to `port`",
    ),
    # PodDisruptionBudget (ValidatePodDisruptionBudgetSpec)
    (
        "PodDisruptionBudget",
        {"spec.minAvailable": 1},
        "spec",
        'Invalid value: {"maxUnavailable":1,"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}: '
        "minAvailable and maxUnavailable cannot be both set",
    ),
    (
        "PodDisruptionBudget",
        {"spec.maxUnavailable": "50"},
        "spec.maxUnavailable",
        'Invalid value: "50": a valid percent string must be a numeric string followed by an ending '
        "'%' (e.g. '1%',  "
        "or '93%', regex used for validation is '[0-9]+%')",
    ),
    (
        "StatefulSet",
        {"spec.updateStrategy": {"rollingUpdate": {"maxUnavailable": 0}}},
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "Invalid value: 0: must be greater than 0",
    ),
    (
        "Job",
        {"spec.activeDeadlineSeconds": 0},
        "spec.activeDeadlineSeconds",
        "Invalid value: 0: must be greater than 0",
    ),
    (
        "CronJob",
        {"spec.schedule": "*/0 * * * *"},
        "spec.schedule",
        'Invalid value: "*/0 * * * *": step of range should be a positive number: */0',
    ),
    (
        "CronJob",
        {"spec.schedule": "0 0 * * 7"},
        "spec.schedule",
        'Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7',
    ),
    (
        "CronJob",
        {"spec.schedule": "@every fortnight"},
        "spec.schedule",
        'Invalid value: "@every fortnight": failed to parse duration @every fortnight: time: '
        'invalid duration "fortnight"',
    ),
    (
        "HorizontalPodAutoscaler",
        {
            "spec.metrics.0": {
                "type": "Resource",
                "resource": {"name": "cpu", "target": {"type": "Utilization"}},
            }
        },
        "spec.metrics[0].resource.target.averageUtilization",
        "Required value: must set either a target raw value or a target utilization",
    ),
    (
        "HorizontalPodAutoscaler",
        {"spec.behavior": {"scaleDown": {"stabilizationWindowSeconds": 7200}}},
        "spec.behavior.scaleDown.stabilizationWindowSeconds",
        "Invalid value: 7200: must be less than or equal to 3600",
    ),
    (
        "IngressClass",
        {"spec.parameters": {"kind": "P", "name": "p", "scope": "Namespace"}},
        "spec.parameters.namespace",
        "Required value: `parameters.scope` is set to 'Namespace'",
    ),
    (
        "Ingress",
        {"spec.rules": []},
        "spec",
        "Invalid value: []: either `defaultBackend` or `rules` must be specified",
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.ports.0": {"port": "http", "endPort": 9000}},
        "spec.ingress[0].ports[0].endPort",
        "Invalid value: 9000: may not be specified when `port` is non-numeric",
    ),
    (
        "NetworkPolicy",
        {"spec.ingress.0.from.0": {"ipBlock": {"cidr": "10.0.0.0/8"}, "podSelector": {}}},
        "spec.ingress[0].from[0]",
        "Forbidden: may not specify both ipBlock and another peer",
    ),
    (
        "PodDisruptionBudget",
        {"spec.unhealthyPodEvictionPolicy": "Never"},
        "spec.unhealthyPodEvictionPolicy",
        'Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ),
]


@pytest.mark.parametrize(("kind", "changes", "path", "message"), CASES)
def test_refused_with_the_api_servers_words(
    kind: str, changes: dict[str, Any], path: str, message: str
) -> None:
    assert (path, message) in errors(changed(kind, changes))

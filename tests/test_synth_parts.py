"""Parts of a tier's objects that are made once and shared, or ordered without sorting, give what the
general path gives."""

from __future__ import annotations

import pytest

from hagen import BlueprintSpec, Port, Tier, Volume
from hagen._names import port_name
from hagen._storage import EfsStorageClass
from hagen._storage._workload import plan_storage
from hagen._synth._labels import selector_labels
from hagen._synth._pod import pod_spec


@pytest.mark.parametrize("tier_label", ["tier", "a.example.com/tier", "app.kubernetes.io/instance", "zz"])
def test_selector_keys_are_sorted_whatever_the_tier_label(tier_label: str) -> None:
    tier = Tier(name="web", image="nginx:1.27")
    spec = BlueprintSpec(name="shop", namespace="shop", tier_label=tier_label, tiers=(tier,))
    labels = selector_labels(spec, tier)
    assert list(labels) == sorted(labels)
    assert labels[tier_label] == "web"
    assert labels["app.kubernetes.io/instance"] == (
        "web" if tier_label == "app.kubernetes.io/instance" else "shop"
    )


def test_no_volumes_is_a_deployment_without_claims() -> None:
    plan = plan_storage((), 3, "web")
    assert (plan.kind, plan.templates, plan.claims, plan.strategy, plan.headless_service) == (
        "Deployment",
        (),
        (),
        None,
        False,
    )
    efs = EfsStorageClass(name="efs", file_system_id="fs-0123abcd")
    data = Volume(name="data", size="1Gi", mount_path="/data", storage_class=efs, access="shared")
    shared = plan_storage((data,), 3, "web")
    assert (shared.kind, shared.claims, shared.reason) == ("Deployment", (data,), plan.reason)


def test_each_writable_path_is_mounted_from_its_own_scratch_volume() -> None:
    tier = Tier(
        name="web",
        image="nginx:1.27",
        ports=[Port(name="http", port=8080)],
        writable_paths=["/tmp", "/var/cache/nginx"],
    )
    spec = BlueprintSpec(name="shop", namespace="shop", tiers=(tier,))
    pod = pod_spec(spec, tier, [], [])
    mounts = pod["containers"][0]["volumeMounts"]
    assert mounts == [
        {"name": "scratch-tmp", "mountPath": "/tmp"},
        {"name": "scratch-var-cache-nginx", "mountPath": "/var/cache/nginx"},
    ]
    assert pod["volumes"] == [{"name": m["name"], "emptyDir": {}} for m in mounts]
    probes = pod["containers"][0]
    assert probes["readinessProbe"] == probes["livenessProbe"] == {"tcpSocket": {"port": "http"}}
    assert "startupProbe" not in probes


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("http", True),
        ("h2c", True),
        ("web-1", True),
        ("8080", False),
        ("a--b", False),
        ("-http", False),
        ("http-", False),
        ("HTTP", False),
        ("abcdefghijklmnop", False),
        ("", False),
    ],
)
def test_port_names_as_the_api_server_reads_them(value: str, ok: bool) -> None:
    if ok:
        assert port_name(value) == value
    else:
        with pytest.raises(ValueError, match="a port name: at most 15 characters"):
            port_name(value)

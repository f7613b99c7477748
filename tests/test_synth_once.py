"""Work done once per tier or per object while building objects: the tier's labels, each object's identity
and sort key, the ConfigMap references of a pod (only when the blueprint declares maps)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hagen import (
    Autoscale,
    BlueprintSpec,
    ConfigMap,
    EnvFrom,
    Port,
    Probe,
    Resources,
    Tier,
    Volume,
    synthesize,
    synthesize_each,
)
from hagen._objects import keyed_id, object_id, sort_key
from hagen._storage import StorageClass
from hagen._synth import _config, _synthesis
from hagen._synth._labels import tier_labels
from hagen._synth._pod import probes, resources, scratch_volume_name

PORTS = [Port(name="http", port=8080)]


def _spec() -> BlueprintSpec:
    gp3 = StorageClass(name="gp3")
    tiers = (
        Tier(name="web", image="nginx:1.27", replicas=2, ports=PORTS, expose="LoadBalancer"),
        Tier(
            name="db",
            image="postgres:16",
            replicas=2,
            ports=PORTS,
            volumes=[Volume(name="data", size="1Gi", mount_path="/data", storage_class=gp3)],
        ),
        Tier(name="api", image="api:1", ports=PORTS, autoscale=Autoscale(min_replicas=2, max_replicas=4)),
    )
    return BlueprintSpec(name="shop", namespace="shop", tiers=tiers, network_policies=True)


def test_each_tier_labels_are_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counted(spec: BlueprintSpec, tier: Tier) -> dict[str, str]:
        calls.append(tier.name)
        return tier_labels(spec, tier)

    monkeypatch.setattr(_synthesis, "tier_labels", counted)
    objects = synthesize(_spec()).objects
    assert sorted(calls) == ["api", "db", "web"]
    for tier in _spec().tiers:  # every object of the tier still carries them
        mine = [o for o in objects if o["metadata"]["name"].startswith(tier.name)]
        assert len(mine) >= 3
        assert all(o["metadata"]["labels"] == tier_labels(_spec(), tier) for o in mine)


def test_objects_of_a_tier_do_not_share_one_labels_dict() -> None:
    objects = synthesize(_spec()).objects
    web = [o for o in objects if o["metadata"]["name"] == "web"]
    assert {o["kind"] for o in web} >= {"Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy"}
    web[0]["metadata"]["labels"]["changed"] = "yes"  # a consumer editing one object edits only that one
    assert all("changed" not in o["metadata"]["labels"] for o in web[1:])


_text = st.one_of(st.text(max_size=8), st.integers(), st.none())


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "apiVersion": _text,
            "kind": st.one_of(_text, st.sampled_from(["Service", "Deployment", "Namespace"])),
            "metadata": st.one_of(
                st.none(), st.fixed_dictionaries({}, optional={"namespace": _text, "name": _text})
            ),
        },
    )
)
def test_keyed_id_is_sort_key_and_object_id(obj: dict[str, Any]) -> None:
    assert keyed_id(obj) == (sort_key(obj), object_id(obj))


def test_a_blueprint_without_config_maps_reads_no_pod_spec_for_them(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[object] = []
    original = _config._config_refs
    monkeypatch.setattr(_config, "_config_refs", lambda pod: read.append(pod) or original(pod))
    synthesize_each(_spec(), object_id)
    assert read == []
    maps = BlueprintSpec(
        name="shop",
        namespace="shop",
        config_maps=[ConfigMap(name="settings", data={"a": "1"})],
        tiers=(Tier(name="web", image="nginx:1.27", env_from=[EnvFrom(config_map="settings")]),),
    )
    synthesize_each(maps, object_id)
    assert len(read) == 1


@pytest.mark.parametrize(
    ("path", "name"),
    [("/tmp", "scratch-tmp"), ("/TMP", "scratch-tmp"), ("/var/cache/nginx", "scratch-var-cache-nginx")],
)
def test_scratch_volume_names(path: str, name: str) -> None:
    assert scratch_volume_name(path) == name


@pytest.mark.parametrize(
    ("given", "made"),
    [
        (
            {"cpu": "100m", "memory": "128Mi"},
            {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "128Mi"}},
        ),
        (
            {
                "cpu": "1",
                "memory": "1Gi",
                "ephemeral_storage": "2Gi",
                "cpu_limit": "2",
                "memory_limit": "2Gi",
            },
            {
                "requests": {"cpu": "1", "memory": "1Gi", "ephemeral-storage": "2Gi"},
                "limits": {"cpu": "2", "memory": "2Gi"},
            },
        ),
        ({"cpu": None, "memory": None}, {}),
        ({"cpu": None, "memory": None, "cpu_limit": "1"}, {"limits": {"cpu": "1"}}),
    ],
)
def test_resources_keys_and_order(given: dict[str, Any], made: dict[str, Any]) -> None:
    tier = Tier(name="web", image="nginx:1.27", resources=Resources(**given))
    out = resources(tier)
    assert out == made
    assert [list(v) for v in out.values()] == [list(v) for v in made.values()]  # key order too


def test_probes_declared_default_and_startup() -> None:
    timed = Probe(http_path="/ready", period_seconds=5, initial_delay_seconds=2, failure_threshold=3)
    tier = Tier(
        name="web",
        image="nginx:1.27",
        ports=PORTS,
        readiness=timed,
        startup=Probe(command=["true"], timeout_seconds=9),
    )
    out = probes(tier)
    assert list(out) == ["readinessProbe", "livenessProbe", "startupProbe"]
    assert list(out["readinessProbe"].items()) == [
        ("httpGet", {"path": "/ready", "port": "http"}),
        ("initialDelaySeconds", 2),
        ("periodSeconds", 5),
        ("failureThreshold", 3),
    ]
    assert out["livenessProbe"] == {"tcpSocket": {"port": "http"}}
    assert out["startupProbe"] == {"exec": {"command": ["true"]}, "timeoutSeconds": 9}
    assert probes(Tier(name="web", image="nginx:1.27", ports=PORTS, default_probes=False)) == {}
    assert probes(Tier(name="web", image="nginx:1.27")) == {}  # no port: no default probe

"""One rule per concept: names, quantities, integers, label keys and file names answer the same way from
every entry point, exactly as the API server would."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hagen
from hagen._blueprint import build_spec
from hagen._helm._names import check_dns_label
from hagen._names import (
    annotation_key,
    dns1035_label,
    dns1123_label,
    dns1123_subdomain,
    label_key,
    label_value,
)
from hagen._output._layout import render
from hagen._quantity import QuantityError, canonical_quantity, check_quantity, parse_quantity, same_quantity
from hagen._storage._names import check_label, check_subdomain

A63, A64 = "a" * 63, "a" * 64
SUB253 = ".".join([A63, A63, A63, "a" * 61])
LABELS = [
    (A63, True),
    (A64, False),
    ("a-b", True),
    ("-ab", False),
    ("ab-", False),
    ("Ab", False),
    ("a.b", False),
    ("0ab", True),
]
SUBDOMAINS = [
    (SUB253, True),
    (SUB253 + "a", False),
    (A64 + ".example.com", True),  # apimachinery limits the whole name, not each part
    ("a..b", False),
    ("a.b-", False),
]


def _ok(check: Any, value: str) -> bool:
    try:
        check(value)
    except (ValueError, hagen.BlueprintError):
        return False
    return True


@pytest.mark.parametrize(("value", "valid"), LABELS)
def test_dns1123_label_is_one_rule(value: str, valid: bool) -> None:
    answers = {
        _ok(dns1123_label, value),
        _ok(lambda v: check_label(v, "Volume.name"), value),
        _ok(lambda v: check_dns_label(v, "chart name"), value),
        _ok(
            lambda v: hagen.Tier(name="web", image="x/y:1", volumes=()).model_copy() and dns1123_label(v),
            value,
        ),
    }
    assert answers == {valid}


@pytest.mark.parametrize(("value", "valid"), LABELS + SUBDOMAINS)
def test_dns1123_subdomain_is_one_rule(value: str, valid: bool) -> None:
    expected = valid if (value, valid) in SUBDOMAINS else _ok(dns1123_subdomain, value)
    assert _ok(dns1123_subdomain, value) == expected
    assert _ok(lambda v: check_subdomain(v, "StorageClass.name"), value) == expected
    assert _ok(lambda v: hagen.StorageClass(name=v), value) == expected


def test_dns1035_label_needs_a_letter_first() -> None:
    assert dns1035_label("web-1") == "web-1"
    with pytest.raises(ValueError, match="DNS-1035"):
        dns1035_label("1web")
    with pytest.raises(ValueError, match="64 characters; at most 63"):
        dns1035_label(A64)


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("tier", True),
        ("example.com/" + A63, True),
        ("example.com/" + A64, False),
        (SUB253 + "/x", True),
        (SUB253 + "a/x", False),
        ("/x", False),
        ("a/b/c", False),
        ("Example.com/x", False),
        ("x_y.Z", True),
    ],
)
def test_label_keys(key: str, valid: bool) -> None:
    assert _ok(label_key, key) == valid
    assert _ok(lambda k: hagen.Tier(name="web", image="x/y:1", labels={k: "v"}), key) == valid


def test_annotation_keys_compare_the_prefix_in_lowercase() -> None:
    assert annotation_key("Example.com/role") == "Example.com/role"
    assert not _ok(label_key, "Example.com/role")
    with pytest.raises(hagen.BlueprintError, match="more than one '/'"):
        hagen.Tier(name="web", image="x/y:1", annotations={"a/b/c": "v"})


def test_label_values() -> None:
    assert label_value("") == "" and label_value(A63) == A63
    assert not _ok(label_value, A64) and not _ok(label_value, "-a")


@pytest.mark.parametrize(
    ("text", "value"),
    [("1e3", 1000), (".5", Fraction(1, 2)), ("12000m", 12), ("1.5Gi", 3 * 2**29), ("1E", 10**18)],
)
def test_quantities_follow_the_api_server(text: str, value: Fraction) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["1000ms", "128MB", "1gi", " 1", "1 ", "1e", "K", "1K"])
def test_quantities_the_api_server_refuses(text: str) -> None:
    with pytest.raises(QuantityError, match="is not a quantity"):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("12000m", "12"),
        ("0.5", "500m"),
        ("1000", "1k"),
        ("1024Ki", "1Mi"),
        ("1536Ki", "1536Ki"),
        ("1.5Gi", "1536Mi"),
        ("512", "512"),
        ("1e3", "1e3"),
        ("0.1n", "1n"),
        ("0", "0"),
    ],
)
def test_canonical_quantity(text: str, canonical: str) -> None:
    assert canonical_quantity(text) == canonical


@given(st.integers(0, 10**12), st.sampled_from([("", 0), ("k", 3), ("M", 6), ("m", -3), ("n", -9)]))
def test_canonical_value_ignores_spelling(number: int, unit: tuple[str, int]) -> None:
    suffix, exponent = unit
    plain = Fraction(number) * Fraction(10) ** exponent
    spellings = [f"{number}{suffix}", f"{number}e{exponent}", f"{number * 1000}{'m' if not suffix else ''}"]
    if not suffix:
        assert same_quantity(spellings[0], spellings[2] if number else "0")
    assert same_quantity(spellings[0], spellings[1])
    assert parse_quantity(canonical_quantity(spellings[0])) == plain


@given(st.integers(0, 2**40), st.sampled_from(["Ki", "Mi", "Gi"]))
def test_binary_canonical_keeps_the_value(number: int, suffix: str) -> None:
    text = f"{number}{suffix}"
    assert parse_quantity(canonical_quantity(text)) == parse_quantity(text)


def test_negative_amounts_are_refused_everywhere() -> None:
    with pytest.raises(QuantityError, match="'-1' is negative"):
        check_quantity("-1")
    for fields in ({"cpu": "-1"}, {"memory": "-1"}, {"memory_limit": "-1Gi"}):
        with pytest.raises(hagen.BlueprintError, match="is negative"):
            hagen.Resources(**fields)
    with pytest.raises(hagen.BlueprintError, match="'-1Gi' is negative"):
        hagen.Volume(
            name="data", size="-1Gi", mount_path="/data", storage_class=hagen.StorageClass(name="gp3")
        )
    assert issubclass(QuantityError, hagen.HagenError)
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "w", "namespace": "x"},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "w"}},
            "template": {
                "metadata": {"labels": {"app": "w"}},
                "spec": {
                    "containers": [{"name": "c", "image": "i", "resources": {"requests": {"cpu": "-1"}}}]
                },
            },
        },
    }
    with pytest.raises(hagen.InputError) as placed:  # manifests: the workload is named, as validate does
        hagen.place([deployment], hagen.ClusterProfile.shorthand(nodes=1, zones=1))
    assert str(placed.value).startswith(
        "Deployment x/w: resources: '-1' is negative; allowed: a quantity >= 0"
    )


@pytest.mark.parametrize("value", [True, "3", 10**12, 2.0])
def test_int32_fields_are_strict(value: Any) -> None:
    for build in (
        lambda v: hagen.Tier(name="web", image="x/y:1", replicas=v),
        lambda v: hagen.Port(name="http", port=v),
        lambda v: hagen.spread(max_skew=v),
    ):
        with pytest.raises(hagen.BlueprintError, match=r"not an integer|beyond int32"):
            build(value)


def _collision() -> hagen.Synthesis:
    class Clash(hagen.Blueprint):
        namespace = "shop"
        tiers = [hagen.Tier(name="other-backend", image="x/o:1", ports=[hagen.Port(name="http", port=80)])]

    synthesis = hagen.synthesize(build_spec(Clash, source="clash.py"))
    foreign = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "backend", "namespace": "other"}}
    return synthesis.__class__(**{**vars(synthesis), "objects": [*synthesis.objects, foreign]})


def test_two_objects_sharing_a_file_are_refused_with_both_named() -> None:
    with pytest.raises(hagen.BlueprintError) as caught:
        render(_collision())
    message = str(caught.value)
    assert "core.Service.other.backend" in message and "core.Service.shop.other-backend" in message
    assert "clash/service-other-backend.yaml" in message


def _without_component(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_component(v) for k, v in value.items() if k != "app.kubernetes.io/component"}
    if isinstance(value, list):
        return [_without_component(v) for v in value]
    return value


def test_placement_and_rollout_find_tiers_by_the_configured_tier_label() -> None:
    from hagen._place._inputs import Inputs, add_specs
    from hagen._place._rollout import rollout
    from hagen._place._run import place

    class Roles(hagen.Blueprint):
        tier_label = "example.com/role"
        tiers = [hagen.Tier(name="web", image="x/w:1", replicas=2, placement=[hagen.separate()])]

    spec = build_spec(Roles)
    inputs = add_specs(Inputs(), [spec], hagen.synthesize)
    assert inputs.tier_labels[0] == "example.com/role"
    objects = _without_component(inputs.objects)  # manifests that carry only the configured tier label
    cluster = hagen.ClusterProfile.shorthand(nodes=2, zones=1, cpu="2", memory="4Gi")
    placed = place(objects, cluster, tier_labels=inputs.tier_labels)
    assert {w.tier for w in placed.workloads if w.kind == "Deployment"} == {"web"}
    assert {w.tier for w in place(objects, cluster).workloads if w.kind == "Deployment"} == {None}
    _, r = rollout(objects, cluster, "web", tier_labels=inputs.tier_labels)
    assert r.tier == "web" and r.workload == "web"

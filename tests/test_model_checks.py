"""A model's own checks run once per construction, and still refuse what they refused, with the same
message and field path, wherever the model is built."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

import hagen
import hagen._blueprint._spec as spec_module
import hagen._blueprint._tier as tier_module
from hagen import BlueprintError, Port, Resources, Tier, colocate, separate


def _count(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(module, name)

    def counted(value: object) -> None:
        calls.append(value)
        original(value)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_tier_is_checked_once_though_its_blueprint_takes_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tiers = _count(monkeypatch, tier_module, "check_tier")
    specs = _count(monkeypatch, spec_module, "check_configuration")
    path = tmp_path / "three.py"
    path.write_text(
        "from hagen import Blueprint, Port, Tier, colocate, separate\n"
        "class Three(Blueprint):\n"
        "    tiers = [Tier(name=f't{i}', image='registry.example.com/t:1.0', ports=[Port(name='http', "
        "port=8080)], placement=[separate(), *([colocate('t0')] if i else [])]) for i in range(3)]\n"
    )
    [spec] = hagen.load_blueprints([path])
    assert [t.name for t in tiers] == ["t0", "t1", "t2"]  # type: ignore[attr-defined]
    assert specs == [spec]


def test_validating_a_dict_checks_once(monkeypatch: pytest.MonkeyPatch) -> None:
    tiers = _count(monkeypatch, tier_module, "check_tier")
    tier = Tier.model_validate({"name": "web", "image": "nginx:1.27"})
    assert tiers == [tier]


def test_an_instance_given_to_a_field_is_kept_as_it_is() -> None:
    port = Port(name="http", port=8080)
    verb = colocate("db")
    tier = Tier(name="web", image="nginx:1.27", ports=[port], placement=[separate(), verb])
    assert tier.ports[0] is port
    assert tier.placement[1] is verb
    assert tier.resources is Tier.model_fields["resources"].default


def test_a_failing_check_names_the_nested_field_and_says_why() -> None:
    with pytest.raises(BlueprintError) as caught:
        Tier(name="web", image="nginx:1.27", resources={"cpu": "1", "cpu_limit": "500m"})
    assert caught.value.field == "Tier[web].resources"
    assert "cpu limit '500m' is below its request '1'" in str(caught.value)
    with pytest.raises(BlueprintError) as direct:
        Resources(cpu="1", cpu_limit="500m")
    assert "cpu limit '500m' is below its request '1'" in str(direct.value)
    with pytest.raises(ValidationError) as validated:  # model_validate stays pydantic's own
        Tier.model_validate({"name": "web", "image": "nginx:1.27", "ports": [{"name": "a", "port": 1}] * 2})
    assert [e["loc"] for e in validated.value.errors()] == [()]
    assert "port names repeat: ['a', 'a']" in validated.value.errors()[0]["msg"]


def _hagen_models() -> list[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    for info in pkgutil.walk_packages(hagen.__path__, "hagen."):
        if info.name == "hagen.__main__" or info.name.startswith(("hagen._place", "hagen._cdk8s")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__.startswith("hagen")
            ):
                found.add(value)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_no_model_checks_with_an_after_validator() -> None:
    """pydantic re-runs an "after" model validator on every instance another model's field receives;
    hagen's models declare their checks with `model_check` instead."""
    models = _hagen_models()
    assert any(m is Tier for m in models)
    after = [
        f"{m.__module__}.{m.__qualname__}.{name}"
        for m in models
        for name, decorator in m.__pydantic_decorators__.model_validators.items()
        if decorator.info.mode == "after"
    ]
    assert after == []


def test_tier_defaults_are_what_validating_them_gives() -> None:
    """Tier leaves its defaults unvalidated (thousands of tiers): each is already its validated value."""

    class Validated(Tier):
        model_config = {**Tier.model_config, "validate_default": True}

    plain = Tier(name="web", image="nginx:1.27")
    validated = Validated(name="web", image="nginx:1.27")
    for name in Tier.model_fields:
        assert getattr(plain, name) == getattr(validated, name), name
        assert type(getattr(plain, name)) is type(getattr(validated, name)), name
    with pytest.raises(BlueprintError, match="untagged or `latest`"):
        Tier(name="web", image="nginx")  # allow_latest's default still reaches the image check


def test_separate_with_its_defaults_is_one_validated_verb(monkeypatch: pytest.MonkeyPatch) -> None:
    from hagen._blueprint import _scheduling

    made: list[object] = []
    monkeypatch.setattr(_scheduling, "Separate", lambda **kw: made.append(kw))
    verb = separate()
    assert verb is separate() is separate("node", soft=False, weight=None)
    assert made == []  # nothing constructed or validated again
    assert verb == type(verb).model_validate({"per": "node", "soft": False, "weight": None})
    assert (verb.per, verb.soft, verb.weight, verb.topology_key) == (
        "node",
        False,
        None,
        "kubernetes.io/hostname",
    )
    separate(soft=True)
    assert made == [{"per": "node", "soft": True, "weight": None}]


def test_separate_with_other_arguments_is_still_checked() -> None:
    with pytest.raises(BlueprintError, match="per"):
        separate(per="")
    assert separate("zone").topology_key == "topology.kubernetes.io/zone"


def test_a_single_mount_is_not_checked_for_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    original = Tier._distinct_mounts
    monkeypatch.setattr(Tier, "_distinct_mounts", lambda self: checked.append(self.name) or original(self))
    Tier(name="one", image="nginx:1.27")  # only the default /tmp
    Tier(name="two", image="nginx:1.27", writable_paths=["/tmp", "/var/run"])
    assert checked == ["two"]
    with pytest.raises(BlueprintError, match="two mounts share a path") as exc:
        Tier(name="again", image="nginx:1.27", writable_paths=["/tmp", "/tmp"])
    assert "['/tmp', '/tmp']" in str(exc.value)
    assert checked == ["two", "again"]

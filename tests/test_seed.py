"""The example blueprint reproduces the seed's fragments field for field."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import hagen
from tests.conftest import DATA, ROOT


@pytest.fixture(scope="module")
def target() -> dict[str, Any]:
    return yaml.safe_load((DATA / "seed-target.yaml").read_text())


@pytest.fixture(scope="module")
def shop() -> hagen.Synthesis:
    (spec,) = [s for s in hagen.load_blueprints([ROOT / "blueprints"]) if s.name == "shop"]
    return hagen.synthesize(spec)


def _object(synthesis: hagen.Synthesis, kind: str, name: str) -> dict[str, Any]:
    (obj,) = [o for o in synthesis.objects if o["kind"] == kind and o["metadata"]["name"] == name]
    return obj


def contains(big: Any, small: Any) -> bool:
    """True when every field of `small` is in `big` with the same value (lists compared whole)."""
    if isinstance(small, dict):
        return isinstance(big, dict) and all(k in big and contains(big[k], v) for k, v in small.items())
    return bool(big == small)


@pytest.mark.parametrize("tier", ["backend", "frontend"])
def test_affinity_equals_seed(shop: hagen.Synthesis, target: dict[str, Any], tier: str) -> None:
    deployment = _object(shop, "Deployment", tier)
    assert deployment["spec"]["template"]["spec"]["affinity"] == target[f"{tier}.spec.template.spec.affinity"]


def test_storage_class_contains_seed(shop: hagen.Synthesis, target: dict[str, Any]) -> None:
    sc = _object(shop, "StorageClass", "gp3")
    assert contains(sc, target["storageclass-gp3"])
    assert "namespace" not in sc["metadata"]


def test_bare_storage_class_model_is_exactly_the_seed(target: dict[str, Any]) -> None:
    from hagen._storage import StorageClass

    assert StorageClass(name="gp3").to_object() == target["storageclass-gp3"]


def test_jenkins_values_contain_seed(shop: hagen.Synthesis, target: dict[str, Any]) -> None:
    assert contains(shop.values["jenkins"], target["jenkins-values.yaml"])

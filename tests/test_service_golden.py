"""The service example (every configuration, secret, identity and escape-hatch feature) as a user sees it."""

from __future__ import annotations

import hagen
from tests._goyaml import GoReader, golden_as_go_reads_it
from tests.conftest import run_hagen
from tests.golden.regenerate import CASES

CASE = CASES / "service"
EXPECTED = CASE / "expected" / "orders"


def test_golden_output_passes_hagen_validate() -> None:
    result = run_hagen("validate", str(EXPECTED))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors in 0 objects" in result.stdout
    skipped = sorted(
        line.split(": ")[2] for line in result.stdout.splitlines() if line.startswith("not validated")
    )
    assert skipped == [
        "bitnami.com.SealedSecret.orders.api-token",
        "eksctl.io.ClusterConfig._.shop",
        "external-secrets.io.ExternalSecret.orders.api-db",
        "kustomize.config.k8s.io.Kustomization._.",
    ]


def test_example_has_no_findings() -> None:
    result = run_hagen("check", str(CASE / "blueprint.py"))
    assert result.returncode == 0, result.stdout
    assert "0 errors, 0 warnings" in result.stdout


def test_example_uses_every_feature() -> None:
    (spec,) = hagen.load_blueprints([CASE / "blueprint.py"])
    assert {c.rollout for c in spec.config_maps} == {"checksum", "immutable"}
    assert any(c.binary_data for c in spec.config_maps) and any(c.files for c in spec.config_maps)
    assert {type(s).__name__ for s in spec.secrets} == {"ExternalSecret", "SealedSecret"}
    identities = [t.identity for t in spec.tiers if t.identity is not None]
    assert {i.pod_identity for i in identities} == {True, False}
    assert {type(p).__name__ for p in spec.patches} == {"JsonPatch", "StrategicMerge"}
    assert spec.objects
    kinds = {type(f).__name__ for t in spec.tiers for f in t.files}
    assert kinds == {"ConfigFiles", "SecretFiles"}
    assert {bool(e.secret) for t in spec.tiers for e in t.env_from} == {True, False}


def test_golden_output_reads_as_synthesized_in_the_go_reader(go_yaml: GoReader) -> None:
    synthesized, read = golden_as_go_reads_it(go_yaml, CASE / "blueprint.py", EXPECTED)
    assert read == synthesized

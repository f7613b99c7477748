"""Target YAML files: validated against the blueprint's models, errors with file:line and allowed keys,
and the precedence of every layer (hagen < blueprint < hagen.toml < target file < command line)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hagen
from hagen._errors import BlueprintError, InputError
from hagen._project import blueprint_classes, build_target, kube_version
from tests.conftest import run_hagen
from tests.test_targets_layout import make_project

TOML = "[targets.dev]\nvars = { replicas = 2 }\n"


def _build(root: Path, name: str = "dev") -> hagen.BlueprintSpec:
    project = hagen.load_project(root)
    build = build_target(project, name, blueprint_classes([root / "blueprints"]))
    return {s.name: s for s in build.specs}["web"]


def _error(tmp_path: Path, overrides: str) -> str:
    make_project(tmp_path, TOML, {"dev": overrides})
    with pytest.raises((InputError, BlueprintError)) as err:
        _build(tmp_path)
    return str(err.value)


def test_tier_overrides_are_applied(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        TOML,
        {
            "dev": "blueprints:\n  web:\n    tiers:\n      api:\n        replicas: 4\n"
            "        image: registry.example.com/api:2.0\n        resources: {cpu: 500m}\n"
            "        env: {MODE: dev}\n        labels: {team: a}\n        volumes: {data: {size: 20Gi}}\n"
        },
    )
    tier = _build(tmp_path).tier("api")
    assert tier.replicas == 4
    assert tier.image == "registry.example.com/api:2.0"
    assert tier.resources.cpu == "500m" and tier.resources.memory == "128Mi"  # partial: memory kept
    assert tier.env == {"MODE": "dev"} and tier.labels == {"team": "a"}
    assert tier.volumes[0].size == "20Gi" and tier.volumes[0].storage_class.name == "gp3"


def test_unknown_key_names_file_line_path_and_allowed_keys(tmp_path: Path) -> None:
    message = _error(tmp_path, "blueprints:\n  web:\n    tiers:\n      api:\n        replica: 1\n")
    assert "targets/dev.yaml:5: blueprints.web.tiers.api.replica: unknown key 'replica'" in message
    assert "allowed keys: annotations, env, image, labels, replicas, resources, suppress, volumes" in message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    message = _error(tmp_path, "kube_version: '1.33'\nclusters: {nodes: 1}\n")
    assert "targets/dev.yaml:2: clusters: unknown key" in message
    assert "allowed keys: blueprints, cluster, kube_version" in message


def test_wrong_type_names_line_and_value(tmp_path: Path) -> None:
    message = _error(tmp_path, "blueprints:\n  web:\n    tiers:\n      api:\n        replicas: many\n")
    assert "targets/dev.yaml:5: blueprints.web.tiers.api.replicas:" in message
    assert "'many'" in message


def test_unknown_resource_field_lists_the_resources_fields(tmp_path: Path) -> None:
    message = _error(tmp_path, "blueprints:\n  web:\n    tiers:\n      api:\n        resources: {cpus: 1}\n")
    assert "targets/dev.yaml:5: blueprints.web.tiers.api.resources.cpus: unknown key" in message
    assert "cpu, cpu_limit, ephemeral_storage, memory, memory_limit" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("blueprints:\n  webb: {}\n", "targets/dev.yaml:2: blueprints.webb: no blueprint 'webb'"),
        (
            "blueprints:\n  web:\n    tiers:\n      apy: {replicas: 1}\n",
            "targets/dev.yaml:4: blueprints.web.tiers.apy",
        ),
        (
            "blueprints:\n  web:\n    tiers:\n      api:\n        volumes:\n          dta: {size: 1Gi}\n",
            "targets/dev.yaml:6: blueprints.web.tiers.api.volumes.dta: no volume 'dta'",
        ),
        ("blueprints:\n  web:\n    releases:\n      jenkins: {values: {}}\n", "no release 'jenkins'"),
    ],
)
def test_unknown_names_list_what_exists(tmp_path: Path, text: str, expected: str) -> None:
    message = _error(tmp_path, text)
    assert expected in message
    assert "allowed:" in message


def test_values_the_tier_model_refuses_are_errors_with_a_line(tmp_path: Path) -> None:
    message = _error(tmp_path, "blueprints:\n  web:\n    tiers:\n      api:\n        image: nginx:latest\n")
    assert "targets/dev.yaml:4: blueprints.web.tiers.api" in message
    assert "latest" in message


def test_volume_size_is_checked_by_the_volume_model(tmp_path: Path) -> None:
    message = _error(
        tmp_path,
        "blueprints:\n  web:\n    tiers:\n      api:\n        volumes:\n"
        "          data: {size: 10 potatoes}\n",
    )
    assert "targets/dev.yaml:6: blueprints.web.tiers.api.volumes.data" in message


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert "an overrides file is a mapping" in _error(tmp_path, "- a\n- list\n")


def test_invalid_yaml(tmp_path: Path) -> None:
    assert "targets/dev.yaml: not valid YAML" in _error(tmp_path, "blueprints: [\n")


def test_a_configured_overrides_file_must_exist(tmp_path: Path) -> None:
    make_project(tmp_path, '[targets.dev]\noverrides = "env/dev.yaml"\n')
    with pytest.raises(InputError, match=r"targets\.dev\.overrides: no such file 'env/dev\.yaml'"):
        _build(tmp_path)


def test_release_values_merge_over_the_inline_values(tmp_path: Path) -> None:
    shop = (Path(__file__).resolve().parent.parent / "blueprints" / "shop.py").read_text(encoding="utf-8")
    make_project(
        tmp_path,
        TOML,
        {
            "dev": "blueprints:\n  shop:\n    releases:\n      jenkins:\n"
            "        values: {persistence: {size: 2Gi}}\n"
        },
        blueprint=shop,
    )
    project = hagen.load_project(tmp_path)
    (spec,) = build_target(project, "dev", blueprint_classes([tmp_path / "blueprints"])).specs
    values = hagen.synthesize(spec).values["jenkins"]
    assert values["persistence"] == {"storageClass": "gp3", "size": "2Gi"}


# Precedence, one layer at a time.


def test_precedence_replicas_blueprint_then_file(tmp_path: Path) -> None:
    make_project(tmp_path, "[targets.dev]\n")
    assert _build(tmp_path).tier("api").replicas == 1  # the blueprint's own default (no vars)
    make_project(tmp_path, TOML)
    assert _build(tmp_path).tier("api").replicas == 2  # the blueprint, deciding from its target
    make_project(tmp_path, TOML, {"dev": "blueprints:\n  web:\n    tiers:\n      api: {replicas: 5}\n"})
    assert _build(tmp_path).tier("api").replicas == 5  # the target file wins over the blueprint


def test_precedence_kube_version(tmp_path: Path) -> None:
    make_project(tmp_path, "[targets.dev]\n")
    project = hagen.load_project(tmp_path)
    assert kube_version(project, "dev") is None  # hagen's default
    make_project(tmp_path, 'kube_version = "1.31"\n[targets.dev]\n')
    assert kube_version(hagen.load_project(tmp_path), "dev") == "1.31"  # the project
    make_project(tmp_path, 'kube_version = "1.31"\n[targets.dev]\nkube_version = "1.32"\n')
    assert kube_version(hagen.load_project(tmp_path), "dev") == "1.32"  # the target entry
    make_project(
        tmp_path,
        'kube_version = "1.31"\n[targets.dev]\nkube_version = "1.32"\n',
        {"dev": "kube_version: '1.33'\n"},
    )
    assert kube_version(hagen.load_project(tmp_path), "dev") == "1.33"  # the target file


def test_precedence_cluster_profile(tmp_path: Path) -> None:
    shop = (Path(__file__).resolve().parent.parent / "blueprints" / "shop.py").read_text(encoding="utf-8")
    make_project(tmp_path, "[targets.dev]\n", blueprint=shop)

    def profile() -> tuple[int, int, str | None]:
        project = hagen.load_project(tmp_path)
        (spec,) = build_target(project, "dev", blueprint_classes([tmp_path / "blueprints"])).specs
        return len(spec.cluster.nodes), len(spec.cluster.zones()), spec.cluster.nodes[0].allocatable.memory

    assert profile() == (2, 2, "7Gi")  # the blueprint's own profile
    make_project(tmp_path, "[profile]\nnodes = 3\n[targets.dev]\n", blueprint=shop)
    assert profile() == (3, 2, "7Gi")  # the project's; unset fields come from the blueprint
    make_project(
        tmp_path, "[profile]\nnodes = 3\n[targets.dev.profile]\nnodes = 4\nzones = 4\n", blueprint=shop
    )
    assert profile() == (4, 4, "7Gi")  # the target entry
    make_project(
        tmp_path,
        "[profile]\nnodes = 3\n[targets.dev.profile]\nnodes = 4\nzones = 4\n",
        {"dev": "cluster: {nodes: 1, zones: 1, memory: 4Gi}\n"},
        blueprint=shop,
    )
    assert profile() == (1, 1, "4Gi")  # the target file
    (tmp_path / "targets" / "dev.yaml").write_text(
        "cluster: {nodes: 1, zones: 1}\nblueprints:\n  shop:\n    cluster: {nodes: 5, zones: 5}\n",
        encoding="utf-8",
    )
    assert profile() == (5, 5, "7Gi")  # the blueprint's entry in the target file


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(replicas=st.integers(min_value=0, max_value=50), cpu=st.sampled_from(["100m", "250m", "1", "2"]))
def test_any_valid_tier_override_reaches_the_manifest(tmp_path: Path, replicas: int, cpu: str) -> None:
    text = (
        f"blueprints:\n  web:\n    tiers:\n      api:\n        replicas: {replicas}\n"
        f"        resources: {{cpu: '{cpu}'}}\n"
    )
    make_project(tmp_path, TOML, {"dev": text})
    synthesis = hagen.synthesize(_build(tmp_path))
    (workload,) = [o for o in synthesis.objects if o["kind"] in ("StatefulSet", "Deployment")]
    assert workload["spec"]["replicas"] == replicas
    container = workload["spec"]["template"]["spec"]["containers"][0]
    assert yaml.safe_load(yaml.safe_dump(container["resources"]["requests"]["cpu"])) == cpu


APP = """
from hagen import Autoscale, Blueprint, Port, Tier

class App(Blueprint):
    name = "app"
    tiers = [
        Tier(name="worker", image="registry.example.com/shop/worker:1.0.0", replicas=3),
        Tier(name="api", image="registry.example.com/shop/api:1.0.0", ports=[Port(name="http", port=8080)],
             autoscale=Autoscale(min_replicas=2, max_replicas=4)),
    ]
"""


def _app_project(root: Path, overrides: str) -> None:
    (root / "blueprints").mkdir()
    (root / "blueprints" / "app.py").write_text(APP)
    (root / "targets").mkdir()
    (root / "targets" / "dev.yaml").write_text(overrides)
    (root / "hagen.toml").write_text('blueprints = ["blueprints"]\n[targets.dev]\n')


def test_an_override_judges_only_what_its_author_wrote(tmp_path: Path) -> None:
    # a tier without ports (expose left to its default) and an autoscaled one (replicas left to the HPA)
    _app_project(
        tmp_path,
        "blueprints:\n  app:\n    tiers:\n      worker:\n        env: {LOG_LEVEL: debug}\n"
        "      api:\n        image: registry.example.com/shop/api:2.0.0\n",
    )
    spec = {s.name: s for s in build_target(hagen.load_project(tmp_path), "dev").specs}["app"]
    assert spec.tier("worker").env == {"LOG_LEVEL": "debug"} and spec.tier("worker").replicas == 3
    assert spec.tier("api").image == "registry.example.com/shop/api:2.0.0"
    assert (
        "replicas" not in spec.tier("api").model_fields_set
        and "expose" not in spec.tier("worker").model_fields_set
    )
    proc = run_hagen("synth", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    api = yaml.safe_load((tmp_path / "out" / "dev" / "app" / "deployment-api.yaml").read_text())
    assert "replicas" not in api["spec"]  # the HorizontalPodAutoscaler owns it
    assert api["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.example.com/shop/api:2.0.0"


def test_an_override_that_writes_replicas_beside_autoscale_is_still_refused(tmp_path: Path) -> None:
    _app_project(tmp_path, "blueprints:\n  app:\n    tiers:\n      api:\n        replicas: 3\n")
    proc = run_hagen("synth", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == (
        "hagen synth: error: targets/dev.yaml:4: blueprints.app.tiers.api: Tier[api]: "
        "replicas=3 with autoscale: "
        "the HorizontalPodAutoscaler owns the replica count and every apply of a fixed `replicas` resets it; "
        "set autoscale.min_replicas instead\n"
    )

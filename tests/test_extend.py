"""Escape hatches: extra objects (dicts, typed models) and patches (RFC 6902, strategic merge) by identity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen import JsonPatch, StrategicMerge, merge_patch
from tests._service import objects_of, pod, write_blueprint
from tests.conftest import run_hagen

TIER = 'Tier(name="web", image="registry.example.com/app:1.0.0", ports=[Port(name="http", port=8080)])'


def _blueprint(tmp_path: Path, body: str) -> Path:
    return write_blueprint(tmp_path, f"class App(Blueprint):\n    tiers = [{TIER}]\n{body}")


class TypedModel:
    """What lightkube-models' objects offer: to_dict() in the API's camelCase form."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "apiVersion": "v1",
            "kind": "LimitRange",
            "metadata": {"name": "defaults"},
            "spec": {"limits": [{"type": "Container", "defaultRequest": {"cpu": "100m"}}]},
        }


def test_extra_objects_join_the_namespace_with_the_blueprints_labels(tmp_path: Path) -> None:
    spec = hagen.BlueprintSpec(
        name="app",
        namespace="app",
        objects=[
            TypedModel(),
            {
                "apiVersion": "scheduling.k8s.io/v1",
                "kind": "PriorityClass",
                "metadata": {"name": "high", "labels": {"team": "a"}},
                "value": 1000,
            },
        ],
    )
    objects = {hagen.object_id(o): o for o in hagen.synthesize(spec).objects}
    limits = objects["core.LimitRange.app.defaults"]
    assert limits["metadata"]["labels"]["app.kubernetes.io/instance"] == "app"
    priority = objects["scheduling.k8s.io.PriorityClass._.high"]  # cluster-scoped: no namespace
    assert "namespace" not in priority["metadata"] and priority["metadata"]["labels"]["team"] == "a"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ('{"kind": "ConfigMap", "metadata": {"name": "x"}}', "objects[0]: an object needs apiVersion, kind"),
        ('"not an object"', "objects[0]: expected a dict or a typed model with to_dict()"),
    ],
)
def test_malformed_extra_objects_refused(tmp_path: Path, item: str, expected: str) -> None:
    path = _blueprint(tmp_path, f"    objects = [{item}]\n")
    with pytest.raises(hagen.BlueprintError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        hagen.load_blueprints([path])


def test_json_patch_and_strategic_merge_apply_in_order(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path,
        """
    patches = [
        JsonPatch(api_version="apps/v1", kind="Deployment", name="web",
                  ops=[{"op": "replace", "path": "/spec/replicas", "value": 3},
                       {"op": "add", "path": "/spec/template/spec/priorityClassName", "value": "high"}]),
        StrategicMerge(patch={"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"template": {"spec": {"containers": [{"name": "web",
                "ports": [{"containerPort": 8080, "name": "web"}, {"containerPort": 9090, "name": "metrics"}],
                "env": [{"name": "MODE", "value": "fast"}],
                "volumeMounts": [{"mountPath": "/tmp", "$patch": "delete"}]}]}}}}),
    ]
""",
    )
    objects = objects_of(path)
    deployment = objects["apps.Deployment.app.web"]
    assert deployment["spec"]["replicas"] == 3
    spec = pod(objects, "web")["spec"]
    assert spec["priorityClassName"] == "high"
    (container,) = spec["containers"]
    assert container["image"] == "registry.example.com/app:1.0.0"  # merged, not replaced
    assert container["ports"] == [
        {"name": "web", "containerPort": 8080, "protocol": "TCP"},
        {"containerPort": 9090, "name": "metrics"},
    ]
    assert container["env"] == [{"name": "MODE", "value": "fast"}]
    assert "volumeMounts" in container and all(m["mountPath"] != "/tmp" for m in container["volumeMounts"])


def test_patch_that_addresses_nothing_names_it_and_the_closest(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path,
        '    patches = [JsonPatch(api_version="apps/v1", kind="Deployment", name="webb",\n'
        '                         ops=[{"op": "remove", "path": "/spec/replicas"}])]\n',
    )
    result = run_hagen("synth", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().endswith(
        "app.py: App: patches[0]: the patch addresses no object of this blueprint "
        "(got 'apps.Deployment.app.webb'); "
        "allowed: an object the blueprint generates; closest: apps.Deployment.app.web"
    )
    assert not (tmp_path / "out").exists()


def test_patch_that_does_not_apply_is_an_error(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path,
        '    patches = [JsonPatch(api_version="v1", kind="Service", name="web",\n'
        '                         ops=[{"op": "test", "path": "/spec/type", "value": "NodePort"}])]\n',
    )
    (spec,) = hagen.load_blueprints([path])
    with pytest.raises(hagen.BlueprintError, match=r"patches\[0\]: the JSON patch does not apply"):
        hagen.synthesize(spec)


def test_invalid_json_patch_refused_at_load() -> None:
    with pytest.raises(hagen.BlueprintError, match=r"^JsonPatch\.ops: not an RFC 6902 patch"):
        JsonPatch(api_version="v1", kind="Service", name="web", ops=[{"op": "frobnicate", "path": "/x"}])


def test_strategic_merge_patch_must_name_its_target() -> None:
    with pytest.raises(hagen.BlueprintError, match="names its target"):
        StrategicMerge(patch={"kind": "Deployment", "metadata": {"name": "web"}})


def test_patched_objects_are_validated_like_generated_ones(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path,
        '    patches = [JsonPatch(api_version="apps/v1", kind="Deployment", name="web",\n'
        '                         ops=[{"op": "add", "path": "/spec/replica", "value": 2}])]\n',
    )
    result = run_hagen("synth", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "replica" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_patched_objects_are_checked(tmp_path: Path) -> None:
    path = _blueprint(
        tmp_path,
        '    patches = [StrategicMerge(patch={"apiVersion": "apps/v1", "kind": "Deployment",\n'
        '        "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": [\n'
        '            {"name": "web", "env": [{"name": "DB_PASSWORD", "value": "x"}]}]}}}})]\n',
    )
    result = run_hagen("check", str(path), "--format", "json")
    assert result.returncode == 1
    assert '"secret.plaintext-env"' in result.stdout


@pytest.mark.parametrize(
    ("base", "patch", "expected"),
    [
        ({"a": {"b": 1, "c": 2}}, {"a": {"c": None}}, {"a": {"b": 1}}),
        ({"a": {"b": 1}}, {"a": {"$patch": "replace", "d": 2}}, {"a": {"d": 2}}),
        ({"a": {"b": 1}, "x": 1}, {"a": {"$patch": "delete"}}, {"x": 1}),
        ({"args": ["a", "b"]}, {"args": ["c"]}, {"args": ["c"]}),  # no merge key: replaced
        (
            {"volumes": [{"name": "a", "emptyDir": {}}]},
            {"volumes": [{"name": "b", "emptyDir": {}}]},
            {"volumes": [{"name": "a", "emptyDir": {}}, {"name": "b", "emptyDir": {}}]},
        ),
        (
            {"ports": [{"port": 80, "name": "a"}]},
            {"ports": [{"port": 80, "targetPort": 8080}]},
            {"ports": [{"port": 80, "name": "a", "targetPort": 8080}]},
        ),  # Service ports merge on port
    ],
)
def test_strategic_merge_semantics(
    base: dict[str, Any], patch: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert merge_patch(base, patch) == expected


def test_list_item_without_merge_key_is_an_error() -> None:
    with pytest.raises(hagen.BlueprintError, match="without its merge key 'name'"):
        merge_patch({"containers": [{"name": "a"}]}, {"containers": [{"image": "x:1"}]})


def test_lightkube_resources_are_extra_objects() -> None:
    pytest.importorskip("lightkube.resources.core_v1")
    from lightkube.models.meta_v1 import ObjectMeta
    from lightkube.resources.core_v1 import ServiceAccount

    spec = hagen.BlueprintSpec(
        name="app",
        namespace="app",
        objects=[ServiceAccount(metadata=ObjectMeta(name="reader"), automountServiceAccountToken=False)],
    )
    (obj,) = [o for o in hagen.synthesize(spec).objects if o["kind"] == "ServiceAccount"]
    assert obj["apiVersion"] == "v1" and obj["metadata"]["namespace"] == "app"
    assert obj["automountServiceAccountToken"] is False
    assert hagen.validate_objects([obj]).errors == ()


def test_a_patch_the_api_server_would_refuse_stops_synth(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        """
        class App(Blueprint):
            config_maps = [ConfigMap(name="c", data={"a": "1"})]
            tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                          files=[ConfigFiles(config_map="c", path="/etc/c")])]
            patches = [JsonPatch(api_version="apps/v1", kind="Deployment", name="web", ops=[
                {"op": "add", "path": "/spec/template/spec/volumes/1/configMap/items",
                 "value": [{"key": "a", "path": "../escape"}]}])]
        """,
    )
    result = run_hagen("synth", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "spec.template.spec.volumes[1].configMap.items[0].path" in result.stdout + result.stderr
    assert "must not contain '..'" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()

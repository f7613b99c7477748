"""Patches on the blueprint's own ConfigMaps keep the rollout promises: checksums are of the patched
content (synthesize, synthesize_each, synth to files and --stdout alike, and `hagen diff` sees a rollout),
and a patch on an immutable hash-named map's content is refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

import hagen
from tests._service import pod, write_blueprint
from tests.conftest import run_hagen

CHECKSUM = """
class App(Blueprint):
    config_maps = [ConfigMap(name="settings", data={{"MODE": "slow"}})]
    tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                  env_from=[EnvFrom(config_map="settings")]),
             Tier(name="worker", image="registry.example.com/app:1.0.0")]
    patches = [JsonPatch(api_version="v1", kind="ConfigMap", name="settings",
                         ops=[{{"op": "replace", "path": "/data/MODE", "value": "{mode}"}}]){extra}]
"""
# A patch that makes the worker use the map too: its pods must roll with it as well.
WORKER_USES_SETTINGS = """,
               StrategicMerge(patch={"apiVersion": "apps/v1", "kind": "Deployment",
                                     "metadata": {"name": "worker"},
                                     "spec": {"template": {"spec": {"containers": [{
                                         "name": "worker",
                                         "envFrom": [{"configMapRef": {"name": "settings"}}]}]}}}})"""
IMMUTABLE = """
class App(Blueprint):
    config_maps = [ConfigMap(name="nginx", data={"a.conf": "x"}, rollout="immutable")]
    tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                  files=[ConfigFiles(config_map="nginx", path="/etc/nginx/conf.d")])]
    patches = [JsonPatch(api_version="apps/v1", kind="Deployment", name="web",
                         ops=[{"op": "add", "path": "/spec/revisionHistoryLimit", "value": 3}]),
               JsonPatch(api_version="v1", kind="ConfigMap", name="nginx-ddmfk7gbcd", ops=[%s])]
"""
FAST = "cbf5f8b80abe78ab99c50fca38964ef2972c32eaf698a2c0c79e331e754652c0"
TURBO = "855a78a88ed1b89f70cc632999b606ce5a1ddd188325aa4e0593c643ec814136"


def _sha(data: dict[str, str]) -> str:
    """The checksum as hagen takes it: sha256 of kind, declared name, data and binaryData as sorted JSON."""
    payload = {"kind": "ConfigMap", "name": "settings", "data": data, "binaryData": {}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _spec(tmp_path: Path, mode: str, extra: str = "") -> hagen.BlueprintSpec:
    (spec,) = hagen.load_blueprints([write_blueprint(tmp_path, CHECKSUM.format(mode=mode, extra=extra))])
    return spec


def test_the_checksum_is_the_hash_of_the_patched_data(tmp_path: Path) -> None:
    objects = {hagen.object_id(o): o for o in hagen.synthesize(_spec(tmp_path, "fast")).objects}
    assert objects["core.ConfigMap.app.settings"]["data"] == {"MODE": "fast"}
    annotations = pod(objects, "web")["metadata"]["annotations"]
    assert annotations == {"checksum/config-settings": FAST}
    assert (
        FAST
        == _sha({"MODE": "fast"})
        == hagen.ConfigMap(name="settings", data={"MODE": "fast"}).content_hash()
    )
    assert _sha({"MODE": "slow"}) != FAST
    assert "annotations" not in pod(objects, "worker")["metadata"]  # it does not use the map


def test_a_reference_a_patch_adds_is_annotated_with_the_patched_hash(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "turbo", WORKER_USES_SETTINGS)
    objects = {hagen.object_id(o): o for o in hagen.synthesize(spec).objects}
    assert pod(objects, "worker")["metadata"]["annotations"] == {"checksum/config-settings": TURBO}
    assert pod(objects, "web")["metadata"]["annotations"] == {"checksum/config-settings": TURBO}
    assert _sha({"MODE": "turbo"}) == TURBO


def test_synthesize_each_files_and_stdout_carry_the_same_checksum(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "fast")
    whole = hagen.synthesize(spec).objects
    assert hagen.synthesize_each(spec, lambda obj: obj) == whole
    written = run_hagen("synth", "app.py", "-o", "out", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    on_disk = yaml.safe_load((tmp_path / "out" / "app" / "deployment-web.yaml").read_text())
    assert on_disk["spec"]["template"]["metadata"]["annotations"] == {"checksum/config-settings": FAST}
    printed = run_hagen("synth", "app.py", "--stdout", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    (deployment,) = [
        d
        for d in yaml.safe_load_all(printed.stdout)
        if d["kind"] == "Deployment" and d["metadata"]["name"] == "web"
    ]
    assert deployment == on_disk


def test_diff_between_two_patch_values_rolls_the_deployment(tmp_path: Path) -> None:
    for mode in ("fast", "turbo"):
        write_blueprint(tmp_path / mode, CHECKSUM.format(mode=mode, extra=""))
        result = run_hagen("synth", "app.py", "-o", "out", cwd=tmp_path / mode)
        assert result.returncode == 0, result.stderr
    diff = run_hagen("diff", "fast/out", "turbo/out", cwd=tmp_path)
    assert diff.returncode == 1  # drift
    assert diff.stdout == (
        "hagen diff: fast/out/ -> turbo/out/\n"
        "~ core.ConfigMap.app.settings  (app/configmap-settings.yaml)\n"
        "    verdict: in place\n"
        "    data.MODE: fast -> turbo\n"
        "~ apps.Deployment.app.web  (app/deployment-web.yaml)\n"
        "    verdict: rollout\n"
        "      pods restart: Deployment/app/web\n"
        f"    spec.template.metadata.annotations['checksum/config-settings']: {FAST} -> {TURBO}\n"
        "drift: 2 changed; verdicts: 1 rollout, 1 in place\n"
    )


def test_a_patch_on_an_immutable_maps_data_is_refused_and_nothing_written(tmp_path: Path) -> None:
    op = '{"op": "replace", "path": "/data/a.conf", "value": "y"}'
    path = write_blueprint(tmp_path, IMMUTABLE % op)
    expected = (
        "hagen synth: error: app.py: App: patches[1]: the patch changes data of ConfigMap "
        "'nginx-ddmfk7gbcd', which is immutable and named after the hash of the content ConfigMap 'nginx' "
        "declares: the name would no longer match the content, and the API server refuses to change an "
        "immutable ConfigMap (got 'core.ConfigMap.app.nginx-ddmfk7gbcd'); allowed: change ConfigMap "
        "'nginx' in config_maps instead (new content, new name, every reference follows; "
        "rollout='checksum' for a map changed in place); a patch may change its labels and annotations\n"
    )
    for args in (("-o", "out"), ("--stdout",)):
        result = run_hagen("synth", "app.py", *args, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]
    (spec,) = hagen.load_blueprints([path])
    for synth in (hagen.synthesize, lambda s: hagen.synthesize_each(s, hagen.object_id)):
        with pytest.raises(hagen.BlueprintError) as info:
            synth(spec)
        assert (info.value.field, info.value.value) == ("patches[1]", "core.ConfigMap.app.nginx-ddmfk7gbcd")
        assert f"hagen synth: error: {info.value}\n" == expected.replace("app.py", str(path), 1)


def test_binary_data_added_by_a_patch_is_named_too(tmp_path: Path) -> None:
    op = '{"op": "add", "path": "/binaryData", "value": {"b.bin": "/w=="}}'
    (spec,) = hagen.load_blueprints([write_blueprint(tmp_path, IMMUTABLE % op)])
    with pytest.raises(hagen.BlueprintError) as info:
        hagen.synthesize(spec)
    assert info.value.reason.startswith("the patch changes binaryData of ConfigMap 'nginx-ddmfk7gbcd', ")


def test_a_patch_on_an_immutable_maps_labels_is_accepted(tmp_path: Path) -> None:
    op = '{"op": "add", "path": "/metadata/labels/team", "value": "web"}'
    (spec,) = hagen.load_blueprints([write_blueprint(tmp_path, IMMUTABLE % op)])
    objects = {hagen.object_id(o): o for o in hagen.synthesize(spec).objects}
    config = objects["core.ConfigMap.app.nginx-ddmfk7gbcd"]
    assert (config["metadata"]["labels"]["team"], config["data"], config["immutable"]) == (
        "web",
        {"a.conf": "x"},
        True,
    )
    volume = next(v for v in pod(objects, "web")["spec"]["volumes"] if "configMap" in v)
    assert volume["configMap"]["name"] == "nginx-ddmfk7gbcd"
    assert objects["apps.Deployment.app.web"]["spec"]["revisionHistoryLimit"] == 3


@pytest.mark.parametrize(
    ("op", "changed"),
    [
        ('{"op": "remove", "path": "/immutable"}', "immutable"),
        ('{"op": "replace", "path": "/immutable", "value": False}', "immutable"),
        (
            '{"op": "replace", "path": "/data/a.conf", "value": "y"}, {"op": "remove", "path": "/immutable"}',
            "data and immutable",
        ),
    ],
)
def test_a_patch_on_an_immutable_maps_immutable_field_is_refused(
    tmp_path: Path, op: str, changed: str
) -> None:
    # Once true, `immutable` cannot be unset on the server (ValidateConfigMapUpdate), and a mutable map
    # under a content-hash name breaks the promise that a new content is a new object.
    (spec,) = hagen.load_blueprints([write_blueprint(tmp_path, IMMUTABLE % op)])
    with pytest.raises(hagen.BlueprintError) as info:
        hagen.synthesize(spec)
    assert (info.value.field, info.value.value) == ("patches[1]", "core.ConfigMap.app.nginx-ddmfk7gbcd")
    assert info.value.reason.startswith(
        f"the patch changes {changed} of ConfigMap 'nginx-ddmfk7gbcd', which is immutable and named "
    )


RENAME = """
class App(Blueprint):
    config_maps = [ConfigMap(name="nginx", data={"a.conf": "x"}, rollout="%s")]
    tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                  files=[ConfigFiles(config_map="nginx", path="/etc/nginx/conf.d")])]
    patches = [JsonPatch(api_version="v1", kind="ConfigMap", name="%s", ops=[%s])]
"""


@pytest.mark.parametrize(
    ("rollout", "name", "op", "moved"),
    [
        (
            "immutable",
            "nginx-ddmfk7gbcd",
            '{"op": "replace", "path": "/metadata/name", "value": "nginx"}',
            "metadata.name",
        ),
        (
            "checksum",
            "nginx",
            '{"op": "replace", "path": "/metadata/name", "value": "nginx-v2"}',
            "metadata.name",
        ),
        (
            "checksum",
            "nginx",
            '{"op": "replace", "path": "/metadata/namespace", "value": "other"}',
            "metadata.namespace",
        ),
    ],
)
def test_a_patch_that_renames_a_declared_map_is_refused_and_nothing_written(
    tmp_path: Path, rollout: str, name: str, op: str, moved: str
) -> None:
    # The pods refer to the map by the name config_maps gives it: renamed by a patch, they would refer to
    # no object (CreateContainerConfigError) and a checksum map's pods would no longer roll with it.
    write_blueprint(tmp_path, RENAME % (rollout, name, op))
    expected = (
        f"hagen synth: error: app.py: App: patches[0]: the patch changes {moved} of ConfigMap {name!r}, "
        "which the blueprint's pods refer to as declared in config_maps: they would refer to no object "
        f"(got 'core.ConfigMap.app.{name}'); allowed: rename ConfigMap 'nginx' in config_maps instead "
        "(every reference follows)\n"
    )
    for args in (("-o", "out"), ("--stdout",)):
        result = run_hagen("synth", "app.py", *args, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]


def test_a_patch_on_a_checksum_maps_data_still_rolls_and_its_labels_may_change(tmp_path: Path) -> None:
    op = '{"op": "add", "path": "/metadata/labels/team", "value": "web"}'
    (spec,) = hagen.load_blueprints([write_blueprint(tmp_path, RENAME % ("checksum", "nginx", op))])
    objects = {hagen.object_id(o): o for o in hagen.synthesize(spec).objects}
    assert objects["core.ConfigMap.app.nginx"]["metadata"]["labels"]["team"] == "web"

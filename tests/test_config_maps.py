"""ConfigMaps: from dicts and files, mounted or as env, checksum or immutable hashed names; refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from hagen import ConfigMap
from tests._service import objects_of, pod, write_blueprint
from tests.conftest import run_hagen

TWO_MAPS = """
class App(Blueprint):
    config_maps = [
        ConfigMap(name="settings", data={{"LOG_LEVEL": "info"}}),
        ConfigMap.from_files("files", "conf", rollout="{rollout}"),
    ]
    tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                  env={{"LOG_LEVEL": ConfigMapKeyRef(name="settings", key="LOG_LEVEL")}},
                  env_from=[EnvFrom(config_map="files", prefix="CONF_")],
                  files=[ConfigFiles(config_map="files", path="/etc/app", items={{"app.conf": "app.conf"}},
                                     default_mode=0o440)])]
"""


def _project(tmp_path: Path, rollout: str, text: str = "a = 1\n") -> Path:
    (tmp_path / "conf").mkdir(parents=True, exist_ok=True)
    (tmp_path / "conf" / "app.conf").write_text(text)
    (tmp_path / "conf" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")
    return write_blueprint(tmp_path, TWO_MAPS.format(rollout=rollout))


def test_files_beside_the_blueprint_text_to_data_binary_to_binary_data(tmp_path: Path) -> None:
    objects = objects_of(_project(tmp_path, "checksum"))
    files = objects["core.ConfigMap.app.files"]
    assert files["data"] == {"app.conf": "a = 1\n"}
    assert files["binaryData"] == {"logo.png": "iVBORw0KGgr/AA=="}
    assert "immutable" not in files


def test_checksum_annotations_roll_pods_when_content_changes(tmp_path: Path) -> None:
    before = pod(objects_of(_project(tmp_path, "checksum")), "web")["metadata"]["annotations"]
    assert sorted(before) == ["checksum/config-files", "checksum/config-settings"]
    after = pod(objects_of(_project(tmp_path / "b", "checksum", "a = 2\n")), "web")["metadata"]["annotations"]
    assert after["checksum/config-files"] != before["checksum/config-files"]
    assert after["checksum/config-settings"] == before["checksum/config-settings"]


def test_immutable_map_has_hashed_name_and_every_reference_follows(tmp_path: Path) -> None:
    objects = objects_of(_project(tmp_path, "immutable"))
    (name,) = [o["metadata"]["name"] for o in objects.values() if o["metadata"]["name"].startswith("files-")]
    assert len(name) == len("files-") + 10 and set(name[6:]) <= set("2456789bcdfghkmt")
    assert objects[f"core.ConfigMap.app.{name}"]["immutable"] is True
    template = pod(objects, "web")
    container = template["spec"]["containers"][0]
    assert container["envFrom"] == [{"configMapRef": {"name": name}, "prefix": "CONF_"}]
    volume = next(v for v in template["spec"]["volumes"] if "configMap" in v)
    assert volume["configMap"] == {
        "name": name,
        "items": [{"key": "app.conf", "path": "app.conf"}],
        "defaultMode": 0o440,
    }
    assert {"name": "config-files", "mountPath": "/etc/app", "readOnly": True} in container["volumeMounts"]
    assert list(template["metadata"]["annotations"]) == ["checksum/config-settings"]  # only the mutable one
    other = objects_of(_project(tmp_path / "b", "immutable", "a = 2\n"))
    assert f"core.ConfigMap.app.{name}" not in other  # new content, new name


def test_over_one_mebibyte_refused_at_load_with_file_size_and_limit(tmp_path: Path) -> None:
    (tmp_path / "big.bin").write_bytes(b"\xff" * (1024 * 1024 + 1))
    path = write_blueprint(
        tmp_path, 'class App(Blueprint):\n    config_maps = [ConfigMap.from_files("big", "big.bin")]\n'
    )
    result = run_hagen("synth", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    message = result.stderr.strip()
    for part in (
        "app.py:5",
        "App",
        "ConfigMap 'big': data",
        "1048577 bytes",
        "big.bin",
        "1048576 bytes (1 MiB)",
    ):
        assert part in message, message
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"name": "m", "data": {"a/b": "x"}}, "key 'a/b'"),
        ({"name": "m", "data": {"..": "x"}}, "'..'"),
        ({"name": "m", "data": {"k": "x"}, "binary_data": {"k": b"x"}}, "key 'k' is in both"),
        ({"name": "M", "data": {}}, "DNS-1123 subdomain"),
        ({"name": "m" * 250, "rollout": "immutable"}, "hash suffix"),
    ],
)
def test_the_api_servers_refusals(kwargs: dict[str, object], expected: str) -> None:
    with pytest.raises(hagen.BlueprintError) as info:
        ConfigMap(**kwargs)  # type: ignore[arg-type]
    assert expected in str(info.value)


def test_missing_file_names_the_map_and_the_path(tmp_path: Path) -> None:
    with pytest.raises(hagen.BlueprintError) as info:
        ConfigMap.from_files("m", "nope.conf", base=tmp_path)
    assert "ConfigMap 'm': files" in str(info.value) and "nope.conf" in str(info.value)


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        ('env={"X": ConfigMapKeyRef(name="settings", key="NOPE")}', "has no key 'NOPE' (keys: LOG_LEVEL)"),
        (
            'files=[ConfigFiles(config_map="settings", path="/etc/a", items={"NOPE": "x"})]',
            "has no key 'NOPE'",
        ),
        ('files=[ConfigFiles(config_map="settings", path="/etc/a", items={"LOG_LEVEL": "../x"})]', "'..'"),
        ('files=[ConfigFiles(config_map="settings", path="/etc/a", default_mode=0o1777)]', "0777"),
        ('files=[ConfigFiles(config_map="settings", path="/tmp")]', "two mounts share a path"),
        ('files=[ConfigFiles(config_map="settings", path="etc")]', "not an absolute path"),
        ('env_from=[EnvFrom(config_map="settings", secret="s")]', "exactly one of config_map, secret"),
        ('env_from=[EnvFrom(config_map="settings", prefix="A=")]', "is not an environment variable name"),
    ],
)
def test_tier_references_refused_at_load(tmp_path: Path, tier: str, expected: str) -> None:
    path = write_blueprint(
        tmp_path,
        f"""
        class App(Blueprint):
            config_maps = [ConfigMap(name="settings", data={{"LOG_LEVEL": "info"}})]
            tiers = [Tier(name="web", image="registry.example.com/app:1.0.0", {tier})]
        """,
    )
    with pytest.raises(hagen.BlueprintError) as info:
        hagen.load_blueprints([path])
    assert expected in str(info.value)
    assert "app.py" in str(info.value)


def test_existing_config_map_reference_is_not_checked_or_renamed(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                          env={"A": ConfigMapKeyRef(name="shared", key="any")})]
        """,
    )
    template = pod(objects_of(path), "web")
    assert template["spec"]["containers"][0]["env"][0]["valueFrom"]["configMapKeyRef"]["name"] == "shared"
    assert "annotations" not in template["metadata"]

"""`hagen validate` reads YAML: a blueprint given to it (a .py file, a folder `hagen check` takes as
blueprints) is refused in one line naming the commands that take one, exit 2, as the API raises it."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from tests.conftest import run_hagen

APP = """
from hagen import Blueprint, Port, Tier


class App(Blueprint):
    name = "app"
    namespace = "app"
    tiers = [Tier(name="api", image="registry.example.com/api:{version}", replicas=2,
                  ports=[Port(name="http", port=80{version[0]}0)])]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """blueprints/app.py."""
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "app.py").write_text(APP.format(version="1.0.0"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


BLUEPRINT_REFUSED = (
    "{path}: a blueprint, not YAML; hagen validate reads manifests (.yaml, .yml): `hagen synth --stdout "
    "{path}` validates the objects it makes, `hagen check {path}` reports them as schema.invalid"
)


def test_validate_refuses_a_blueprint_file_with_one_line(project: Path) -> None:
    result = run_hagen("validate", "blueprints/app.py", "--format", "json", cwd=project)
    expected = BLUEPRINT_REFUSED.format(path="blueprints/app.py")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"hagen validate: error: {expected}\n",
    )
    with pytest.raises(hagen.InputError) as caught:  # the API says the same
        hagen.validate_paths("blueprints/app.py")
    assert str(caught.value) == expected


def test_validate_refuses_a_folder_of_blueprints_as_check_splits_paths(project: Path) -> None:
    result = run_hagen("validate", "blueprints", cwd=project)
    expected = BLUEPRINT_REFUSED.format(path="blueprints").replace("a blueprint,", "a folder of blueprints,")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"hagen validate: error: {expected}\n",
    )
    # YAML beside the blueprints (a values file, a chart copy) is their input: still a folder of blueprints,
    # as every command splits PATHs (`hagen.split_paths`); a manifests folder of its own validates.
    (project / "blueprints" / "cm.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    mixed = run_hagen("validate", "blueprints", cwd=project)
    assert (mixed.returncode, mixed.stderr) == (2, f"hagen validate: error: {expected}\n")
    (project / "manifests").mkdir()
    (project / "blueprints" / "cm.yaml").rename(project / "manifests" / "cm.yaml")
    alone = run_hagen("validate", "manifests", cwd=project)
    assert (alone.returncode, alone.stdout) == (
        0,
        "1 object validated against Kubernetes 1.35: 0 errors in 0 objects, 0 not validated\n",
    )

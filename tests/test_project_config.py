"""The project configuration: hagen.toml, [tool.hagen], defaults, and the errors a user meets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hagen
from hagen._errors import InputError
from hagen._project import find_project
from hagen._project._config import parse_project


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_configuration_gives_the_defaults(tmp_path: Path) -> None:
    project = hagen.load_project(tmp_path)
    assert project.blueprints == ("blueprints",)
    assert project.out == "out"
    assert project.targets == {}
    assert project.gitops is None
    assert project.kube_version is None


def test_hagen_toml_is_read(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "hagen.toml",
        'blueprints = ["src/bp"]\nout = "build"\nkube_version = "1.33"\n'
        '[targets.prod]\ncluster = "eu-1"\nvars = { domain = "example.com" }\n'
        "[targets.prod.profile]\nnodes = 3\nzones = 3\n",
    )
    project = hagen.load_project(tmp_path)
    assert project.blueprints == ("src/bp",)
    assert project.out == "build"
    assert project.kube_version == "1.33"
    target = project.target("prod")
    assert (target.name, target.cluster, target.var("domain")) == ("prod", "eu-1", "example.com")
    assert project.targets["prod"].profile is not None and project.targets["prod"].profile.nodes == 3


def test_tool_hagen_in_pyproject_is_read(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n[tool.hagen]\nout = "manifests"\n[tool.hagen.targets.dev]\n',
    )
    project = hagen.load_project(tmp_path)
    assert project.out == "manifests"
    assert list(project.targets) == ["dev"]


def test_hagen_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[tool.hagen]\nout = "from-pyproject"\n')
    _write(tmp_path, "hagen.toml", 'out = "from-hagen-toml"\n')
    assert hagen.load_project(tmp_path).out == "from-hagen-toml"


def test_pyproject_without_tool_hagen_is_not_a_project(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert find_project(tmp_path) is None


def test_find_project_walks_up(tmp_path: Path) -> None:
    config = _write(tmp_path, "hagen.toml", "[targets.dev]\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_project(deep) == config.resolve()
    assert list(hagen.load_project(deep).targets) == ["dev"]


def test_unknown_key_names_file_line_and_allowed_keys(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", 'out = "out"\n\n[targets.dev]\ncluster = "c"\nreplicas = 2\n')
    with pytest.raises(InputError) as err:
        hagen.load_project(tmp_path)
    message = str(err.value)
    assert "hagen.toml:5: targets.dev.replicas: unknown key 'replicas'" in message
    allowed = "cluster, description, hydrate, kube_version, overrides, profile, region, vars"
    assert f"allowed keys: {allowed}" in message


def test_unknown_top_level_key_lists_the_project_keys(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", 'blueprint = ["bp"]\n')
    with pytest.raises(InputError, match=r"hagen.toml:1: blueprint: unknown key") as err:
        hagen.load_project(tmp_path)
    assert "allowed keys: blueprints, diff, gitops, kube_version, out, profile, targets" in str(err.value)


def test_unknown_key_in_pyproject_counts_lines_of_the_whole_file(tmp_path: Path) -> None:
    _write(
        tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.hagen.targets.dev.profile]\nnodez = 1\n'
    )
    with pytest.raises(InputError, match=r"pyproject.toml:5: targets.dev.profile.nodez: unknown key") as err:
        hagen.load_project(tmp_path)
    assert "allowed keys: cpu, file, memory, nodes, zones" in str(err.value)


def test_wrong_type_names_the_value(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", '[targets.dev.profile]\nnodes = "three"\n')
    with pytest.raises(InputError, match=r"hagen.toml:2: targets.dev.profile.nodes: .*integer.*'three'"):
        hagen.load_project(tmp_path)


def test_profile_file_and_shorthand_are_exclusive(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", '[targets.dev.profile]\nnodes = 1\nfile = "c.yaml"\n')
    with pytest.raises(InputError, match="either file or the nodes/zones/cpu/memory shorthand"):
        hagen.load_project(tmp_path)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("Prod", "target name 'Prod'"), ("gitops", "reserved"), ("a_b", "target name 'a_b'")],
)
def test_bad_target_names(tmp_path: Path, name: str, reason: str) -> None:
    _write(tmp_path, "hagen.toml", f'[targets."{name}"]\n')
    with pytest.raises(InputError, match=reason):
        hagen.load_project(tmp_path)


def test_gitops_needs_targets(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", '[gitops.argocd]\nrepo_url = "https://git.example.com/x.git"\n')
    with pytest.raises(InputError, match="declare \\[targets\\] first"):
        hagen.load_project(tmp_path)


def test_invalid_toml_is_an_input_error(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", "[targets.dev\n")
    with pytest.raises(InputError, match=r"hagen\.toml: not valid TOML"):
        hagen.load_project(tmp_path)


def test_select_checks_target_names(tmp_path: Path) -> None:
    _write(tmp_path, "hagen.toml", "[targets.prod]\n[targets.dev]\n")
    project = hagen.load_project(tmp_path)
    assert project.select(None) == ["dev", "prod"]  # name order, whatever the file order
    assert project.select(["prod", "prod"]) == ["prod"]
    with pytest.raises(InputError, match=r"--target 'stage': no such target .*targets: dev, prod"):
        project.select(["stage"])


def test_configuration_is_frozen(tmp_path: Path) -> None:
    project = hagen.load_project(tmp_path)
    with pytest.raises(Exception, match="frozen"):
        project.out = "x"  # type: ignore[misc]


_NAMES = st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True).filter(lambda n: n != "gitops")


@given(st.lists(_NAMES, min_size=1, max_size=6, unique=True))
def test_targets_come_back_in_name_order_whatever_the_file_order(names: list[str]) -> None:
    text = "".join(f'[targets.{n}]\ncluster = "{n}-cluster"\n' for n in names)
    project = parse_project(text, "hagen.toml", Path("."))
    assert list(project.targets) == sorted(names)
    assert all(project.target(n).cluster == f"{n}-cluster" for n in names)

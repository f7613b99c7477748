"""Errors raised after a blueprint loads (Helm values files, chart copies, hydration, patches, rendering to
YAML, GitOps output) name the blueprint file and class as the DSL's field errors do: one line, exit 2, no
traceback, nothing written; `hagen.synth` raises the same exception with the message the CLI prints."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from tests.conftest import require_helm_engine, run_hagen

TOML = 'blueprints = ["blueprints"]\nout = "out"\n'
HELM = "from hagen import Blueprint, Chart, HelmRelease\n"
TIER = "from hagen import Blueprint, Tier\n"
WEB = '    tiers = [Tier(name="web", image="nginx:1.27")]\n'

RENDERING = (("synth",), ("synth", "--stdout"), ("diff",))
"""The commands that render the objects to YAML (check, place and report take the objects as data)."""
EVERY = (*RENDERING, ("check",), ("place", "--nodes", "1"), ("report", "-o", "report"))
"""Every command that synthesizes: an error of synthesis stops each of them alike."""


def _engine() -> None:
    require_helm_engine()


def _project(tmp: Path, body: str, files: dict[str, str] | None = None, toml: str = TOML) -> Path:
    (tmp / "blueprints").mkdir()
    (tmp / "hagen.toml").write_text(toml)
    (tmp / "blueprints" / "app.py").write_text(body)
    for rel, text in (files or {}).items():
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp


def _refused(
    project: Path,
    expected: str,
    exc_type: type[hagen.HagenError],
    commands: tuple[tuple[str, ...], ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each command prints `expected` as its one error line and exits 2, writing nothing; `hagen.synth()`
    raises `exc_type` with that very message."""
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    for command in commands:
        result = run_hagen(*command, cwd=project)
        assert (result.returncode, result.stdout) == (2, ""), (command, result.stderr)
        assert result.stderr == f"hagen {command[0]}: error: {expected}\n", command
    monkeypatch.chdir(project)
    with pytest.raises(hagen.HagenError) as caught:
        hagen.synth()
    assert type(caught.value) is exc_type
    assert str(caught.value) == expected
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def _release(name: str = "demo") -> str:
    return (
        f'HelmRelease(name="{name}", namespace="web", chart=Chart(name="tiny", '
        'repository="https://charts.example.org"), version="0.1.0", hydrate=True, '
        'chart_path="../charts/tiny")'
    )


def _chart(template: str, version: str = "0.1.0") -> dict[str, str]:
    """A chart copy beside blueprints/ (tests/test_input_paths.py has one inside it)."""
    return {
        "charts/tiny/Chart.yaml": f"apiVersion: v2\nname: tiny\nversion: {version}\n",
        "charts/tiny/templates/objects.yaml": template,
    }


HYDRATED = HELM + f"class App(Blueprint):\n    releases = [{_release()}]\n"
VALUES_FILE = HELM + (
    "class App(Blueprint):\n"
    '    releases = [HelmRelease(name="demo", namespace="web", chart=Chart(name="tiny", '
    'repository="https://charts.example.org"), version="0.1.0", values_files=["v.yaml"])]\n'
)
RENDER_ERROR = (
    'tiny/templates/objects.yaml:3:18\n  executing "tiny/templates/objects.yaml" at <.Values.missing.deep>:\n'
    "    nil pointer evaluating interface {}.deep"
)
SHARED = (
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n---\n"
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x-a\n"
)
ALIASED = "".join(
    f'        HelmRelease(name="{name}", namespace="web", chart=Chart(name="tiny", '
    f'repository="https://{host}.example.org", alias="r"), version="0.1.0"),\n'
    for name, host in (("a", "one"), ("b", "two"))
)


def _extra(objects: str) -> str:
    return TIER + "class App(Blueprint):\n" + WEB + f"    objects = [{objects}]\n"


Case = tuple[str, dict[str, str], str, type[hagen.HagenError], tuple[tuple[str, ...], ...], bool]
# name: (blueprint, other files, the line after "hagen CMD: error: ", class, commands, needs Helm's engine)
CASES: dict[str, Case] = {
    "chart-does-not-render": (
        HYDRATED,
        _chart("kind: ConfigMap\nmetadata:\n  name: {{ .Values.missing.deep }}\n"),
        "blueprints/app.py: App: release demo: chart blueprints/../charts/tiny does not render: "
        + RENDER_ERROR,
        hagen.ChartError,
        EVERY,
        True,
    ),
    "chart-renders-broken-yaml": (
        HYDRATED,
        _chart("kind: ConfigMap\nmetadata: [unclosed\n"),
        "blueprints/app.py: App: release demo: blueprints/../charts/tiny: tiny/templates/objects.yaml:3:1: "
        "not "
        "valid YAML: did not find expected ',' or ']'",
        hagen.ChartError,
        EVERY,
        True,
    ),
    "rendered-objects-share-a-file": (
        HYDRATED,
        _chart(SHARED),
        "blueprints/app.py: App: release demo: two rendered objects would share "
        "app/helm/demo/configmap-x-a.yaml",
        hagen.ChartError,
        EVERY,
        True,
    ),
    "chart-copy-of-another-version": (
        HYDRATED,
        _chart("", version="0.2.0"),
        "blueprints/app.py: App: blueprints/../charts/tiny: the chart copy is tiny 0.2.0, but the release "
        "pins "
        "tiny 0.1.0; fetch the pinned one with `helm pull REPO/tiny --version 0.1.0`",
        hagen.ChartError,
        EVERY,
        False,
    ),
    "release-declared-twice": (
        HELM + f"class App(Blueprint):\n    releases = [{_release()}, {_release()}]\n",
        _chart(""),
        "blueprints/app.py: App: release demo is declared twice; each needs its own name",
        hagen.ChartError,
        EVERY,
        False,
    ),
    "repository-alias-for-two-urls": (
        HELM + "class App(Blueprint):\n    releases = [\n" + ALIASED + "    ]\n",
        {},
        "blueprints/app.py: App: release b: repository alias 'r' names both https://one.example.org and "
        "https://two.example.org; give one of the charts another alias (Chart(alias=...))",
        hagen.ChartError,
        EVERY,  # was refused by `synth` to files and `diff` alone
        False,
    ),
    "values-file-missing": (
        VALUES_FILE,
        {},
        "blueprints/app.py: App: releases[demo].values_files[0]: no such values file blueprints/v.yaml (got "
        "'v.yaml'); allowed: a file's path relative to the blueprint's folder (or absolute)",
        hagen.BlueprintError,
        EVERY,
        False,
    ),
    "values-file-not-yaml": (
        VALUES_FILE,
        {"blueprints/v.yaml": "a: [unclosed\n"},
        "blueprints/app.py: App: releases[demo].values_files[0]: blueprints/v.yaml:2:1: not valid YAML: did "
        "not "
        "find expected ',' or ']' (got 'v.yaml'); allowed: a single YAML document whose top level is a "
        "mapping",
        hagen.BlueprintError,
        EVERY,  # place read the blueprints folder, which holds v.yaml, as manifests
        False,
    ),
    "values-file-not-a-mapping": (
        VALUES_FILE,
        {"blueprints/v.yaml": "- a\n"},
        "blueprints/app.py: App: releases[demo].values_files[0]: blueprints/v.yaml: a values file must hold "
        "one "
        "YAML mapping (got 'v.yaml'); allowed: a single YAML document whose top level is a mapping",
        hagen.BlueprintError,
        EVERY,  # place read the blueprints folder, which holds v.yaml, as manifests
        False,
    ),
    "lone-surrogate-in-an-object": (  # was exit 3: the API server's size rule crashed on it
        _extra(
            '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "x\\ud800"}}'
        ),
        {},
        "blueprints/app.py: App: cannot write data.a as YAML: 'x\\ud800' holds a lone surrogate (\\ud800), "
        "not "
        "valid UTF-8: libyaml and go-yaml stop at it",
        hagen.InputError,
        EVERY,  # check, place and report took it: refused where the synthesis is made
        False,
    ),
    "nan-in-an-object": (
        _extra(
            '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "annotations": {"a": 1e999 '
            "- 1e999}}}"
        ),
        {},
        "blueprints/app.py: App: cannot write metadata.annotations.a as YAML: nan is not a finite number; "
        "Kubernetes objects are JSON, which has no NaN or Infinity",
        hagen.InputError,
        EVERY,  # check, place and report took it: refused where the synthesis is made
        False,
    ),
    "lone-surrogate-in-an-env-value": (
        TIER + "class App(Blueprint):\n"
        '    tiers = [Tier(name="web", image="nginx:1.27", env={"MODE": "a\\ud800"})]\n',
        {},
        "blueprints/app.py: App: cannot write spec.template.spec.containers[0].env[0].value as YAML: "
        "'a\\ud800' holds a lone surrogate (\\ud800), not valid UTF-8: libyaml and go-yaml stop at it",
        hagen.InputError,
        EVERY,
        False,
    ),
    "infinity-in-helm-values": (  # `synth --stdout`, which prints no values file, took it too
        HELM
        + "class App(Blueprint):\n"
        + '    releases = [HelmRelease(name="demo", namespace="web", chart=Chart(name="tiny", '
        + 'repository="https://charts.example.org"), version="0.1.0", values={"ratio": -1e999})]\n',
        {},
        "blueprints/app.py: App: cannot write ratio as YAML: -inf is not a finite number; Kubernetes objects "
        "are JSON, which has no NaN or Infinity",
        hagen.InputError,
        EVERY,
        False,
    ),
    "integer-beyond-int64-in-an-object": (
        _extra(
            '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {}, "n": 2**64}'
        ),
        {},
        "blueprints/app.py: App: cannot write n as YAML: 18446744073709551616 is beyond 64 bits; Kubernetes "
        "numbers are int64",
        hagen.InputError,
        EVERY,
        False,
    ),
    "objects-share-a-file": (
        _extra(
            '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "x"}}, '
            '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x-a"}}'
        ),
        {},
        "blueprints/app.py: App: objects: objects core.ConfigMap.app.x-a and core.ConfigMap.x.a would both "
        "be "
        "written to app/configmap-x-a.yaml; allowed: objects whose kind, namespace and name give distinct "
        "file "
        "names (rename one)",
        hagen.BlueprintError,
        (("synth",), ("diff",)),  # `synth --stdout` writes no files: no file name to share
        False,
    ),
    "json-patch-that-does-not-apply": (
        "from hagen import Blueprint, JsonPatch, Tier\nclass App(Blueprint):\n"
        + WEB
        + '    patches = [JsonPatch(api_version="apps/v1", kind="Deployment", name="web", '
        'ops=[{"op": "remove", "path": "/spec/nope"}])]\n',
        {},
        "blueprints/app.py: App: patches[0]: the JSON patch does not apply: can't remove a non-existent "
        "object "
        "'nope' (got 'apps.Deployment.app.web')",
        hagen.BlueprintError,
        EVERY,
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_error_names_the_blueprint_file_and_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    body, files, expected, exc_type, commands, engine = CASES[name]
    if engine:
        _engine()
    _refused(_project(tmp_path, body, files), expected, exc_type, commands, monkeypatch)


def test_a_config_map_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = (
        "from hagen import Blueprint, ConfigMap, Tier\nclass App(Blueprint):\n"
        + WEB
        + '    config_maps = [ConfigMap.from_files("conf", "missing.txt")]\n'
    )
    expected = (
        f"blueprints/app.py:4: App: ConfigMap 'conf': files: cannot read {tmp_path}/blueprints/missing.txt: "
        "No "
        "such file or directory (got 'missing.txt'); allowed: a file or folder beside the blueprint (or an "
        "absolute path)"
    )
    _refused(_project(tmp_path, body), expected, hagen.BlueprintError, EVERY, monkeypatch)


def test_a_gitops_name_too_long_names_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = (
        TOML
        + '[targets.production-eu-west]\ncluster = "c"\n[gitops.argocd]\n'
        + 'repo_url = "https://git.example.com/x.git"\nrevision = "main"\n'
        + 'destinations = { c = "https://k.example.com" }\n'
    )
    long = "a" * 50
    body = TIER + f'class App(Blueprint):\n    name = "{long}"\n' + WEB
    expected = (
        f"hagen.toml: gitops: target 'production-eu-west' x blueprint '{long}' gives the "
        "Application/Kustomization "
        f"name 'production-eu-west-{long}' (69 characters); Flux and Argo CD write it into a label value on "
        "every "
        "object they apply, at most 63: shorten the target or blueprint name"
    )
    _refused(
        _project(tmp_path, body, toml=toml), expected, hagen.InputError, (("synth",), ("diff",)), monkeypatch
    )


def test_locate_adds_the_place_once_and_leaves_other_errors() -> None:
    from hagen._errors import OutputError, locate

    chart = hagen.ChartError("release demo: chart x does not render")
    once = locate(chart, file="blueprints/app.py", blueprint="App")
    assert (type(once), str(once)) == (
        hagen.ChartError,
        "blueprints/app.py: App: release demo: chart x does not render",
    )
    assert locate(once, file="blueprints/app.py", blueprint="App") is once
    field = hagen.BlueprintError("must be >= 0", field="replicas", value=-1, file="blueprints/v.yaml")
    assert str(locate(field, file="blueprints/app.py", blueprint="App")) == (
        "blueprints/v.yaml: App: replicas: must be >= 0 (got -1)"
    )
    refused = OutputError("out/x.yaml: is a symbolic link")
    assert locate(refused, file="blueprints/app.py", blueprint="App") is refused

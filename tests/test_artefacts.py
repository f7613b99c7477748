"""Every file hagen writes is accepted by the tool that reads it: eksctl, Flux, Argo CD, SARIF readers,
GitHub Actions. Schemas come from the shared reference folder (tests skip without it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

import hagen
from hagen._check._report_sarif import artifact_uri
from hagen._diff._format_github import _data, _prop
from hagen._errors import InputError

from .conftest import REFERENCE, ROOT, run_hagen

SCHEMAS = REFERENCE / "schemas"
HOSTILE = [
    "my manifests/web app,v2.yaml",
    "web#2.yaml",
    "a:b.yaml",
    "100%.yaml",
    "ünïcode.yaml",
    "new\nline.yaml",
]


def _schemas() -> Path:
    if not SCHEMAS.is_dir():
        pytest.skip("the readers' schemas are not beside this checkout")
    return SCHEMAS


def _crd_validator(file: str, kind: str, version: str) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    crd = yaml.safe_load((_schemas() / file).read_text())
    assert crd["spec"]["names"]["kind"] == kind
    [entry] = [v for v in crd["spec"]["versions"] if v["name"] == version]
    return jsonschema.Draft7Validator(entry["schema"]["openAPIV3Schema"])


def _errors(validator: Any, doc: Any) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


# --- eksctl -------------------------------------------------------------------------------------------


def test_eksctl_fragments_of_the_example_pass_eksctls_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((_schemas() / "eksctl-clusterconfig-v1alpha5.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    files = sorted((ROOT / "out").glob("*/*/cluster/eksctl-addons.yaml"))
    assert [f.relative_to(ROOT / "out").parts[0] for f in files] == ["dev", "prod"]
    for file in files:
        [doc] = list(yaml.safe_load_all(file.read_text()))
        assert _errors(validator, doc) == []
    prod = yaml.safe_load((ROOT / "out/prod/shop/cluster/eksctl-addons.yaml").read_text())
    assert prod["metadata"] == {"name": "finalproject", "region": "ap-northeast-2"}
    dev = yaml.safe_load((ROOT / "out/dev/shop/cluster/eksctl-addons.yaml").read_text())
    assert dev["metadata"] == {"name": "dev", "region": "ap-northeast-2"}  # target cluster, blueprint region


def test_eksctl_schema_refuses_a_fragment_without_metadata() -> None:
    # the fault this guards against: eksctl's "metadata must be set"
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((_schemas() / "eksctl-clusterconfig-v1alpha5.schema.json").read_text())
    doc = {"apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig", "addons": [{"name": "x"}]}
    assert any("metadata" in e for e in _errors(jsonschema.Draft7Validator(schema), doc))


def test_target_region_and_cluster_reach_the_fragment(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "blueprints", tmp_path / "blueprints")
    shutil.copytree(ROOT / "targets", tmp_path / "targets")
    (tmp_path / "hagen.toml").write_text(
        '[targets.prod]\ncluster = "shop-prod"\nregion = "eu-central-1"\n[targets.dev]\n'
    )
    files = hagen.plan_targets(hagen.load_project(tmp_path))
    prod = yaml.safe_load(files["prod/shop/cluster/eksctl-addons.yaml"].split("---\n", 1)[1])
    dev = yaml.safe_load(files["dev/shop/cluster/eksctl-addons.yaml"].split("---\n", 1)[1])
    assert prod["metadata"] == {"name": "shop-prod", "region": "eu-central-1"}
    assert dev["metadata"] == {"name": "finalproject", "region": "ap-northeast-2"}  # the blueprint's


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('cluster = "my_cluster"', "targets.prod.cluster: 'my_cluster': not an EKS cluster name"),
        ('region = "Seoul"', "targets.prod.region: 'Seoul': not an AWS region code"),
    ],
)
def test_target_cluster_and_region_are_checked_at_load(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "hagen.toml").write_text(f"[targets.prod]\n{line}\n")
    with pytest.raises(InputError) as caught:
        hagen.load_project(tmp_path)
    assert f"hagen.toml:2: {message}" in str(caught.value)


# --- Flux and Argo CD ---------------------------------------------------------------------------------


def test_example_gitops_manifests_pass_the_crds() -> None:
    flux = _crd_validator("flux-kustomizations-crd.yaml", "Kustomization", "v1")
    appset = _crd_validator("argocd-applicationset-crd.yaml", "ApplicationSet", "v1alpha1")
    docs = []
    for file in sorted((ROOT / "out/gitops/flux").glob("*.yaml")):
        docs.extend(d for d in yaml.safe_load_all(file.read_text()) if d)
    assert {d["metadata"]["name"] for d in docs} == {"dev-shop", "prod-shop"}
    for doc in docs:
        assert _errors(flux, doc) == []
    [doc] = [d for d in yaml.safe_load_all((ROOT / "out/gitops/argocd/applicationset.yaml").read_text()) if d]
    assert _errors(appset, doc) == []


def test_argocd_applications_mode_passes_the_application_crd(tmp_path: Path) -> None:
    app = _crd_validator("argocd-application-crd.yaml", "Application", "v1alpha1")
    shutil.copytree(ROOT / "blueprints", tmp_path / "blueprints")
    shutil.copytree(ROOT / "targets", tmp_path / "targets")
    text = (
        (ROOT / "hagen.toml")
        .read_text()
        .replace('revision = "main"', 'revision = "main"\nmode = "applications"')
    )
    (tmp_path / "hagen.toml").write_text(text)
    files = hagen.plan_targets(hagen.load_project(tmp_path))
    apps = [d for d in yaml.safe_load_all(files["gitops/argocd/prod.yaml"]) if d]
    assert [a["metadata"]["name"] for a in apps] == ["prod-shop"]
    assert _errors(app, apps[0]) == []


@pytest.mark.parametrize(
    ("key", "value"), [("interval", "1d"), ("retry_interval", "2min"), ("timeout", "5 m"), ("interval", "")]
)
def test_flux_durations_are_go_durations(tmp_path: Path, key: str, value: str) -> None:
    (tmp_path / "hagen.toml").write_text(f'[targets.dev]\n\n[gitops.flux]\n{key} = "{value}"\n')
    with pytest.raises(InputError) as caught:
        hagen.load_project(tmp_path)
    message = str(caught.value)
    assert f"hagen.toml:4: gitops.flux.{key}: {value!r} is not a Flux duration" in message
    assert "a Go duration of ms, s, m and h such as '10m', '1h30m', '24h'" in message


@pytest.mark.parametrize("value", ["10m", "1h30m", "0.5h", "90s", "250ms"])
def test_flux_accepts_go_durations(tmp_path: Path, value: str) -> None:
    (tmp_path / "hagen.toml").write_text(f'[targets.dev]\n\n[gitops.flux]\ninterval = "{value}"\n')
    assert hagen.load_project(tmp_path).gitops.flux.interval == value  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("table", "line", "message"),
    [
        ("argocd", 'repo_url = "not a url"', "gitops.argocd.repo_url: 'not a url' is not a repository URL"),
        ("argocd", 'repo_url = "https://g/r"\nnamespace = "Argo"', "gitops.argocd.namespace"),
        ("argocd", 'repo_url = "https://g/r"\ndefault_server = "k8s"', "'k8s' is not an API server URL"),
        (
            "argocd",
            'repo_url = "https://g/r"\nsync_options = ["Prune"]',
            "'Prune' is not an Argo CD sync option",
        ),
        ("argocd", 'repo_url = "https://g/r"\npath_prefix = "../x"', "must be a relative path"),
        ("flux", 'source_name = "Flux System"', "gitops.flux.source_name"),
    ],
)
def test_gitops_values_are_checked_at_load(tmp_path: Path, table: str, line: str, message: str) -> None:
    (tmp_path / "hagen.toml").write_text(f"[targets.dev]\n\n[gitops.{table}]\n{line}\n")
    with pytest.raises(InputError) as caught:
        hagen.load_project(tmp_path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{(tmp_path / 'hagen.toml').as_posix()}:")


def _fleet(tmp_path: Path, targets: list[str], blueprints: list[str], flux: bool = True) -> Path:
    folder = tmp_path / "blueprints"
    folder.mkdir()
    for name in blueprints:
        cls = "".join(p.capitalize() for p in name.split("-"))
        (folder / f"{name.replace('-', '_')}.py").write_text(
            "from hagen import Blueprint, Tier\n"
            f"class {cls}(Blueprint):\n    name = {name!r}\n"
            "    tiers = [Tier(name='web', image='nginx:1.27')]\n"
        )
    config = "".join(f"[targets.{t}]\n" for t in targets)
    config += "[gitops.flux]\n" if flux else '[gitops.argocd]\nrepo_url = "https://g/r"\n'
    (tmp_path / "hagen.toml").write_text(config)
    return tmp_path


def test_derived_gitops_names_that_collide_are_refused_with_both_sources(tmp_path: Path) -> None:
    root = _fleet(tmp_path, ["eu", "eu-west"], ["west-api", "api"])
    proc = run_hagen("synth", cwd=root)
    assert proc.returncode == 2, proc.stderr
    assert (
        "gitops: target 'eu' x blueprint 'west-api' and target 'eu-west' x blueprint 'api' both give the "
        "Application/Kustomization name 'eu-west-api'"
    ) in proc.stderr
    assert not (root / "out").exists()


def test_derived_gitops_names_over_63_characters_are_refused(tmp_path: Path) -> None:
    root = _fleet(
        tmp_path, ["production-eu-central-1"], ["customer-notification-dispatcher-service"], flux=False
    )
    proc = run_hagen("synth", cwd=root)
    assert proc.returncode == 2, proc.stderr
    assert "'production-eu-central-1-customer-notification-dispatcher-service' (64 characters)" in proc.stderr
    assert "at most 63" in proc.stderr
    assert not (root / "out").exists()


# --- SARIF --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("my manifests/web app,v2.yaml", "my%20manifests/web%20app%2Cv2.yaml"),
        ("web#2.yaml", "web%232.yaml"),
        ("a:b.yaml", "a%3Ab.yaml"),
        ("100%.yaml", "100%25.yaml"),
        ("ünïcode.yaml", "%C3%BCn%C3%AFcode.yaml"),
        ("new\nline.yaml", "new%0Aline.yaml"),
        ("out/prod/shop/deployment-web.yaml", "out/prod/shop/deployment-web.yaml"),
        ("/abs/a b.yaml", "/abs/a%20b.yaml"),
    ],
)
def test_sarif_uris_are_uri_references(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri
    assert unquote(uri) == path


def _sarif_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("rfc3986_validator")
    schema = json.loads((_schemas() / "sarif-schema-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_with_hostile_file_names_passes_the_schema(tmp_path: Path) -> None:
    validator = _sarif_validator()
    for name in HOSTILE:
        file = tmp_path / name
        file.parent.mkdir(parents=True, exist_ok=True)
        app = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "a"}}
        app["spec"] = {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "nginx"}]},
            },
        }
        app["metadata"]["namespace"] = f"ns{HOSTILE.index(name)}"
        file.write_text(yaml.safe_dump(app))
    proc = run_hagen("check", ".", "--format", "sarif", cwd=tmp_path)
    log = json.loads(proc.stdout)
    assert _errors(validator, log) == []
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert {artifact_uri(n) for n in HOSTILE} <= uris
    assert "my%20manifests/web%20app%2Cv2.yaml" in uris and "web%232.yaml" in uris


def test_sarif_for_a_target_points_at_files_not_the_out_folder() -> None:
    validator = _sarif_validator()
    proc = run_hagen("check", "--target", "dev", "--format", "sarif")
    log = json.loads(proc.stdout)
    assert _errors(validator, log) == []
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    ]
    assert uris, "the example's dev target has suppressed findings"
    assert "out/dev" not in uris
    assert all((ROOT / unquote(u)).is_file() for u in uris), uris


# --- GitHub workflow commands -------------------------------------------------------------------------


def test_github_properties_escape_by_the_toolkits_rules() -> None:
    # @actions/core escapeProperty: % \r \n : , ; escapeData: % \r \n
    assert _prop("a b,c:d%e#f\ng\rü") == "a b%2Cc%3Ad%25e#f%0Ag%0Dü"
    assert _data("50% done: a,b\nnext") == "50%25 done: a,b%0Anext"


def test_github_formatting_only_annotation_escapes_its_title(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "out/prod/shop", old)
    shutil.copytree(ROOT / "out/prod/shop", new)
    file = new / "namespace-shop.yaml"
    file.write_text(file.read_text() + "\n\n")  # same objects, other bytes
    text = hagen.format_diff(hagen.diff_paths(old, new), "github")
    [line] = [x for x in text.splitlines() if "formatting" in x and x.startswith("::error")]
    assert ",title=hagen diff%3A formatting::" in line
    assert "title=hagen diff: formatting" not in text

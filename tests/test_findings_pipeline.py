"""Every source of findings reaches `hagen check` and `hagen synth`, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_hagen

_HEAD = "from hagen import Blueprint, ClusterProfile, Jenkins, Port, StorageClass, Tier, separate\n\n\n"


def _blueprint(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"class {name.title()}(Blueprint):", f'    name = "{name}"', f'    namespace = "{name}"', body]
    (folder / f"{name}.py").write_text(_HEAD + "\n".join(lines) + "\n")
    return folder


_TIER = 'Tier(name="web", image="registry.example.com/web:1.0.0", ports=[Port(name="http", port=8080)])'


def _no_cache(tmp_path: Path) -> dict[str, str]:
    return {"HELM_REPOSITORY_CACHE": str(tmp_path / "no-helm-cache")}


def test_misspelt_helm_key_without_a_chart_copy(tmp_path: Path) -> None:
    body = (
        f"    tiers = [{_TIER}]\n"
        + '    releases = [Jenkins(values={"persistence": {"storageclass": "gp3"}})]'
    )
    folder = _blueprint(tmp_path / "bp", "ci", body)
    env = _no_cache(tmp_path)
    proc = run_hagen("check", str(folder), "--fail-on", "info", "--format", "json", env=env)
    assert proc.returncode == 1, proc.stderr
    found = {f["id"]: f for f in json.loads(proc.stdout)["findings"]}
    assert "did you mean persistence.storageClass?" in found["helm.unknown-key"]["message"]
    assert found["helm.unknown-key"]["blueprint"] == "ci"
    assert found["helm.chart-not-found"]["severity"] == "info"
    synth = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"), env=env)
    assert synth.returncode == 0, synth.stderr
    warning = [line for line in synth.stderr.splitlines() if "helm.unknown-key" in line]
    assert warning == [
        "warning helm.unknown-key: ci: release jenkins: persistence.storageclass is not a key of chart "
        "jenkins 5.9.53 as hagen models it; Helm would silently ignore it; did you mean "
        "persistence.storageClass?; fix: write it as persistence.storageClass"
    ]


def test_renamed_jenkins_key_says_the_chart_fails_the_render(tmp_path: Path) -> None:
    body = (
        f'    tiers = [{_TIER}]\n    releases = [Jenkins(values={{"master": {{"serviceType": "NodePort"}}}})]'
    )
    folder = _blueprint(tmp_path / "bp", "ci", body)
    proc = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"), env=_no_cache(tmp_path))
    assert proc.returncode == 2
    assert "master.serviceType was renamed to controller.serviceType (chart 3.0)" in proc.stderr
    assert (
        "the chart's deprecation template fails the render while checkDeprecation is true (its default): "
        '"`master` does no longer exist. It has been renamed to `controller`"' in proc.stderr
    )
    assert not (tmp_path / "out").exists()


def test_pending_tier_and_unknown_topology_key_are_findings(tmp_path: Path) -> None:
    body = (
        '    cluster = ClusterProfile.shorthand(nodes=3, zones=1, cpu="4", memory="8Gi")\n'
        '    tiers = [Tier(name="api", image="registry.example.com/api:1.0.0", ports=[Port(name="http", '
        'port=8080)], resources={"cpu": "100m", "memory": "64Gi"}),\n'
        '             Tier(name="web", image="registry.example.com/web:1.0.0", replicas=3, '
        'ports=[Port(name="http", port=8080)], placement=[separate(per="zones")])]'
    )
    folder = _blueprint(tmp_path / "bp", "big", body)
    proc = run_hagen("check", str(folder), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["findings"]
    pending = [f for f in found if f["id"] == "scheduling.pending-pods"]
    assert [(f["tier"], f["message"]) for f in pending] == [
        ("api", "1 pod(s) stay Pending (api-1): 0/3 nodes are available: 3 Insufficient memory.")
    ]
    topology = [f for f in found if f["id"] == "scheduling.unknown-topology-key"]
    assert [f["tier"] for f in topology] == ["web"]
    assert "topologyKey 'zones', a label no node of the cluster carries" in topology[0]["message"]
    assert topology[0]["fix"].startswith("use topologyKey topology.kubernetes.io/zone")


def test_two_blueprints_disagree_on_a_storage_class(tmp_path: Path) -> None:
    folder = tmp_path / "bp"
    _blueprint(folder, "a", f'    storage_classes = [StorageClass(name="gp3")]\n    tiers = [{_TIER}]')
    body = f'    storage_classes = [StorageClass(name="gp3", reclaim_policy="Retain")]\n    tiers = [{_TIER}]'
    _blueprint(folder, "b", body)
    proc = run_hagen("check", str(folder), "--format", "json")
    found = [f for f in json.loads(proc.stdout)["findings"] if f["id"] == "objects.cluster-scoped-conflict"]
    assert [f["message"] for f in found] == [
        f"storage.k8s.io.StorageClass._.gp3 is emitted by blueprints a ({folder}/a.py) and b ({folder}/b.py) "
        "with different metadata.labels, reclaimPolicy: the cluster holds one object, the last apply wins"
    ]
    assert found[0]["severity"] == "error" and proc.returncode == 1
    synth = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"))
    assert synth.returncode == 1
    assert synth.stderr.splitlines() == [
        "error objects.cluster-scoped-conflict: b storage.k8s.io.StorageClass._.gp3: "
        + found[0]["message"]
        + "; fix: declare gp3 in one blueprint only (or give both the same definition and labels)",
        "hagen synth: 1 error finding; nothing written",
    ]
    assert not (tmp_path / "out").exists()


def test_two_blueprints_share_a_namespace(tmp_path: Path) -> None:
    folder = tmp_path / "bp"
    for name in ("a", "b"):
        folder.mkdir(exist_ok=True)
        text = _HEAD + f'class {name.title()}(Blueprint):\n    name = "{name}"\n    namespace = "shared"\n'
        (folder / f"{name}.py").write_text(text + f"    tiers = [{_TIER.replace('web', 'web' + name)}]\n")
    proc = run_hagen("check", str(folder), "--format", "json")
    found = [f for f in json.loads(proc.stdout)["findings"] if f["id"] == "objects.cluster-scoped-conflict"]
    message = (
        f"core.Namespace._.shared is emitted by blueprints a ({folder}/a.py) and b ({folder}/b.py) with "
        "different metadata.labels: the cluster holds one object, the last apply wins"
    )
    assert [(f["severity"], f["message"]) for f in found] == [("warning", message)]
    synth = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"))
    assert synth.returncode == 0, synth.stderr
    assert f"warning objects.cluster-scoped-conflict: b core.Namespace._.shared: {message}" in synth.stderr
    assert (tmp_path / "out" / "a" / "namespace-shared.yaml").is_file()


def test_pre_commit_hook_runs_for_every_input_of_the_output() -> None:
    import re

    import yaml

    from .conftest import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hook["files"])
    for path in (
        "blueprints/shop.py",
        "out/prod/shop/x.yaml",
        "targets/prod.yaml",
        "hagen.toml",
        "pyproject.toml",
    ):
        assert pattern.search(path), path
    assert not pattern.search("docs/hagen.toml.md")


def test_diff_against_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    proc = run_hagen("diff", "--against", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert f"--against {tmp_path / 'nope'}: no such file or directory; nothing compared" in proc.stderr
    assert "added" not in proc.stdout


def test_chart_for_a_release_no_blueprint_declares(tmp_path: Path) -> None:
    body = f"    tiers = [{_TIER}]\n    releases = [Jenkins()]"
    folder = _blueprint(tmp_path / "bp", "ci", body)
    chart = tmp_path / "chart"
    chart.mkdir()
    proc = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"), "--chart", f"jenkns={chart}")
    assert proc.returncode == 2
    assert "--chart jenkns=...: no release is named 'jenkns'; releases: jenkins" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["synth", "check", "place", "report"])
def test_every_command_refuses_a_chart_for_no_release_of_the_project(tmp_path: Path, command: str) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    out = ["-o", str(tmp_path / "out")] if command in ("synth", "report") else []
    proc = run_hagen(command, *out, "--chart", f"jenkns={chart}")  # the example project, every target
    assert proc.returncode == 2
    assert proc.stderr == (
        f"hagen {command}: error: --chart jenkns=...: no release is named 'jenkns'; releases: jenkins\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_conflict_in_a_target_stops_the_write(tmp_path: Path) -> None:
    folder = tmp_path / "blueprints"
    _blueprint(folder, "a", f'    storage_classes = [StorageClass(name="gp3")]\n    tiers = [{_TIER}]')
    body = f'    storage_classes = [StorageClass(name="gp3", reclaim_policy="Retain")]\n    tiers = [{_TIER}]'
    _blueprint(folder, "b", body)
    (tmp_path / "hagen.toml").write_text("[targets.dev]\n[targets.prod]\n")
    proc = run_hagen("synth", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1] == "hagen synth: 1 error finding; nothing written"
    assert "error objects.cluster-scoped-conflict: b storage.k8s.io.StorageClass._.gp3: " in proc.stderr
    assert not (tmp_path / "out").exists()


def test_check_reports_helm_error_findings_instead_of_refusing_the_blueprint(tmp_path: Path) -> None:
    body = (
        f'    tiers = [{_TIER}]\n    releases = [Jenkins(values={{"master": {{"serviceType": "NodePort"}}}})]'
    )
    folder = _blueprint(tmp_path / "bp", "ci", body)
    proc = run_hagen("check", str(folder), "--format", "json", env=_no_cache(tmp_path))
    assert proc.returncode == 1, proc.stderr
    found = [f for f in json.loads(proc.stdout)["findings"] if f["severity"] == "error"]
    assert [(f["id"], f["blueprint"], f["fix"]) for f in found] == [
        ("helm.renamed-key", "ci", "write it as controller.serviceType")
    ]
    assert found[0]["message"].startswith(
        "release jenkins: master.serviceType was renamed to controller.serviceType (chart 3.0)"
    )


def test_a_blocked_synth_still_prints_the_warnings_it_found(tmp_path: Path) -> None:
    folder = tmp_path / "bp"
    folder.mkdir()
    for name, retain in (("a", ""), ("b", ', reclaim_policy="Retain"')):
        text = _HEAD + f'class {name.title()}(Blueprint):\n    name = "{name}"\n    namespace = "shared"\n'
        (folder / f"{name}.py").write_text(
            text + f'    storage_classes = [StorageClass(name="gp3"{retain})]\n'
        )
    synth = run_hagen("synth", str(folder), "-o", str(tmp_path / "out"))
    assert synth.returncode == 1
    assert [line.split(": ")[0] for line in synth.stderr.splitlines()] == [
        "error objects.cluster-scoped-conflict",
        "warning objects.cluster-scoped-conflict",
        "hagen synth",
    ]
    assert (
        f"b core.Namespace._.shared: core.Namespace._.shared is emitted by blueprints a ({folder}/a.py) and "
        f"b ({folder}/b.py) with different metadata.labels" in synth.stderr
    )
    assert synth.stderr.endswith("hagen synth: 1 error finding; nothing written\n")
    assert not (tmp_path / "out").exists()

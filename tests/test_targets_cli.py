"""--target on every command, through the real entry point, in a project of its own; GitOps output."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

import hagen
from tests.conftest import ROOT, run_hagen
from tests.test_targets_layout import make_project

SHOP = (ROOT / "blueprints" / "shop.py").read_text(encoding="utf-8")
TOML = '[targets.dev]\ncluster = "dev"\n[targets.prod]\ncluster = "prod"\n'
DEV = (
    "cluster: {nodes: 1, zones: 1}\nblueprints:\n  shop:\n    tiers:\n"
    "      backend: {replicas: REPLICAS}\n      frontend: {replicas: REPLICAS}\n"
)
GITOPS = (
    '[gitops.argocd]\nrepo_url = "https://git.example.com/deploy.git"\nrevision = "main"\n'
    'destinations = { prod = "https://prod.example.com" }\n'
    '[gitops.flux]\nsource_name = "deploy"\nkubeconfig_secrets = { prod = "prod-kubeconfig" }\n'
)


def _shop(tmp_path: Path, replicas: int = 1, extra: str = "") -> Path:
    return make_project(
        tmp_path, TOML + extra, {"dev": DEV.replace("REPLICAS", str(replicas))}, blueprint=SHOP
    )


def test_synth_writes_every_target_and_reports_each(tmp_path: Path) -> None:
    _shop(tmp_path)
    result = run_hagen("synth", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    planned = hagen.plan_targets(hagen.load_project(tmp_path))
    assert (
        lines[0]
        == f"hagen synth: 2 targets x 1 blueprint -> out/: {len(planned) - 1} written, 0 unchanged, 0 removed"
    )
    dev = sum(1 for p in planned if p.startswith("dev/"))
    assert lines[1] == f"  dev: {dev} written, 0 unchanged, 0 removed"
    assert lines[2].startswith("  prod: ")
    # every written file is in one line: the targets' folders, then what lies beside them
    assert sum(int(line.split(": ")[1].split()[0]) for line in lines[1:]) == len(planned) - 1
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "dev",
        "prod",
        *sorted({p.split("/")[0] for p in planned if "/" in p} - {"dev", "prod"}),
    ]
    assert (tmp_path / "out" / "dev" / "shop" / "kustomization.yaml").is_file()
    assert (tmp_path / "out" / "prod" / "shop" / "kustomization.yaml").is_file()


def test_synth_one_target(tmp_path: Path) -> None:
    _shop(tmp_path)
    result = run_hagen("synth", "--target", "prod", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("hagen synth: 1 target x 1 blueprint")
    assert "dev:" not in result.stdout
    assert not (tmp_path / "out" / "dev").exists()


def test_synth_stdout_prints_one_target(tmp_path: Path) -> None:
    _shop(tmp_path)
    result = run_hagen("synth", "--stdout", "--target", "dev", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    deployments = [d for d in yaml.safe_load_all(result.stdout) if d and d["kind"] == "Deployment"]
    assert {d["spec"]["replicas"] for d in deployments} == {1}
    both = run_hagen("synth", "--stdout", cwd=tmp_path)
    assert both.returncode == 2 and "--stdout prints one target" in both.stderr


def test_unknown_target_and_targets_without_a_project_are_usage_errors(tmp_path: Path) -> None:
    _shop(tmp_path)
    for command in ("synth", "check", "place", "validate"):
        result = run_hagen(command, "--target", "staging", cwd=tmp_path)
        assert result.returncode == 2, (command, result.stdout)
        assert "--target 'staging': no such target" in result.stderr
        assert "targets: dev, prod" in result.stderr
    (tmp_path / "hagen.toml").write_text("", encoding="utf-8")
    result = run_hagen("synth", "--target", "dev", cwd=tmp_path)
    assert result.returncode == 2 and "no such target" in result.stderr


def test_a_bad_overrides_file_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        TOML,
        {"dev": "blueprints:\n  shop:\n    tiers:\n      backend:\n        replica: 1\n"},
        SHOP,
    )
    result = run_hagen("synth", cwd=tmp_path)
    assert result.returncode == 2
    assert "targets/dev.yaml:5: blueprints.shop.tiers.backend.replica: unknown key" in result.stderr
    assert not (tmp_path / "out").exists()


def test_check_reports_per_target_and_dev_cannot_keep_two_replicas(tmp_path: Path) -> None:
    _shop(tmp_path, replicas=2)
    result = run_hagen("check", "--target", "dev", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("target dev:\n")
    assert "error scheduling.anti-affinity-exceeds-domains: shop/backend" in result.stdout
    # no out/ yet: the finding points at the blueprint, not at a file `hagen synth` has not written
    assert "apps.Deployment.shop.backend (blueprints/web.py)\n" in result.stdout
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    written = run_hagen("check", "--target", "dev", cwd=tmp_path)
    assert "apps.Deployment.shop.backend (out/dev/shop/deployment-backend.yaml:4)\n" in written.stdout
    _shop(tmp_path, replicas=1)
    fixed = run_hagen("check", "--target", "dev", cwd=tmp_path)
    assert "scheduling.anti-affinity-exceeds-domains" not in fixed.stdout
    both = run_hagen("check", "--format", "json", cwd=tmp_path)
    assert sorted(json.loads(both.stdout)["targets"]) == ["dev", "prod"]


def test_check_flags_win_over_the_target_profile(tmp_path: Path) -> None:
    _shop(tmp_path, replicas=2)
    result = run_hagen("check", "--target", "dev", "--nodes", "2", "--zones", "2", cwd=tmp_path)
    assert "scheduling.anti-affinity-exceeds-domains" not in result.stdout


def test_place_uses_the_target_profile_and_flags_win(tmp_path: Path) -> None:
    _shop(tmp_path, replicas=2)
    dev = run_hagen("place", "--target", "dev", cwd=tmp_path)
    assert dev.returncode == 1
    assert "1 node(s), 4 pod(s): 2 running, 2 Pending" in dev.stdout
    wider = run_hagen("place", "--target", "dev", "--nodes", "2", "--zones", "2", cwd=tmp_path)
    assert wider.returncode == 0, wider.stdout
    assert "2 node(s), 4 pod(s): 4 running, 0 Pending" in wider.stdout
    both = run_hagen("place", "--format", "json", cwd=tmp_path)
    assert sorted(json.loads(both.stdout)["targets"]) == ["dev", "prod"]


def test_validate_each_target_with_its_version_and_the_flag_wins(tmp_path: Path) -> None:
    make_project(
        tmp_path, TOML + "[targets.prod.profile]\nnodes = 2\n", {"prod": "kube_version: '1.33'\n"}, SHOP
    )
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    result = run_hagen("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    dev, prod = result.stdout.split("target prod:\n")
    assert "against Kubernetes 1.35" in dev and "against Kubernetes 1.33" in prod
    flagged = run_hagen("validate", "--target", "prod", "--kube-version", "1.32", cwd=tmp_path)
    assert "against Kubernetes 1.32" in flagged.stdout and "target dev" not in flagged.stdout


def test_gitops_argocd_applicationset_and_flux(tmp_path: Path) -> None:
    _shop(tmp_path, extra=GITOPS)
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    out = tmp_path / "out" / "gitops"
    (appset,) = [d for d in yaml.safe_load_all((out / "argocd" / "applicationset.yaml").read_text()) if d]
    assert appset["kind"] == "ApplicationSet"
    elements = appset["spec"]["generators"][0]["list"]["elements"]
    assert [(e["target"], e["blueprint"], e["server"]) for e in elements] == [
        ("dev", "shop", "https://kubernetes.default.svc"),
        ("prod", "shop", "https://prod.example.com"),
    ]
    template = appset["spec"]["template"]["spec"]
    assert template["source"]["path"] == "out/{{.target}}/{{.blueprint}}"
    for element in elements:  # every path the generator makes is a folder kubectl apply -k takes
        assert (tmp_path / "out" / element["target"] / element["blueprint"] / "kustomization.yaml").is_file()
    assert template["syncPolicy"] == {
        "automated": {"prune": True, "selfHeal": True},
        "syncOptions": ["CreateNamespace=true", "ServerSideApply=true"],
    }
    (flux,) = [d for d in yaml.safe_load_all((out / "flux" / "prod.yaml").read_text()) if d]
    assert flux["spec"]["path"] == "./out/prod/shop"
    assert flux["spec"]["sourceRef"] == {"kind": "GitRepository", "name": "deploy"}
    assert flux["spec"]["kubeConfig"] == {"secretRef": {"name": "prod-kubeconfig"}}
    assert flux["spec"]["prune"] is True
    (dev_flux,) = [d for d in yaml.safe_load_all((out / "flux" / "dev.yaml").read_text()) if d]
    assert "kubeConfig" not in dev_flux["spec"]


def test_gitops_application_per_target(tmp_path: Path) -> None:
    _shop(tmp_path, extra=GITOPS.replace('revision = "main"', 'revision = "main"\nmode = "applications"'))
    assert run_hagen("synth", "--target", "dev", cwd=tmp_path).returncode == 0
    argocd = tmp_path / "out" / "gitops" / "argocd"
    assert sorted(p.name for p in argocd.iterdir()) == ["dev.yaml", "prod.yaml"]  # all targets, always
    (app,) = [d for d in yaml.safe_load_all((argocd / "prod.yaml").read_text()) if d]
    assert app["kind"] == "Application" and app["metadata"]["name"] == "prod-shop"
    assert app["spec"]["destination"] == {"server": "https://prod.example.com", "namespace": "shop"}


def test_explicit_paths_without_target_keep_the_simple_layout(tmp_path: Path) -> None:
    _shop(tmp_path)
    result = run_hagen("synth", "blueprints", "-o", "plain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plain" / "shop" / "kustomization.yaml").is_file()

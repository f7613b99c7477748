"""Target output: out/<target>/<blueprint>/, one ownership record, the simple layout without targets,
the Python target parameter, the pool producing the serial path's bytes, and two targets side by side."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import hagen
from hagen._output import OWNED_RECORD, read_owned
from hagen._project import pool_workers, render_targets
from tests.conftest import ROOT

WEB = """
from hagen import Blueprint, Port, StorageClass, Tier, Volume, separate

gp3 = StorageClass(name="gp3")


class Web(Blueprint):
    name = "web"

    def tiers(self, target):
        replicas = target.var("replicas", 1) if target is not None else 1
        return [
            Tier(
                name="api",
                image="registry.example.com/api:1.0",
                replicas=replicas,
                ports=[Port(name="http", port=8080)],
                placement=[separate()],
                volumes=[Volume(name="data", size="10Gi", mount_path="/data", storage_class=gp3)],
            )
        ]


class Plain(Blueprint):
    name = "plain"
    tiers = [Tier(name="worker", image="registry.example.com/worker:2.0")]
"""


def make_project(root: Path, toml: str, targets: dict[str, str] | None = None, blueprint: str = WEB) -> Path:
    """A project in `root`: blueprints/web.py, hagen.toml, targets/<name>.yaml."""
    (root / "blueprints").mkdir(parents=True, exist_ok=True)
    (root / "blueprints" / "web.py").write_text(blueprint, encoding="utf-8")
    (root / "hagen.toml").write_text(toml, encoding="utf-8")
    for name, text in (targets or {}).items():
        (root / "targets").mkdir(exist_ok=True)
        (root / "targets" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


TWO = '[targets.dev]\nvars = { replicas = 2 }\n[targets.prod]\ncluster = "prod-eu"\nvars = { replicas = 3 }\n'


def _deployment(files: dict[str, str], path: str) -> dict[str, object]:
    (doc,) = [d for d in yaml.safe_load_all(files[path]) if d]
    assert isinstance(doc, dict)
    return doc


def test_with_targets_every_file_is_under_its_target(tmp_path: Path) -> None:
    project = hagen.load_project(make_project(tmp_path, TWO))
    files = hagen.plan_targets(project)
    tops = {p.split("/", 1)[0] for p in files if p != OWNED_RECORD}
    assert tops == {"dev", "prod"}
    assert {p.split("/")[1] for p in files if p != OWNED_RECORD} == {"plain", "web"}
    for target in ("dev", "prod"):
        for blueprint in ("plain", "web"):
            assert f"{target}/{blueprint}/kustomization.yaml" in files
    record = [line for line in files[OWNED_RECORD].splitlines() if not line.startswith("#")]
    assert record == sorted(p for p in files if p != OWNED_RECORD)


def test_the_blueprint_receives_its_target(tmp_path: Path) -> None:
    files = hagen.plan_targets(hagen.load_project(make_project(tmp_path, TWO)))
    replicas = {
        t: _deployment(files, f"{t}/web/statefulset-api.yaml")["spec"]["replicas"]  # type: ignore[index]
        for t in ("dev", "prod")
    }
    assert replicas == {"dev": 2, "prod": 3}


def test_zero_argument_methods_and_no_target_keep_working(tmp_path: Path) -> None:
    make_project(tmp_path, "")
    (spec_plain, spec_web) = hagen.load_blueprints([tmp_path / "blueprints"])
    assert spec_web.tier("api").replicas == 1  # the method got target=None
    assert spec_plain.tier("worker").image == "registry.example.com/worker:2.0"


def test_without_targets_the_layout_is_the_simple_one(tmp_path: Path) -> None:
    make_project(tmp_path, "")
    project = hagen.load_project(tmp_path)
    assert project.targets == {}
    planned = hagen.plan([tmp_path / "blueprints"])
    assert {p.split("/", 1)[0] for p in planned if p != OWNED_RECORD} == {"plain", "web"}


def test_plan_without_sources_follows_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path, TWO)
    monkeypatch.chdir(tmp_path)
    assert hagen.plan() == hagen.plan_targets(hagen.load_project())
    (tmp_path / "hagen.toml").write_text("", encoding="utf-8")
    assert hagen.plan() == hagen.plan([Path("blueprints")])  # no targets: today's layout, same bytes


def test_synth_without_sources_writes_the_target_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path, TWO)
    monkeypatch.chdir(tmp_path)
    report = hagen.synth()
    planned = hagen.plan()
    assert sorted(report.written) == sorted(p for p in planned if p != OWNED_RECORD)
    for path, text in planned.items():
        assert (tmp_path / "out" / path).read_text(encoding="utf-8") == text


def test_synth_of_one_target_leaves_the_others(tmp_path: Path) -> None:
    project = hagen.load_project(make_project(tmp_path, TWO))
    out = tmp_path / "out"
    hagen.synth_targets(project, None, out)
    before = read_owned(out)
    (tmp_path / "blueprints" / "web.py").write_text(
        WEB.replace('name = "plain"', "abstract = True"), encoding="utf-8"
    )
    report = hagen.synth_targets(project, ["dev"], out)
    assert report.removed and all(p.startswith("dev/plain/") for p in report.removed)
    assert (out / "prod" / "plain" / "kustomization.yaml").is_file()  # prod was not synthesized: kept
    assert read_owned(out) == before - set(report.removed)


def test_moving_to_targets_removes_the_old_simple_layout(tmp_path: Path) -> None:
    make_project(tmp_path, "")
    out = tmp_path / "out"
    hagen.synth([tmp_path / "blueprints"], out)
    assert (out / "web" / "kustomization.yaml").is_file()
    project = hagen.load_project(make_project(tmp_path, TWO))
    report = hagen.synth_targets(project, None, out)
    assert not (out / "web").exists()
    assert all(p.startswith(("plain/", "web/")) for p in report.removed)


def test_diff_targets_lines_the_trees_up_by_blueprint(tmp_path: Path) -> None:
    project = hagen.load_project(make_project(tmp_path, TWO))
    dev, prod = hagen.diff_targets(project, "dev", "prod")
    assert dev.keys() == prod.keys()
    full = hagen.plan_targets(project)
    assert prod == {p.removeprefix("prod/"): t for p, t in full.items() if p.startswith("prod/")}
    changed = sorted(p for p in dev if dev[p] != prod[p])
    assert "web/statefulset-api.yaml" in changed
    assert not any(p.startswith("plain/") for p in changed)


def test_the_pool_is_only_used_when_the_work_is_large() -> None:
    assert pool_workers(1, 1000, jobs=8) == 1  # one target: no pool start-up
    assert pool_workers(5, 10, jobs=8) == 1  # 50 syntheses: not worth it
    assert pool_workers(20, 50, jobs=1) == 1
    assert pool_workers(20, 50, jobs=2) == 2
    assert pool_workers(3, 50, jobs=8) == 3  # never more workers than targets


def test_pool_and_serial_write_the_same_bytes(tmp_path: Path) -> None:
    blueprints = "\n".join(
        WEB.replace('"web"', f'"web-{i}"')
        .replace("class Web", f"class Web{i}")
        .replace('"plain"', f'"plain-{i}"')
        .replace("class Plain", f"class Plain{i}")
        for i in range(10)
    )
    toml = "".join(f"[targets.t{i}]\nvars = {{ replicas = {i % 3 + 1} }}\n" for i in range(6))
    project = hagen.load_project(make_project(tmp_path, toml, blueprint=blueprints))
    names = project.select(None)
    paths = [(tmp_path / "blueprints").as_posix()]
    assert pool_workers(len(names), 20, jobs=2) == 2
    serial = render_targets(project, names, paths, jobs=1)
    pooled = render_targets(project, names, paths, jobs=2)
    assert [r.name for r in pooled] == [r.name for r in serial] == names
    assert [r.files for r in pooled] == [r.files for r in serial]


def test_the_example_project_has_dev_and_prod() -> None:
    project = hagen.load_project(ROOT)
    assert list(project.targets) == ["dev", "prod"]
    dev, prod = hagen.diff_targets(project, "dev", "prod")
    for tier in ("backend", "frontend"):
        assert _deployment(dev, f"shop/deployment-{tier}.yaml")["spec"]["replicas"] == 1  # type: ignore[index]
        assert _deployment(prod, f"shop/deployment-{tier}.yaml")["spec"]["replicas"] == 2  # type: ignore[index]
    dev_values = yaml.safe_load(dev["shop/helm/jenkins/values.yaml"])
    prod_values = yaml.safe_load(prod["shop/helm/jenkins/values.yaml"])
    assert dev_values["persistence"]["size"] == "4Gi"
    assert "size" not in prod_values["persistence"]  # the chart's default (8Gi)
    assert (
        "shop/poddisruptionbudget-backend.yaml" in prod and "shop/poddisruptionbudget-backend.yaml" not in dev
    )


def test_the_committed_example_output_is_current() -> None:
    # `make synth` regenerates out/ for every target of hagen.toml.
    out = ROOT / "out"
    on_disk = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()
    }
    assert on_disk == hagen.plan_targets(hagen.load_project(ROOT))

"""Findings on a blueprint's objects point at the line of the text `hagen synth` would write now, never at
the committed out/ (stale after a blueprint edit, absent before the first synth): `hagen check` text,
JSON and SARIF, the report, and `hagen check` of out/ itself agree on every line."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import hagen
from hagen._blueprint import build_spec
from hagen._validate._messages import path_parts
from tests.conftest import run_hagen

BLUEPRINT = """from hagen import Blueprint, JsonPatch, Port, Tier, separate


class App(Blueprint):
    name = "app"
    namespace = "app"
    tiers = [
        Tier(name="api", image="registry.example.com/api:1.0.0", replicas=3, placement=[separate()],
             ports=[Port(name="http", port=8080)]),
    ]
    objects = [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "near", "namespace": "NS"},
                "spec": {"ports": [PORTS], "trafficDistribution": "PreferClose"}}]
"""
ONE_PORT = '{"port": 80}'
THREE_PORTS = '{"port": 80, "name": "a"}, {"port": 81, "name": "b"}, {"port": 82, "name": "c"}'
SERVICE = "out/app/service-other-near.yaml"  # outside the blueprint's namespace: the namespace in its name
DEPLOYMENT = "out/app/deployment-api.yaml"


def _project(root: Path, ports: str, namespace: str = "other") -> None:
    (root / "blueprints").mkdir(exist_ok=True)
    (root / "blueprints" / "app.py").write_text(BLUEPRINT.replace("PORTS", ports).replace("NS", namespace))
    (root / "hagen.toml").write_text("")


def _line(path: Path, text: str) -> int:
    return path.read_text().splitlines().index(text) + 1


def _where(root: Path, *args: str) -> set[tuple[str, str, str, int]]:
    proc = run_hagen("check", *args, "--nodes", "2", "--kube-version", "1.29", "--format", "json", cwd=root)
    assert proc.returncode == 1, proc.stderr
    return {(f["id"], f["object_id"], f["file"], f["line"]) for f in json.loads(proc.stdout)["findings"]}


def test_a_stale_out_folder_does_not_move_the_line(tmp_path: Path) -> None:
    own = "out/app/service-near.yaml"
    _project(tmp_path, ONE_PORT, namespace="app")
    assert run_hagen("synth", cwd=tmp_path).returncode == 0  # at 1.35, where trafficDistribution exists
    assert _line(tmp_path / own, "  trafficDistribution: PreferClose") == 17
    _project(tmp_path, THREE_PORTS, namespace="app")  # the field moves down 5 lines; out/ is not synthesized
    fresh = tmp_path / "fresh"
    assert run_hagen("synth", "-o", str(fresh), cwd=tmp_path).returncode == 0
    assert _line(fresh / own.removeprefix("out/"), "  trafficDistribution: PreferClose") == 22
    text = run_hagen("check", "--kube-version", "1.29", cwd=tmp_path).stdout
    assert f"error schema.invalid: app core.Service.app.near ({own}:22)" in text.splitlines()
    assert ("schema.invalid", "core.Service.app.near", own, 22) in _where(tmp_path)
    sarif = run_hagen("check", "--kube-version", "1.29", "--format", "sarif", cwd=tmp_path)
    [result] = [r for r in json.loads(sarif.stdout)["runs"][0]["results"] if r["ruleId"] == "schema.invalid"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": own},
        "region": {"startLine": 22},
    }


def test_without_an_out_folder_the_findings_name_the_blueprint_without_a_line(tmp_path: Path) -> None:
    # No file to open yet (code scanning places a result only on a file of the checkout): the blueprint
    # that declares the objects, and no line, since its text is not the objects'.
    _project(tmp_path, THREE_PORTS)
    assert _where(tmp_path) == {
        ("schema.invalid", "core.Service.other.near", "blueprints/app.py", None),
        ("scheduling.anti-affinity-exceeds-domains", "apps.Deployment.app.api", "blueprints/app.py", None),
        ("scheduling.pending-pods", "apps.Deployment.app.api", "blueprints/app.py", None),
    }
    assert not (tmp_path / "out").exists()


def test_check_of_blueprints_and_of_the_out_folder_agree(tmp_path: Path) -> None:
    _project(tmp_path, THREE_PORTS)
    assert run_hagen("synth", cwd=tmp_path).returncode == 0
    from_blueprints = _where(tmp_path)
    assert _where(tmp_path, "out") == from_blueprints
    assert len(from_blueprints) == 3


def test_the_report_shows_the_line(tmp_path: Path) -> None:
    _project(tmp_path, THREE_PORTS)
    assert run_hagen("synth", cwd=tmp_path).returncode == 0  # hagen's default version takes the field
    (tmp_path / "hagen.toml").write_text('kube_version = "1.29"\n')
    pages = hagen.report([tmp_path / "blueprints"], project=hagen.load_project(tmp_path))
    assert f"({SERVICE}:22)" in pages["index.html"]


# For any blueprint: every finding on an object points at a line of the file synth writes for it, the
# field's own line for a schema error, its document's first line otherwise; a stale out/ is not read.
ENV = st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), st.sampled_from(["1", "x", "yes"]), max_size=3)
BAD = [
    ("/spec/template/spec/containers/0/bogus", 1),  # unknown field
    ("/spec/template/spec/containers/0/ports/0/containerPort", 99999),  # the API server's range
    ("/spec/replicas", "two"),  # the schema's type
    ("/metadata/labels/extra", "ok"),  # valid: no finding, the document's line for the others
]


@st.composite
def blueprints(draw: st.DrawFn) -> hagen.BlueprintSpec:
    tiers, patches = [], []
    for name in draw(st.lists(st.sampled_from(["api", "web", "db"]), min_size=1, max_size=3, unique=True)):
        ports = [hagen.Port(name=f"p{i}", port=8080 + i) for i in range(draw(st.integers(1, 3)))]
        tiers.append(
            hagen.Tier(
                name=name,
                image=f"registry.example.com/{name}:1.0",
                replicas=draw(st.integers(1, 4)),
                ports=ports,
                env=draw(ENV),
                placement=[hagen.separate()] if draw(st.booleans()) else [],
            )
        )
        for path, value in draw(st.lists(st.sampled_from(BAD), max_size=2, unique=True)):
            op = {"op": "add", "path": path, "value": value}
            patches.append(hagen.JsonPatch(api_version="apps/v1", kind="Deployment", name=name, ops=[op]))

    class Generated(hagen.Blueprint):
        name = "gen"
        namespace = "gen"

    Generated.tiers = tiers  # type: ignore[attr-defined]
    Generated.patches = patches  # type: ignore[attr-defined]
    return build_spec(Generated)


def _key(finding: Any) -> str:
    path = finding.message.split(": ", 1)[0]
    last = path_parts(path)[-1]
    return f"- {last}:" if isinstance(last, int) else f"{last}:"


@settings(max_examples=40, deadline=None)
@given(blueprints(), st.integers(1, 4))
def test_every_finding_points_at_its_field_in_what_synth_writes(
    spec: hagen.BlueprintSpec, stale: int
) -> None:
    synthesis = hagen.synthesize(spec, report_errors=True)
    files = hagen.render(synthesis)
    with tempfile.TemporaryDirectory() as out:
        for rel, text in files.items():  # a stale out/: every line shifted
            (Path(out) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(out) / rel).write_text("# stale\n" * stale + text)
        result = hagen.check(synthesis, cluster=hagen.ClusterCounts(nodes=2, zones=2), out_dir=out)
    on_objects = [f for f in result.findings if f.object_id]
    for finding in on_objects:
        assert finding.file is not None and finding.line is not None, finding
        line = files[finding.file.removeprefix(f"{out}/")].splitlines()[finding.line - 1]
        if finding.id == "schema.invalid":
            assert line.strip().startswith(_key(finding)), (finding, line)
        else:
            assert line.startswith("apiVersion: "), (finding, line)

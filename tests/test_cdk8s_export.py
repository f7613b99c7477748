"""hagen -> cdk8s: a blueprint added to a cdk8s app synthesizes to exactly hagen's objects."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests._cdk8s_skip import require_cdk8s

require_cdk8s()

from cdk8s import App, Chart  # noqa: E402

from hagen import load_blueprints, synthesize  # noqa: E402
from hagen._cdk8s import add_objects, import_objects  # noqa: E402
from hagen._objects import is_cluster_scoped, sort_objects  # noqa: E402
from hagen._yaml import load_objects  # noqa: E402
from hagen.cdk8s import add_blueprint, add_blueprints  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "blueprints" / "shop.py"


def _synth_dir(app: App, outdir: Path) -> dict[str, list[dict[str, Any]]]:
    app.synth()
    return {p.name: load_objects(p.read_text(encoding="utf-8")) for p in sorted(outdir.glob("*.k8s.yaml"))}


def test_cdk8s_synth_writes_exactly_hagens_objects(tmp_path: Path) -> None:
    (spec,) = load_blueprints([EXAMPLE])
    expected = synthesize(spec).objects
    assert any(is_cluster_scoped(o) for o in expected)
    app = App(outdir=str(tmp_path))
    add_blueprint(Chart(app, "platform", namespace="elsewhere"), spec)
    written = _synth_dir(app, tmp_path)
    assert written == {"platform.k8s.yaml": expected}
    # the same key order too: nothing is sorted or regrouped on the way through cdk8s
    assert json.dumps(written["platform.k8s.yaml"]) == json.dumps(expected)


def test_cluster_scoped_objects_carry_no_namespace_in_a_namespaced_chart(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path))
    add_blueprints(Chart(app, "platform", namespace="elsewhere"), [EXAMPLE])
    (objects,) = _synth_dir(app, tmp_path).values()
    scoped = {o["kind"]: "namespace" in o["metadata"] for o in objects if is_cluster_scoped(o)}
    assert scoped == {"Namespace": False, "StorageClass": False}
    assert {o["metadata"].get("namespace") for o in objects if not is_cluster_scoped(o)} == {"shop"}


def test_in_an_app_the_blueprint_gets_a_chart_of_its_own(tmp_path: Path) -> None:
    (spec,) = load_blueprints([EXAMPLE])
    app = App(outdir=str(tmp_path))
    group = add_blueprint(app, spec)
    assert isinstance(group, Chart) and group.namespace is None
    assert _synth_dir(app, tmp_path) == {"shop.k8s.yaml": synthesize(spec).objects}


def test_chart_labels_are_added_to_metadata_only() -> None:
    (spec,) = load_blueprints([EXAMPLE])
    expected = synthesize(spec).objects
    chart = Chart(App(), "labelled", labels={"team": "payments"})
    add_blueprint(chart, spec)
    got = chart.to_json()
    assert len(got) == len(expected)
    for mine, theirs in zip(expected, got, strict=True):
        assert theirs["metadata"]["labels"] == {**mine["metadata"]["labels"], "team": "payments"}
        assert {**theirs, "metadata": mine["metadata"]} == mine


def test_a_cdk8s_app_run_as_a_program_matches_hagen_synth_stdout(tmp_path: Path) -> None:
    program = tmp_path / "main.py"
    program.write_text(
        textwrap.dedent(
            f"""
            from cdk8s import App, Chart
            from hagen.cdk8s import add_blueprints

            app = App(outdir={str(tmp_path / "dist")!r})
            add_blueprints(Chart(app, "shop", namespace="shop"), [{str(EXAMPLE)!r}])
            app.synth()
            """
        ),
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(program)], check=True, cwd=tmp_path, capture_output=True, timeout=120)
    stdout = subprocess.run(
        [sys.executable, "-m", "hagen", "synth", str(EXAMPLE), "--stdout"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert load_objects((tmp_path / "dist" / "shop.k8s.yaml").read_text()) == load_objects(stdout)


KEY = st.text(alphabet="ab~/.-_", min_size=1, max_size=6)
LEAF = st.one_of(
    st.integers(-(2**31), 2**31), st.booleans(), st.text(max_size=8), st.sampled_from(["yes", "on", "1.0"])
)
VALUE = st.recursive(
    LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEY, inner, max_size=3), max_leaves=10
)


@st.composite
def objects(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["ConfigMap", "StorageClass", "Widget"]))
    meta: dict[str, Any] = {"name": draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True))}
    if kind != "StorageClass":
        meta["namespace"] = draw(st.sampled_from(["a", "b"]))
    meta["labels"] = draw(
        st.dictionaries(st.sampled_from(["x", "y/z"]), st.text("abc", max_size=3), max_size=2)
    )
    body = draw(st.dictionaries(st.sampled_from(["spec", "data", "rules", "a/b", "t~"]), VALUE, max_size=3))
    return {"apiVersion": "example.com/v1", "kind": kind, "metadata": meta, **body}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        objects(),
        max_size=4,
        unique_by=lambda o: (o["kind"], o["metadata"].get("namespace"), o["metadata"]["name"]),
    )
)
def test_any_object_survives_export_and_import(batch: list[dict[str, Any]]) -> None:
    chart = Chart(App(), "c", namespace="stamped")
    add_objects(chart, "group", batch)
    assert import_objects(chart) == sort_objects(batch)

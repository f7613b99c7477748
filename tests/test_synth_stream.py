"""`synthesize_stream` (what `hagen synth --stdout` prints) makes each object's text as soon as the object is
made; it must be the same text, in the same order, with the same errors, as rendering `synthesize`."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from tests._service import write_blueprint
from tests.conftest import run_hagen

ROOT = Path(__file__).resolve().parent.parent
TIER = 'Tier(name="{name}", image="registry.example.com/app:1.0.0", ports=[Port(name="http", port=8080)])'


def _whole(sources: list[str | Path]) -> list[str]:
    return list(hagen.stream_objects(o for s in hagen.synthesize_all(sources) for o in s.objects))


@pytest.mark.parametrize(
    "source",
    [
        ROOT / "blueprints",  # the example: StorageClasses, Helm values, the eksctl fragment
        ROOT / "tests" / "golden" / "cases" / "service" / "blueprint.py",  # patches, extra objects
    ],
)
def test_stream_is_the_rendered_synthesis(source: Path) -> None:
    assert hagen.synthesize_stream([source]) == _whole([source])


def test_objects_made_out_of_order_come_out_sorted(tmp_path: Path) -> None:
    # tiers named against the sort order, and two blueprints: kinds first, then namespace and name
    tiers = ", ".join(TIER.format(name=n) for n in ("zeta", "alpha", "mid"))
    write_blueprint(tmp_path, f"class B(Blueprint):\n    name = 'b'\n    tiers = [{tiers}]\n", "b.py")
    write_blueprint(tmp_path, f"class A(Blueprint):\n    name = 'a'\n    tiers = [{tiers}]\n", "a.py")
    stream = hagen.synthesize_stream([tmp_path])
    assert stream == _whole([tmp_path])
    names = [doc.split("\n  name: ", 1)[1].split("\n", 1)[0] for doc in stream if "kind: Deployment" in doc]
    assert names == ["alpha", "mid", "zeta", "alpha", "mid", "zeta"]


def test_stdout_prints_the_stream(tmp_path: Path) -> None:
    result = run_hagen("synth", str(ROOT / "blueprints"), "--stdout", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "".join(_whole([ROOT / "blueprints"]))


def test_duplicate_objects_refused_with_the_same_message(tmp_path: Path) -> None:
    duplicate = (
        "    objects = [{'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': 'web'},"
        " 'spec': {'ports': [{'port': 80}]}}]\n"
    )
    path = write_blueprint(
        tmp_path, f"class App(Blueprint):\n    tiers = [{TIER.format(name='web')}]\n{duplicate}"
    )
    (spec,) = hagen.load_blueprints([path])
    with pytest.raises(hagen.BlueprintError) as whole:
        hagen.synthesize(spec)
    with pytest.raises(hagen.BlueprintError) as streamed:
        hagen.synthesize_each(spec, hagen.object_id)
    assert "two objects are both core.Service.app.web" in str(whole.value)
    assert str(streamed.value) == str(whole.value)

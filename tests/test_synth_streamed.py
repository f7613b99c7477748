"""`hagen synth` of blueprints without Helm releases: each object validated and rendered as it is made,
with the files, the report and the errors of synthesizing, rendering and validating everything at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen import _api
from hagen._output import _streamed

BLUEPRINTS = {
    "a.py": """
from hagen import Blueprint, Port, StorageClass, Tier

class A(Blueprint):
    name = "a"
    storage_classes = [StorageClass(name="gp3")]
    tiers = [Tier(name="web", image="nginx:1.27", replicas=2, ports=[Port(name="http", port=8080)])]
""",
    "b.py": """
from hagen import Blueprint, Port, Tier

class B(Blueprint):
    name = "b"
    tiers = [Tier(name="api", image="api:1.0", ports=[Port(name="http", port=8080)]),
             Tier(name="worker", image="worker:1.0")]
""",
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "blueprints"
    folder.mkdir()
    for name, text in BLUEPRINTS.items():
        (folder / name).write_text(text)
    return folder


def _altered(monkeypatch: pytest.MonkeyPatch, change: Callable[[dict[str, Any]], None]) -> None:
    """Each object `change`d as the streamed path receives it."""
    real = _streamed.synthesize_identified

    def changed(obj: dict[str, Any]) -> dict[str, Any]:
        change(obj)
        return obj

    def each(
        spec: hagen.BlueprintSpec, convert: Callable[[Any, str], Any], *args: Any, **options: Any
    ) -> list[Any]:
        return real(spec, lambda obj, _: convert(changed(obj), hagen.object_id(obj)), *args, **options)

    monkeypatch.setattr(_streamed, "synthesize_identified", each)


def test_streamed_synth_never_builds_a_whole_synthesis_and_writes_what_plan_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    planned = hagen.plan([folder])  # rendered from whole syntheses

    def whole(*_: Any, **__: Any) -> None:
        raise AssertionError("a blueprint without releases was synthesized whole")

    monkeypatch.setattr(_api, "synthesize", whole)
    report = hagen.synth([folder], tmp_path / "out")
    written = {
        p.relative_to(tmp_path / "out").as_posix(): p.read_text()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    }
    assert written == planned
    assert sorted(report.written) == sorted(p for p in planned if p != ".hagen-owned")


def test_a_schema_error_found_while_streaming_is_the_whole_report_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)

    def bad(obj: dict[str, Any]) -> None:
        if obj["kind"] in ("Deployment", "Service"):
            obj["spec"]["replicaz"] = 2

    syntheses = hagen.synthesize_all([folder])
    for synthesis in syntheses:
        for obj in synthesis.objects:
            bad(obj)
    expected = hagen.validate_objects([o for s in syntheses for o in s.objects])
    # each error names the blueprint that made its object, as the whole synthesis's validation says it
    made_by = {hagen.object_id(o): s.blueprint for s in syntheses for o in s.objects}
    errors = tuple(
        replace(e, source=made_by[e.object_id].source, class_name=made_by[e.object_id].class_name)
        for e in expected.errors
    )
    _altered(monkeypatch, bad)
    with pytest.raises(hagen.InvalidOutput) as caught:
        hagen.synth([folder], tmp_path / "out")
    assert caught.value.reports == {"": replace(expected, errors=errors)}
    assert {(e.source, e.class_name) for e in errors} == {
        (str(folder / "a.py"), "A"),
        (str(folder / "b.py"), "B"),
    }
    assert len(expected.errors) == 5  # three Deployments, two Services
    assert not (tmp_path / "out").exists()


def test_a_value_no_reader_reads_back_is_refused_as_render_refuses_it_before_schema_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)

    def unwritable(obj: dict[str, Any]) -> None:
        if obj["kind"] == "PodDisruptionBudget":
            obj["metadata"]["labels"]["x"] = 2**70  # also a schema error
        if obj["kind"] == "Service":
            obj["spec"]["replicaz"] = 2

    (synthesis, _) = hagen.synthesize_all([folder])
    for obj in synthesis.objects:
        unwritable(obj)
    with pytest.raises(hagen.HagenError) as rendered:
        hagen.render(synthesis)
    _altered(monkeypatch, unwritable)
    with pytest.raises(hagen.HagenError) as caught:
        hagen.synth([folder], tmp_path / "out")
    assert type(caught.value) is type(rendered.value)
    assert str(caught.value) == str(rendered.value)
    assert "metadata.labels.x" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_an_earlier_blueprints_unwritable_value_outranks_a_later_ones_conflict(tmp_path: Path) -> None:
    # A value no reader reads back is an error of synthesis (`synthesize` refuses it): raised before the
    # conflicts between blueprints are looked for, streamed or whole.
    folder = _folder(tmp_path)
    (folder / "a.py").write_text(
        BLUEPRINTS["a.py"]
        + '    objects = [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "n": 2**70}]\n'
    )
    (folder / "b.py").write_text(
        BLUEPRINTS["b.py"]
        .replace('name = "b"', 'name = "b"\n    storage_classes = [StorageClass(name="gp3", fs_type="xfs")]')
        .replace("import Blueprint,", "import Blueprint, StorageClass,")
    )
    expected = (
        f"{folder.as_posix()}/a.py: A: cannot write n as YAML: 1180591620717411303424 is beyond 64 bits; "
        "Kubernetes numbers are int64"
    )
    for call in (lambda: hagen.synth([folder], tmp_path / "out"), lambda: hagen.plan([folder])):
        with pytest.raises(hagen.InputError) as caught:
            call()
        assert str(caught.value) == expected
    assert not (tmp_path / "out").exists()


def test_an_unknown_kube_version_is_refused_with_the_same_message(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with pytest.raises(hagen.HagenError) as expected:
        hagen.validate_objects([], "0.1")
    with pytest.raises(hagen.HagenError) as caught:
        hagen.synth([folder], tmp_path / "out", kube_version="0.1")
    assert str(caught.value) == str(expected.value)
    assert not (tmp_path / "out").exists()


def test_each_object_is_validated_once_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hagen._validate

    folder = _folder(tmp_path)
    objects = sum(len(s.objects) for s in hagen.synthesize_all([folder]))
    real = hagen._validate.validate_objects
    seen: list[int] = []

    def counted(objs: Any, *args: Any, **options: Any) -> hagen.ValidationReport:
        listed = list(objs)
        seen.append(len(listed))
        return real(listed, *args, **options)

    monkeypatch.setattr(hagen._validate, "validate_objects", counted)
    monkeypatch.setattr(_streamed, "BATCH", 3)
    hagen.synth([folder], tmp_path / "out")
    assert sum(seen) == objects  # calls with no object only resolve the Kubernetes version
    assert max(seen) == 3 and len([n for n in seen if n]) == sum(-(-n // 3) for n in (5, 6))


def test_file_maps_read_as_the_dict_they_stand_for() -> None:
    """The writer's view of the files: a header held once per blueprint, blueprints layered as
    dict.update() of each in turn would merge them."""
    headed = _streamed.Headed("# head\n", {"x/a.yaml": "---\na: 1\n", "x/k.yaml": "old"}, {"x/k.yaml": "k"})
    with pytest.raises(KeyError):
        headed["x/missing.yaml"]
    layered = _streamed.Layered([headed, {"y/b.yaml": "b", "x/a.yaml": "other"}])
    expected: dict[str, str] = {"x/a.yaml": "# head\n---\na: 1\n", "x/k.yaml": "k"}
    expected.update({"y/b.yaml": "b", "x/a.yaml": "other"})
    assert dict(layered) == expected and len(layered) == 3 and list(layered) == list(expected)
    assert "y/b.yaml" in layered and "z.yaml" not in layered

"""A value no YAML reader reads back is refused where a synthesis is made: every API function that
synthesizes raises what `hagen synth` raises (the commands: tests/test_render_errors.py), and the check
refuses what the emitter refuses, with its message."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen._yaml import dump
from hagen._yaml._writable import check_writable

BLUEPRINT = """\
from hagen import Blueprint, Tier


class App(Blueprint):
    name = "app"
    namespace = "app"
    tiers = [Tier(name="web", image="nginx:1.27", replicas=2)]
    objects = [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "x\\ud800"}},
    ]
"""
EXPECTED = (
    "blueprints/app.py: App: cannot write data.a as YAML: 'x\\ud800' holds a lone surrogate (\\ud800), not "
    "valid UTF-8: libyaml and go-yaml stop at it"
)


def test_every_api_function_that_synthesizes_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "hagen.toml").write_text('blueprints = ["blueprints"]\nout = "out"\n')
    (tmp_path / "blueprints" / "app.py").write_text(BLUEPRINT)
    monkeypatch.chdir(tmp_path)
    (spec,) = hagen.load_blueprints()
    profile = hagen.ClusterProfile.shorthand(nodes=2)
    calls = {
        "synthesize": lambda: hagen.synthesize(spec),
        "synthesize_each": lambda: hagen.synthesize_each(spec, len),  # a conversion that writes no YAML
        "synthesize_all": lambda: hagen.synthesize_all(),
        "check": lambda: hagen.check("blueprints"),
        "check(spec)": lambda: hagen.check(spec),
        "place": lambda: hagen.place("blueprints", profile),
        "report": lambda: hagen.report(),
        "plan": lambda: hagen.plan(),
        "synth": lambda: hagen.synth(),
    }
    for name, call in calls.items():
        with pytest.raises(hagen.InputError) as caught:
            call()
        assert str(caught.value) == EXPECTED, name
    assert not (tmp_path / "out").exists()


WRITABLE: list[Any] = [
    {"a": 1.5, "b": [1, "x", None, True], "c": {}},
    {"emoji": "\U0001f600 ok", "accent": "caf\u00e9"},  # non-ASCII, no lone surrogate
    {"digits": "12345678901234567890", "n": 2**63 - 1, "m": -(2**63)},  # 19 digits, within int64
    {"when": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), "day": datetime.date(2026, 1, 1)},
    {datetime.date(2026, 1, 1): "a date as a key", 3: "an int key"},
    ("a", "tuple"),
]
REFUSED: list[Any] = [
    {"a": [1.0, float("nan")]},
    {"a": {"b": float("-inf")}},
    {float("inf"): "a key"},
    {"a": "\udfff"},
    {"a\ud800": 1},
    {"n": 2**63},
    {"n": -(2**63) - 1},
    {"when": datetime.datetime(2026, 1, 1)},
    {"path": Path("x")},
    {"set": {1, 2}},
]


@pytest.mark.parametrize("data", WRITABLE, ids=range(len(WRITABLE)))
def test_what_the_emitter_writes_passes(data: Any) -> None:
    dump(data)
    assert check_writable(data) is None


@pytest.mark.parametrize("data", REFUSED, ids=range(len(REFUSED)))
def test_what_the_emitter_refuses_is_refused_with_its_message(data: Any) -> None:
    with pytest.raises(hagen.InputError) as emitted:
        dump(data)
    with pytest.raises(hagen.InputError) as checked:
        check_writable(data)
    assert str(checked.value) == str(emitted.value)
    assert str(checked.value).startswith("cannot write ")

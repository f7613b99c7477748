"""`hagen synth` (to files, to stdout, for targets) and the API name the blueprint file and class of each
schema error, with the object, the field and the words `hagen check` gives the same object's
schema.invalid; exit 2 (the blueprint is bad input), nothing written or printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hagen
from tests.conftest import run_hagen

BAD = """
from hagen import Blueprint, JsonPatch, Port, Tier


class Bad(Blueprint):
    name = "bad"
    namespace = "bad"
    tiers = [Tier(name="api", image="registry.example.com/api:1.0.0", replicas=2,
                  ports=[Port(name="http", port=8080)])]
    patches = [JsonPatch(api_version="apps/v1", kind="Deployment", name="api",
                         ops=[{"op": "replace", "path": "/spec/replicas", "value": "two"}])]
"""


SYNTH_ERROR = (
    "error: blueprints/bad.py: Bad: apps.Deployment.bad.api [bad/api]: "
    'spec.replicas: expected integer, got string "two"'
)
SYNTH_REFUSED = (
    f"{SYNTH_ERROR}\n"
    "4 objects validated against Kubernetes 1.35: 1 error in 1 object, 0 not validated\n\n"
    "hagen synth: objects fail the Kubernetes schema; nothing {done}\n"
)


@pytest.fixture
def bad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "bad.py").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_synth_names_the_blueprint_of_a_schema_error_as_check_does(bad: Path) -> None:
    files = run_hagen("synth", cwd=bad)
    assert (files.returncode, files.stdout, files.stderr) == (2, "", SYNTH_REFUSED.format(done="written"))
    assert not (bad / "out").exists()
    stream = run_hagen("synth", "--stdout", cwd=bad)
    assert (stream.returncode, stream.stdout, stream.stderr) == (2, "", SYNTH_REFUSED.format(done="printed"))
    check = run_hagen("check", cwd=bad)
    assert check.stdout.splitlines()[:2] == [
        "error schema.invalid: bad/api apps.Deployment.bad.api (blueprints/bad.py)",
        '  spec.replicas: expected integer, got string "two"',
    ]
    # the same file, object, field and words in both
    [finding] = [f for f in json.loads(run_hagen("check", "--format", "json", cwd=bad).stdout)["findings"]]
    where = f"error: {finding['file']}: Bad: {finding['object_id']} [bad/api]: {finding['message']}"
    assert where == SYNTH_ERROR


def test_the_api_raises_the_message_synth_prints(bad: Path) -> None:
    for call in (lambda: hagen.synth(["blueprints"], "out"), lambda: hagen.synthesize_stream(["blueprints"])):
        with pytest.raises(hagen.InvalidOutput) as caught:
            call()
        assert str(caught.value) == SYNTH_REFUSED.split("\n\n")[0] + "\n"
        [error] = caught.value.report.errors
        assert (error.source, error.class_name, error.object_id, error.path, error.value) == (
            "blueprints/bad.py",
            "Bad",
            "apps.Deployment.bad.api",
            "spec.replicas",
            "two",
        )
    assert not (bad / "out").exists()


def test_synth_of_targets_names_the_blueprint_too(bad: Path) -> None:
    (bad / "hagen.toml").write_text("[targets.dev]\n")
    result = run_hagen("synth", cwd=bad)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"target dev:\n{SYNTH_REFUSED.format(done='written')}"
    assert not (bad / "out").exists()

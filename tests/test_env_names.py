"""Environment variable names: the blueprint accepts what the newest API server accepts (printable ASCII
but '='); validation at the version deployed to refuses what an older one would, in its own words."""

from __future__ import annotations

from pathlib import Path

from tests._service import write_blueprint
from tests.conftest import run_hagen

TIER = 'Tier(name="api", image="registry.example.com/app:1.0.0", env={{{env}}})'


def _blueprint(folder: Path, env: str) -> Path:
    return write_blueprint(
        folder, f"class App(Blueprint):\n    name = 'app'\n    tiers = [{TIER.format(env=env)}]\n"
    )


def test_a_name_kubernetes_1_32_accepts_is_synthesized(tmp_path: Path) -> None:
    path = _blueprint(tmp_path / "bp", '"1ST": "x", "WITH SPACE": "y"')
    proc = run_hagen("synth", str(path), "--stdout", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "- name: 1ST\n" in proc.stdout and "- name: WITH SPACE\n" in proc.stdout


def test_an_older_version_refuses_it_with_the_api_servers_words(tmp_path: Path) -> None:
    path = _blueprint(tmp_path / "bp", '"1ST": "x"')
    proc = run_hagen("synth", str(path), "--stdout", "--kube-version", "1.31", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "spec.template.spec.containers[0].env[0].name" in proc.stderr
    assert "must not start with a digit" in proc.stderr


def test_an_equals_sign_is_refused_at_load(tmp_path: Path) -> None:
    path = _blueprint(tmp_path / "bp", '"A=B": "x"')
    proc = run_hagen("synth", str(path), "--stdout", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "'A=B' is not an environment variable name: printable ASCII characters except '='" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1

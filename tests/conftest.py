"""Shared fixtures: the repository root, and running the real `hagen` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Timing belongs in bench/: a loaded CI machine must not fail a property test for being slow.
settings.register_profile("hagen", deadline=None)
settings.load_profile("hagen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
REFERENCE = ROOT.parent / "shared" / "reference"


def run_hagen(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m hagen ARGS` as a user would, capturing output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "hagen", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def hagen_cli():  # type: ignore[no-untyped-def]
    return run_hagen


from ._goyaml import go_yaml  # noqa: E402, F401  (the Go YAML reader fixture, shared by every test file)


def require_helm_engine() -> None:
    """Skip a test that renders a chart where Helm's engine is missing; under CI=true it must be there."""
    from hagen._helm import render_available

    reason = render_available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)

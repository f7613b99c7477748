"""Skip a test module when cdk8s cannot run here: the optional extra, or Node.js, is missing."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest


def require_cdk8s() -> None:
    """Module-level skip with the reason; Node is checked first (importing cdk8s starts it)."""
    for module in ("cdk8s", "cdk8s_plus_32"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (pip install 'hagen[cdk8s]')", allow_module_level=True)
    if shutil.which(os.environ.get("JSII_NODE", "node")) is None:
        pytest.skip("Node.js is not installed: cdk8s runs through jsii on Node", allow_module_level=True)

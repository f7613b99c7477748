"""The optional real render: a tiny chart of the test data, rendered with the release's values."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hagen._helm import Chart, HelmRelease, RenderUnavailable, render_available, render_release
from tests.conftest import DATA

TINY = DATA / "charts" / "tiny"
RELEASE = HelmRelease(
    name="demo",
    namespace="web",
    chart=Chart(name="tiny", repository="https://charts.example.org"),
    version="0.1.0",
)


def test_render_with_values() -> None:
    if (reason := render_available()) is not None:
        pytest.skip(reason)
    objects = render_release(RELEASE, {"service": {"type": "LoadBalancer", "port": 8080}}, TINY)
    assert [(o["kind"], o["metadata"]["name"], o["metadata"]["namespace"]) for o in objects] == [
        ("ConfigMap", "demo-greeting", "web"),  # namespace filled in as `helm install -n web` would
        ("Service", "demo", "web"),
    ]
    service = objects[1]
    assert service["spec"]["type"] == "LoadBalancer"
    assert service["spec"]["ports"] == [{"name": "http", "port": 8080}]


def test_render_without_a_chart_copy_says_so() -> None:
    with pytest.raises(RenderUnavailable, match="no local copy of chart tiny"):
        render_release(RELEASE, {}, None)


def test_render_without_the_package_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "helm_python", None)  # import now raises ImportError
    assert "helm-python-sdk" in (render_available() or "")
    with pytest.raises(RenderUnavailable, match="pip install"):
        render_release(RELEASE, {}, TINY)


def test_render_errors_are_chart_errors(tmp_path: Path) -> None:
    if (reason := render_available()) is not None:
        pytest.skip(reason)
    broken = tmp_path / "tiny"
    (broken / "templates").mkdir(parents=True)
    (broken / "Chart.yaml").write_text("apiVersion: v2\nname: tiny\nversion: 0.1.0\n")
    (broken / "templates" / "cm.yaml").write_text(
        "kind: ConfigMap\nmetadata:\n  name: {{ .Values.missing.deep }}\n"
    )
    with pytest.raises(Exception, match="does not render") as info:
        render_release(RELEASE, {}, broken)
    assert not isinstance(info.value, RenderUnavailable)

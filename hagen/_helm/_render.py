"""An optional real render of a release: the objects the chart would create with hagen's values.

It uses the helm-python-sdk package (Helm's Go SDK through a C library, no helm binary, no cluster) and a
local copy of the chart. Both are optional: without them `render_release` raises RenderUnavailable, a
ChartError whose message says what is missing, and callers go on without the rendered objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._errors import ChartError, HagenError
from .._objects import Object, sort_objects
from .._scope import cluster_scoped_kinds, is_cluster_scoped
from .._yaml import load_objects
from ._merge import Values
from ._release import HelmRelease


class RenderUnavailable(ChartError):
    """The render cannot run here: the helm-python-sdk package or a local chart copy is missing."""


def _helm_module() -> Any:
    try:
        import helm_python
    except (ImportError, OSError) as exc:  # OSError: the bundled shared library does not load here
        raise RenderUnavailable(
            f"rendering charts needs the helm-python-sdk package (pip install 'hagen[helm]'): {exc}"
        ) from None
    return helm_python


def render_available() -> str | None:
    """None when releases can be rendered here, else the reason they cannot."""
    try:
        _helm_module()
    except RenderUnavailable as exc:
        return str(exc)
    return None


def engine_version() -> str:
    """``helm-python-sdk 0.2.2 (Helm v4.2.3)``: the render engine; RenderUnavailable without it."""
    helm = _helm_module()
    return f"helm-python-sdk {helm.__version__} (Helm {helm.helm_sdk_version()})"


def render_manifests(
    release: HelmRelease, values: Values, chart: Path | str | None, *, crds: bool = False
) -> dict[str, str]:
    """Template path -> rendered text, as ``helm template`` renders a first install of `chart` (a chart
    directory or .tgz); with `crds`, the chart's ``crds/`` files too, under ``<chart>/crds/<file>``."""
    chart = Path(chart) if chart is not None else None  # a str path or a Path
    if chart is None or not chart.exists():
        raise RenderUnavailable(
            f"release {release.name}: no local copy of chart {release.chart.name} to render"
        )
    helm = _helm_module()
    try:
        with helm.Chart.load(chart) as loaded:
            manifests: dict[str, str] = loaded.render(
                values, name=release.name, namespace=release.namespace, is_install=True
            )
            if crds:
                for crd in loaded.crds:  # filename is <chart>/crds/<file>, as Helm names templates
                    manifests[str(crd["filename"])] = crd["data"]
    except helm.HelmError as exc:
        raise ChartError(f"release {release.name}: chart {chart} does not render: {exc}") from None
    return manifests


def manifest_objects(
    release: HelmRelease, manifests: dict[str, str], chart: Path
) -> list[tuple[str, Object]]:
    """(template, object) for every object of rendered `manifests`, templates in sorted order; NOTES.txt
    and empty documents dropped; objects without a namespace get the release namespace, as
    ``helm install -n`` would apply them."""
    found: list[tuple[str, Object]] = []
    for template, text in sorted(manifests.items()):
        if not template.endswith((".yaml", ".yml")) or not text.strip():
            continue
        try:
            found.extend((template, obj) for obj in load_objects(text, f"{chart}: {template}"))
        except HagenError as exc:
            raise ChartError(f"release {release.name}: {exc}") from None
    scoped = cluster_scoped_kinds([obj for _, obj in found])  # the chart's CRDs may declare such kinds
    for _, obj in found:
        meta = obj.setdefault("metadata", {})
        if not is_cluster_scoped(obj, scoped) and not meta.get("namespace"):
            meta["namespace"] = release.namespace
    return found


def render_release(release: HelmRelease, values: Values, chart: Path | str | None) -> list[Object]:
    """The Kubernetes objects `chart` (a chart directory or .tgz) renders for `release` with `values`.

    Rendered as a first install (``helm template --is-upgrade=false``); objects without a namespace get
    the release namespace, as ``helm install -n`` would apply them; NOTES.txt and empty documents are
    dropped; objects come back in hagen's kind order. RenderUnavailable without the engine or the chart;
    ChartError when the chart does not render.
    """
    manifests = render_manifests(release, values, chart)
    assert chart is not None  # render_manifests refused a missing chart
    return sort_objects(obj for _, obj in manifest_objects(release, manifests, Path(chart)))

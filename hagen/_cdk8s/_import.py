"""cdk8s -> hagen: synthesize a cdk8s Chart (or whatever builds one) into plain Kubernetes objects.

A blueprint lists charts in `cdk8s_charts`; each entry may be

- a cdk8s ``Chart`` (or an ``App``: all of its charts),
- a function of no arguments returning a Chart or an App,
- a function of one argument, called with a fresh ``App`` to build its charts in (what it returns, a
  Chart or an App, is used; if it returns nothing, every chart it added to the App),
- a ``Chart`` subclass, instantiated as ``cls(App(), "<class-name-in-kebab-case>")``.

Synthesis goes through cdk8s itself (``Chart.to_json()``: dependency resolution, validation, resolvers),
so the objects are what ``cdk8s synth`` would write. cdk8s stamps the chart's namespace on every object,
cluster-scoped ones included; hagen removes it from those (a StorageClass or Namespace with a namespace is
wrong, and `kubectl apply` of it fails on some servers). The scope is hagen._scope's: every built-in kind
of the Kubernetes versions hagen has schemas for, and custom kinds the chart's own CRDs declare Cluster.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from typing import Any

from .._errors import BlueprintError, HagenError
from .._objects import Object, object_id, sort_objects
from .._scope import GroupKind, cluster_scoped_kinds, is_cluster_scoped
from ._runtime import missing_module, require

FIELD = "cdk8s_charts"
ALLOWED = (
    "a cdk8s Chart or App, a function returning one, a function taking an App, or a Chart subclass "
    "taking (scope, id)"
)


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


def _described(source: Any) -> str:
    """`module.function` for a builder, `chart 'path'` for a construct (its construct path)."""
    node = getattr(source, "node", None)
    if node is not None and not isinstance(source, type):
        return f"chart {node.path or '(app)'!r}"
    name = getattr(source, "__qualname__", None) or type(source).__name__
    return f"{getattr(source, '__module__', '?')}.{name}"


def _charts_of(result: Any, app: Any, source: Any) -> list[Any]:
    from cdk8s import App, Chart

    if isinstance(result, Chart):
        return [result]
    if isinstance(result, App):
        return list(result.charts)
    if result is None and app is not None:
        return list(app.charts)
    raise BlueprintError(
        f"{_described(source)} returned {type(result).__name__}, not a cdk8s Chart or App",
        field=FIELD,
        allowed=ALLOWED,
    )


def _build(source: Any) -> list[Any]:
    """The cdk8s charts `source` stands for, building them if it is a function or a Chart subclass."""
    from cdk8s import App, Chart

    if isinstance(source, Chart | App):
        return _charts_of(source, None, source)
    if isinstance(source, type) and issubclass(source, Chart):
        app = App()
        return [source(app, _kebab(source.__name__))]
    if not callable(source):
        raise BlueprintError(f"{source!r} is not a cdk8s chart", field=FIELD, value=source, allowed=ALLOWED)
    build: Callable[..., Any] = source
    required = [
        p
        for p in inspect.signature(build).parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(required) > 1:
        raise BlueprintError(
            f"{_described(source)} takes {len(required)} arguments; hagen can pass at most one (an App)",
            field=FIELD,
            allowed=ALLOWED,
        )
    if not required:
        return _charts_of(build(), None, source)
    app = App()
    return _charts_of(build(app), app, source)


def _plain(value: Any) -> Any:
    """JSON-shaped Python data (jsii hands back dicts and lists; this also drops any proxy types)."""
    return json.loads(json.dumps(value))


def _finish(obj: Object, scoped: frozenset[GroupKind]) -> Object:
    if is_cluster_scoped(obj, scoped):
        # cdk8s puts the chart's namespace on every ApiObject, whatever its scope (cdk8s-core#731).
        obj.get("metadata", {}).pop("namespace", None)
    return obj


def import_objects(source: Any) -> list[Object]:
    """The Kubernetes objects of a cdk8s chart, as plain dicts in hagen's order (see the module docstring).

    Raises Cdk8sUnavailable when cdk8s or Node.js is missing, BlueprintError when `source` is not a chart
    or cdk8s refuses it (its validation errors are quoted).
    """
    require()
    try:
        charts = _build(source)
        if not charts:
            raise BlueprintError(f"{_described(source)} built no cdk8s chart", field=FIELD, allowed=ALLOWED)
        raw = [item for chart in charts for item in chart.to_json()]
    except HagenError:
        raise
    except ModuleNotFoundError as exc:
        unavailable = missing_module(exc)
        if unavailable is not None:
            raise unavailable from None
        raise BlueprintError(f"building {_described(source)} failed: {exc}", field=FIELD) from None
    except Exception as exc:  # user code and cdk8s validation: input, not a hagen crash
        text = str(exc).strip().splitlines()
        reason = " / ".join(line.strip() for line in text[:4]) or type(exc).__name__
        raise BlueprintError(
            f"cdk8s could not synthesize {_described(source)}: {reason}", field=FIELD
        ) from None
    plain = _plain(raw)
    scoped = cluster_scoped_kinds(plain)  # built-in kinds, and custom ones the chart's CRDs declare Cluster
    objects = [_finish(obj, scoped) for obj in plain]
    seen: set[str] = set()
    for obj in objects:
        key = object_id(obj)
        if key in seen:
            raise BlueprintError(f"{_described(source)} produces {key} twice", field=FIELD)
        seen.add(key)
    return sort_objects(objects)

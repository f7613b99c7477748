"""hagen inside cdk8s apps, and cdk8s charts inside hagen.

Export: put a blueprint's objects in a cdk8s app, so that ``cdk8s synth`` writes them with the rest::

    from cdk8s import App, Chart
    from hagen.cdk8s import add_blueprint
    from blueprints.shop import Shop

    app = App()
    add_blueprint(Chart(app, "shop"), Shop)     # or add_blueprint(app, Shop): a chart of its own
    app.synth()

The objects are exactly those of ``hagen synth`` (cluster-scoped ones carry no namespace even in a chart
that has one; the chart's labels are added, as cdk8s adds them to every object).

Import: ``chart_objects(chart)`` is what a blueprint's ``cdk8s_charts`` entries become: the chart's
objects as plain dicts, ready for hagen's diff, validate, check and place. See docs/cdk8s.md.

Importing this module imports cdk8s (and starts Node.js); hagen itself never does unless a blueprint asks.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._cdk8s import Cdk8sUnavailable, add_objects, import_objects, require

require("hagen.cdk8s")

from ._blueprint import Blueprint, BlueprintSpec, build_spec, load_blueprints  # noqa: E402
from ._synth import Synthesis, synthesize  # noqa: E402

__all__ = ["Cdk8sUnavailable", "add_blueprint", "add_blueprints", "blueprint_objects", "chart_objects"]

BlueprintLike = type[Blueprint] | BlueprintSpec | Synthesis


def blueprint_objects(blueprint: BlueprintLike) -> tuple[str, list[dict[str, Any]]]:
    """(blueprint name, its objects as `hagen synth` writes them) for a class, spec or synthesis."""
    if isinstance(blueprint, Synthesis):
        synthesis = blueprint
    elif isinstance(blueprint, BlueprintSpec):
        synthesis = synthesize(blueprint)
    elif isinstance(blueprint, type) and issubclass(blueprint, Blueprint):
        source = inspect.getsourcefile(blueprint) or ""
        synthesis = synthesize(build_spec(blueprint, source=source))
    else:
        raise TypeError(
            f"expected a Blueprint subclass, BlueprintSpec or Synthesis, got {type(blueprint).__name__}"
        )
    return synthesis.blueprint.name, synthesis.objects


def add_blueprint(scope: Any, blueprint: BlueprintLike, construct_id: str | None = None) -> Any:
    """Add a blueprint's Kubernetes objects under `scope` (a Chart or a construct in one, or an App).

    Returns the construct holding one ``ApiObject`` per object (id: the blueprint name unless given). In
    an App (no enclosing Chart) that construct is a new Chart without a namespace. Helm values and the
    eksctl fragment are not Kubernetes objects and stay with ``hagen synth``.
    """
    name, objects = blueprint_objects(blueprint)
    return add_objects(scope, construct_id or name, objects)


def add_blueprints(scope: Any, paths: Sequence[str | Path] = ("blueprints",)) -> list[Any]:
    """`add_blueprint` for every blueprint found in `paths` (files or folders), in name order."""
    return [add_blueprint(scope, spec) for spec in load_blueprints(paths)]


def chart_objects(chart: Any) -> list[dict[str, Any]]:
    """The objects of a cdk8s Chart (or App, or function building one) as hagen reads them: plain dicts,
    cluster-scoped kinds without a namespace, in hagen's order."""
    return import_objects(chart)

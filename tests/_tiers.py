"""Helper of the DSL tests: tiers built in a test -> the objects hagen synthesizes for them."""

from __future__ import annotations

from typing import Any

import hagen
from hagen import Blueprint, ConfigMap, Gateway, Tier
from hagen._blueprint import build_spec


def objects(
    *tiers: Tier, gateways: tuple[Gateway, ...] = (), config_maps: tuple[ConfigMap, ...] = ()
) -> dict[str, dict[str, Any]]:
    """Kind/name -> object, of a blueprint `app` with these tiers (and Gateways, ConfigMaps)."""

    class App(Blueprint):
        name = "app"

    App.tiers = list(tiers)  # type: ignore[attr-defined]
    App.gateways = list(gateways)  # type: ignore[attr-defined]
    App.config_maps = list(config_maps)  # type: ignore[attr-defined]
    synthesis = hagen.synthesize(build_spec(App, "app.py"))
    return {f"{o['kind']}/{o['metadata']['name']}": o for o in synthesis.objects}

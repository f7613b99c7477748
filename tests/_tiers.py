"""Helpers of the DSL tests: tiers built in a test -> the objects hagen synthesizes; a blueprint file."""

from __future__ import annotations

import textwrap
from pathlib import Path
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


def write_app(folder: Path, body: str, names: str) -> Path:
    """folder/app.py: `from hagen import <names>` and the dedented `body`; the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "app.py"
    path.write_text(f"from hagen import ({names})\n" + textwrap.dedent(body))
    return path

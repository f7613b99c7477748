"""Helpers of the configuration, secret, identity and escape-hatch tests: a blueprint file and its objects."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import hagen

HEADER = (
    "from hagen import (Blueprint, Tier, Port, ConfigMap, ConfigFiles, SecretFiles, EnvFrom,\n"
    "    ConfigMapKeyRef, SecretKeyRef, ExternalSecret, RemoteRef, SealedSecret, Identity, JsonPatch,\n"
    "    StrategicMerge)\n"
)
IMAGE = "registry.example.com/app:1.0.0"


def write_blueprint(folder: Path, body: str, name: str = "app.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + textwrap.dedent(body))
    return path


def objects_of(path: Path) -> dict[str, dict[str, Any]]:
    """object id -> object of the one blueprint in `path`."""
    (spec,) = hagen.load_blueprints([path])
    return {hagen.object_id(o): o for o in hagen.synthesize(spec).objects}


def pod(objects: dict[str, dict[str, Any]], name: str, kind: str = "Deployment") -> dict[str, Any]:
    """The pod template of a workload in namespace `app`."""
    template: dict[str, Any] = objects[f"apps.{kind}.app.{name}"]["spec"]["template"]
    return template

"""The blueprint DSL: what a platform team writes to describe a service."""

from .._quantity import QuantityError, parse_quantity
from ._container import ConfigMapKeyRef, Port, Probe, Resources, SecretKeyRef, Strategy
from ._discover import blueprint_files, load_blueprints
from ._image import ImageRef, parse_image
from ._scheduling import Avoid, Colocate, Separate, Spread, avoid, colocate, separate, spread
from ._spec import Blueprint, BlueprintSpec, build_spec
from ._tier import Tier

__all__ = [
    "Avoid",
    "Blueprint",
    "BlueprintSpec",
    "Colocate",
    "ConfigMapKeyRef",
    "ImageRef",
    "Port",
    "Probe",
    "QuantityError",
    "Resources",
    "SecretKeyRef",
    "Separate",
    "Spread",
    "Strategy",
    "Tier",
    "avoid",
    "blueprint_files",
    "build_spec",
    "colocate",
    "load_blueprints",
    "parse_image",
    "parse_quantity",
    "separate",
    "spread",
]

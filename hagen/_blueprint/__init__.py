"""The blueprint DSL: what a platform team writes to describe a service."""

from .._quantity import QuantityError, parse_quantity
from ._container import ConfigMapKeyRef, Port, Probe, Resources, SecretKeyRef, Strategy
from ._containers import Container
from ._discover import blueprint_files, load_blueprints
from ._image import ImageRef, parse_image
from ._ingress import Alb, Gateway, HttpRoute, Listener, Route
from ._kinds import Autoscale, CronJob, DaemonSet, Job, SharedVolume
from ._lb import LoadBalancer
from ._scheduling import Avoid, Colocate, Separate, Spread, avoid, colocate, separate, spread
from ._spec import Blueprint, BlueprintSpec, build_spec
from ._tier import Tier

__all__ = [
    "Alb",
    "Autoscale",
    "Avoid",
    "Blueprint",
    "BlueprintSpec",
    "Colocate",
    "ConfigMapKeyRef",
    "Container",
    "CronJob",
    "DaemonSet",
    "Gateway",
    "HttpRoute",
    "ImageRef",
    "Job",
    "Listener",
    "LoadBalancer",
    "Port",
    "Probe",
    "QuantityError",
    "Resources",
    "Route",
    "SecretKeyRef",
    "Separate",
    "SharedVolume",
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

"""More than one container in a tier's pod: init containers, native sidecars, and helper containers.

A `Container` runs beside (or before) the tier's main container with the same restricted security context.
It shares the pod's volumes by mount path: `shares` names paths of the tier's `writable_paths` (emptyDir)
volumes or files, mounted at the same path, so the main container and a log shipper see the same files.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from .._integers import Int64
from .._model import model_check
from .._names import dns1123_label
from ._container import EnvName, EnvValue, Model, Port, Probe, Resources
from ._image import pinned_image

ContainerName = Annotated[str, AfterValidator(dns1123_label)]


class Container(Model):
    """A container of the tier's pod besides the main one (spec.initContainers[] or spec.containers[]).

    As an init container it runs to completion before the main container starts; as a sidecar
    (Tier.sidecars) it is an init container with `restartPolicy: Always` (Kubernetes 1.29+): started
    before the main container, running as long as the pod, stopped after it.
    """

    name: ContainerName
    image: str
    allow_latest: bool = False
    command: tuple[str, ...] | None = None
    args: tuple[str, ...] | None = None
    env: dict[EnvName, EnvValue] = Field(default_factory=dict)
    ports: tuple[Port, ...] = Field(default=(), description="containerPorts (not exposed by the Service)")
    resources: Resources = Field(default=Resources(cpu="50m", memory="64Mi"))
    readiness: Probe | None = Field(default=None, description="sidecars and helpers only")
    shares: tuple[str, ...] = Field(
        default=(), description="mount paths of the tier's writable_paths, volumes, shared_volumes or files"
    )
    read_only_shares: bool = Field(default=False, description="mount the shared paths read-only")
    run_as_user: Int64 | None = Field(default=None, ge=0)

    @model_check
    def _probe_port(self) -> Container:
        probe = self.readiness
        if probe is None or probe.command is not None:
            return self
        names = [p.name for p in self.ports]
        if probe.port is None and not names:
            raise ValueError(
                f"container {self.name!r}: an HTTP or TCP probe checks a port, and it declares none"
            )
        if isinstance(probe.port, str) and probe.port not in names:
            raise ValueError(
                f"container {self.name!r}: probe port {probe.port!r} is not one of its ports ({names})"
            )
        return self

    @field_validator("image")
    @classmethod
    def _image_pinned(cls, value: str, info: ValidationInfo) -> str:
        return pinned_image(value, bool(info.data.get("allow_latest", False)))

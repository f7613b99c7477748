"""What runs in a tier's containers: ports, environment, resources, probes, rollout strategy."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, field_validator

from .._integers import Int32
from .._model import HagenModel, model_check
from .._names import dns1123_subdomain, env_name, port_name
from .._quantity import check_quantity, parse_quantity

PortName = Annotated[str, AfterValidator(port_name)]
EnvName = Annotated[str, AfterValidator(env_name)]
ObjectName = Annotated[str, AfterValidator(dns1123_subdomain)]


def _quantity(value: str | int) -> str:
    check_quantity(value)  # a QuantityError is a ValueError: pydantic reports it with the field
    return str(value)


Quantity = Annotated[str | int, AfterValidator(_quantity)]


class Model(HagenModel):
    """Base of every blueprint model: frozen (hashable, safe to share) and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class Port(Model):
    """A container port (spec.containers[].ports[]) and, when the tier is exposed, its Service port."""

    name: PortName = Field(description="Port name; Services and probes refer to the port by it.")
    port: Int32 = Field(ge=1, le=65535, description="containerPort: where the process listens.")
    protocol: Literal["TCP", "UDP", "SCTP"] = "TCP"
    service_port: Int32 | None = Field(
        default=None, ge=1, le=65535, description="Port on the Service; defaults to `port`."
    )


class SecretKeyRef(Model):
    """An env value read from a Secret key (env[].valueFrom.secretKeyRef)."""

    name: ObjectName
    key: str = Field(min_length=1)
    optional: bool | None = None


class ConfigMapKeyRef(Model):
    """An env value read from a ConfigMap key (env[].valueFrom.configMapKeyRef)."""

    name: ObjectName
    key: str = Field(min_length=1)
    optional: bool | None = None


EnvValue = str | SecretKeyRef | ConfigMapKeyRef


class Resources(Model):
    """Requests and limits (spec.containers[].resources), as Kubernetes quantities."""

    cpu: Quantity | None = Field(default=None, description="requests.cpu, e.g. 250m")
    memory: Quantity | None = Field(default=None, description="requests.memory, e.g. 256Mi")
    cpu_limit: Quantity | None = Field(default=None, description="limits.cpu; unset by default (see docs)")
    memory_limit: Quantity | None = Field(
        default=None, description="limits.memory; defaults to the memory request"
    )
    ephemeral_storage: Quantity | None = Field(default=None, description="requests.ephemeral-storage")

    @model_check
    def _limits_cover_requests(self) -> Resources:
        for request, limit, name in (
            (self.cpu, self.cpu_limit, "cpu"),
            (self.memory, self.memory_limit, "memory"),
        ):
            if request is not None and limit is not None and parse_quantity(limit) < parse_quantity(request):
                raise ValueError(f"{name} limit {limit!r} is below its request {request!r}")
        return self


class Probe(Model):
    """A readiness, liveness or startup probe; exactly one of http_path, tcp, command."""

    http_path: str | None = Field(default=None, description="httpGet.path, e.g. /healthz")
    port: PortName | Int32 | None = Field(
        default=None, description="Port name or number; default: first port"
    )
    tcp: bool = Field(default=False, description="tcpSocket on `port`")
    command: tuple[str, ...] | None = Field(default=None, description="exec.command")
    initial_delay_seconds: Int32 | None = Field(default=None, ge=0)
    period_seconds: Int32 | None = Field(default=None, ge=1)
    timeout_seconds: Int32 | None = Field(default=None, ge=1)
    failure_threshold: Int32 | None = Field(default=None, ge=1)

    @model_check
    def _one_handler(self) -> Probe:
        handlers = [self.http_path is not None, self.tcp, self.command is not None]
        if sum(handlers) != 1:
            raise ValueError("a probe needs exactly one of http_path, tcp=True, command")
        if self.http_path is not None and not self.http_path.startswith("/"):
            raise ValueError(f"http_path {self.http_path!r} must start with '/'")
        return self


class Strategy(Model):
    """The rollout strategy (Deployment spec.strategy).

    Under required per-node separation the default is maxSurge 0 / maxUnavailable 1: a surge pod needs a
    node without a pod of the tier, which a cluster with one node per replica never has.
    """

    type: Literal["RollingUpdate", "Recreate"] = "RollingUpdate"
    max_surge: Int32 | str | None = Field(default=None, description="maxSurge: a count or a percentage")
    max_unavailable: Int32 | str | None = Field(default=None, description="maxUnavailable")

    @field_validator("max_surge", "max_unavailable")
    @classmethod
    def _count_or_percent(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, str) and not (value.endswith("%") and value[:-1].isdigit()):
            raise ValueError(f"{value!r} is neither a count nor a percentage like '25%'")
        if isinstance(value, int) and value < 0:
            raise ValueError(f"{value!r} is negative")
        return value

    @model_check
    def _recreate_has_no_knobs(self) -> Strategy:
        if self.type == "Recreate" and (self.max_surge is not None or self.max_unavailable is not None):
            raise ValueError("Recreate takes no max_surge or max_unavailable")
        return self

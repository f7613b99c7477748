"""A tier: one kind of pod of a service (backend, frontend, ...) and everything it needs to run."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator

from .._config import EnvFrom, Files
from .._identity import Identity
from .._integers import Int32, Int64
from .._model import model_check
from .._names import annotation_key, label_key, label_value
from ._container import EnvName, EnvValue, Model, Port, Probe, Resources, Strategy
from ._containers import Container
from ._image import pinned_image
from ._ingress import Alb, HttpRoute
from ._kinds import Autoscale, CronJob, DaemonSet, Job, SharedVolume
from ._lb import LoadBalancer
from ._scheduling import Colocate, Placement, Separate, TierName
from ._tier_rules import check_tier

LabelKey = Annotated[str, AfterValidator(label_key)]
LabelValue = Annotated[str, AfterValidator(label_value)]
AnnotationKey = Annotated[str, AfterValidator(annotation_key)]

DEFAULT_RESOURCES = Resources(cpu="100m", memory="128Mi")


def _absolute_path(value: str) -> str:
    if not value.startswith("/"):
        raise ValueError(f"{value!r} is not an absolute path")
    return value


AbsolutePath = Annotated[str, AfterValidator(_absolute_path)]


class Tier(Model):
    """One tier of a blueprint; becomes a Deployment (or StatefulSet), its Service, PDB and volumes."""

    # Every default below is a valid value of its field, as validated (tests/test_model_checks.py):
    # validating them again on each of thousands of tiers would only cost time.
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False)

    name: TierName = Field(description="Tier name: the workload and Service name, and the tier label value.")
    allow_latest: bool = Field(default=False, description="accept an untagged or `latest` image")
    image: str = Field(description="repository:tag or repository@digest; `latest` needs allow_latest=True")
    replicas: Int32 = Field(default=1, ge=0, description="spec.replicas")
    ports: tuple[Port, ...] = Field(default=(), description="containers[].ports and the Service ports")
    env: dict[EnvName, EnvValue] = Field(default_factory=dict, description="containers[].env, in this order")
    resources: Resources = Field(
        default=DEFAULT_RESOURCES, description="requests (and limits); memory limit defaults to the request"
    )
    command: tuple[str, ...] | None = Field(default=None, description="containers[].command")
    args: tuple[str, ...] | None = Field(default=None, description="containers[].args")
    readiness: Probe | None = Field(default=None, description="readinessProbe")
    liveness: Probe | None = Field(default=None, description="livenessProbe")
    startup: Probe | None = Field(default=None, description="startupProbe")
    default_probes: bool = Field(
        default=True, description="a TCP readiness and liveness probe on the first port when none is given"
    )
    labels: dict[LabelKey, LabelValue] = Field(default_factory=dict, description="extra labels")
    annotations: dict[AnnotationKey, str] = Field(
        default_factory=dict, description="pod template annotations"
    )
    expose: Literal["ClusterIP", "LoadBalancer", "NodePort", "none"] = Field(
        default="ClusterIP", description="Service type for the tier's ports; 'none' for no Service"
    )
    placement: tuple[Placement, ...] = Field(
        default=(), description="scheduling verbs: separate(), colocate(tier), avoid(tier)"
    )
    strategy: Strategy | None = Field(default=None, description="rollout strategy; default chosen by hagen")
    volumes: tuple[Any, ...] = Field(default=(), description="storage needs (hagen.Volume)")
    writable_paths: tuple[AbsolutePath, ...] = Field(
        default=("/tmp",), description="emptyDir mounts; the root filesystem is read-only"
    )
    read_only_root: bool = Field(default=True, description="securityContext.readOnlyRootFilesystem")
    run_as_user: Int64 | None = Field(default=None, ge=0, description="securityContext.runAsUser")
    run_as_group: Int64 | None = Field(default=None, ge=0, description="securityContext.runAsGroup")
    fs_group: Int64 | None = Field(default=None, ge=0, description="pod securityContext.fsGroup")
    service_account_token: bool = Field(default=False, description="automountServiceAccountToken")
    connects_to: tuple[TierName, ...] = Field(
        default=(), description="tiers this tier calls (the NetworkPolicy allows exactly these paths)"
    )
    suppress: dict[str, str] = Field(
        default_factory=dict, description="finding id -> the written reason it does not apply here"
    )
    load_balancer: LoadBalancer | None = Field(
        default=None, description="the AWS load balancer of a LoadBalancer Service (its annotations)"
    )
    ingress: Alb | HttpRoute | None = Field(default=None, description="HTTP routes: ALB Ingress or HTTPRoute")
    autoscale: Autoscale | None = Field(
        default=None, description="a HorizontalPodAutoscaler (autoscaling/v2)"
    )
    workload: Job | CronJob | DaemonSet | None = Field(
        default=None,
        description="what runs the pods; None: a Deployment (StatefulSet for per-replica volumes)",
    )
    init_containers: tuple[Container, ...] = Field(default=(), description="spec.initContainers, in order")
    sidecars: tuple[Container, ...] = Field(
        default=(), description="native sidecars: initContainers with restartPolicy Always (1.29+)"
    )
    containers: tuple[Container, ...] = Field(
        default=(), description="more spec.containers beside the main one"
    )
    shared_volumes: tuple[SharedVolume, ...] = Field(
        default=(), description="other tiers' volumes mounted here"
    )
    files: tuple[Files, ...] = Field(
        default=(), description="ConfigMaps (ConfigFiles) and Secrets (SecretFiles) mounted as files"
    )
    env_from: tuple[EnvFrom, ...] = Field(default=(), description="containers[].envFrom: whole maps as env")
    identity: Identity | None = Field(
        default=None, description="a ServiceAccount for the tier, with its IAM role (IRSA or Pod Identity)"
    )

    @field_validator("image")
    @classmethod
    def _image_pinned(cls, value: str, info: ValidationInfo) -> str:
        return pinned_image(value, bool(info.data.get("allow_latest", False)))

    @model_check
    def _consistent(self) -> Tier:
        ports = self.ports
        if len(ports) > 1:  # one port cannot repeat
            names = [p.name for p in ports]
            if len(set(names)) != len(names):
                raise ValueError(f"port names repeat: {names}")
            numbers = [(p.port, p.protocol) for p in ports]
            if len(set(numbers)) != len(numbers):
                raise ValueError(f"container ports repeat: {[p.port for p in ports]}")
            exposed = [(p.service_port or p.port, p.protocol) for p in ports]
            if len(set(exposed)) != len(exposed):
                raise ValueError(f"Service ports repeat: {[port for port, _ in exposed]}")
        if not ports and self.expose != "none" and "expose" in self.model_fields_set:
            raise ValueError(f"expose={self.expose!r} needs ports to expose; declare ports or use 'none'")
        if self.volumes or self.shared_volumes or self.files or len(self.writable_paths) > 1:
            self._distinct_mounts()  # a single mount cannot repeat
        for field, probe in (
            ("readiness", self.readiness),
            ("liveness", self.liveness),
            ("startup", self.startup),
        ):
            if probe is None or probe.command is not None:
                continue
            if probe.port is None and not ports:
                raise ValueError(
                    f"{field}: an HTTP or TCP probe checks a port, and the tier declares none; "
                    "give the probe a port, declare ports, or probe with a command"
                )
            if isinstance(probe.port, str) and probe.port not in {p.name for p in ports}:
                raise ValueError(
                    f"{field}: port {probe.port!r} is not one of the tier's ports "
                    f"({', '.join(p.name for p in ports) or 'none'})"
                )
        for reason_id, reason in self.suppress.items():
            if not reason.strip():
                raise ValueError(f"suppressing {reason_id!r} needs a written reason")
        separates, beside_itself = 0, False
        for verb in self.placement:
            if isinstance(verb, Separate):
                separates += 1
            elif isinstance(verb, Colocate) and verb.tier == self.name:
                beside_itself = True
        if separates > 1:
            raise ValueError("separate() is given more than once")
        if beside_itself:
            raise ValueError(f"a tier cannot colocate with itself ({self.name!r}); use separate()")
        check_tier(self)
        return self

    def _distinct_mounts(self) -> None:
        mounts = self.mount_paths
        if len(set(mounts)) != len(mounts):
            raise ValueError(
                f"two mounts share a path (writable_paths, volumes, shared_volumes and files): {mounts}"
            )
        sources = [f.volume_name for f in self.files]
        if len(set(sources)) != len(sources):
            raise ValueError(f"a ConfigMap or Secret is mounted twice: {sources}; mount it once")

    @property
    def mount_paths(self) -> list[str]:
        """Every path the tier mounts in its main container: emptyDirs, volumes, shared volumes, files."""
        return [
            *self.writable_paths,
            *(v.mount_path for v in self.volumes),
            *(s.mount_path for s in self.shared_volumes),
            *(f.path for f in self.files),
        ]

    @property
    def separation(self) -> Separate | None:
        """The tier's separate() verb, if any."""
        return next((p for p in self.placement if isinstance(p, Separate)), None)

"""What runs a tier's pods when it is not a long-running Deployment: a Job, a CronJob or a DaemonSet; and
the HorizontalPodAutoscaler that scales a Deployment.

Each is a Tier's `workload` (or `autoscale`) value; the tier's pod template (containers, security, volumes)
is the same whatever runs it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from .._integers import Int32, Int64
from .._model import model_check
from .._names import dns1123_label
from ._container import Model

TierRef = Annotated[str, AfterValidator(dns1123_label)]


class Job(Model):
    """A batch/v1 Job: runs the pod to completion (a database migration, a one-off task).

    before_rollout: run it before the rest of the blueprint is applied, as an Argo CD `PreSync` hook
    (`argocd`) or a Helm `pre-install,pre-upgrade` hook (`helm`); the hook deletes the previous Job first,
    so a changed image is a new Job (a Job's pod template is immutable). None: a plain Job, removed
    `ttl_seconds_after_finished` after it ends so that the next apply can create it again.
    """

    before_rollout: Literal["argocd", "helm"] | None = None
    backoff_limit: Int32 = Field(default=2, ge=0, le=2147483647, description="spec.backoffLimit")
    active_deadline_seconds: Int64 | None = Field(
        default=None, ge=1, description="spec.activeDeadlineSeconds"
    )
    ttl_seconds_after_finished: Int32 | None = Field(
        default=3600, ge=0, description="spec.ttlSecondsAfterFinished (None keeps finished Jobs)"
    )
    completions: Int32 | None = Field(default=None, ge=1, description="spec.completions")
    parallelism: Int32 | None = Field(default=None, ge=0, description="spec.parallelism")


class CronJob(Model):
    """A batch/v1 CronJob: the pod runs on `schedule` (cron, five fields) in `time_zone` (IANA name).

    concurrency: Forbid (default: a backup never overlaps the previous one), Replace or Allow.
    """

    schedule: str
    time_zone: str | None = Field(
        default="Etc/UTC", description="spec.timeZone (the controller's zone if None)"
    )
    concurrency: Literal["Forbid", "Replace", "Allow"] = "Forbid"
    backoff_limit: Int32 = Field(default=2, ge=0, le=2147483647)
    active_deadline_seconds: Int64 | None = Field(default=None, ge=1)
    starting_deadline_seconds: Int64 | None = Field(default=None, ge=0)
    successful_jobs_history_limit: Int32 = Field(default=3, ge=0)
    failed_jobs_history_limit: Int32 = Field(default=1, ge=0)
    suspend: bool = False

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        if value.startswith(("TZ=", "CRON_TZ=")):
            raise ValueError(
                f"schedule {value!r}: give the zone as time_zone, not TZ= (the API refuses both)"
            )
        from .._validate._api._cron import cron_error  # the API server's parser, loaded only for CronJobs

        problem = cron_error(value)
        if problem is not None:
            raise ValueError(f"schedule {value!r}: {problem} (five fields: minute hour day month weekday)")
        return value

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"time_zone {value!r} is not an IANA time zone like 'Europe/Berlin'") from None
        return value


class DaemonSet(Model):
    """An apps/v1 DaemonSet: one pod on every node (a log shipper, a node agent).

    tolerate_all: also run on tainted nodes (a toleration with `operator: Exists`), which a node agent
    usually must; the DaemonSet controller adds the node-condition tolerations itself.
    max_unavailable: rolling update, nodes updated at a time.
    """

    tolerate_all: bool = False
    max_unavailable: Int32 | str = 1

    @field_validator("max_unavailable")
    @classmethod
    def _count(cls, value: Int32 | str) -> Int32 | str:
        if isinstance(value, str) and not (value.endswith("%") and value[:-1].isdigit()):
            raise ValueError(f"{value!r} is neither a count nor a percentage like '25%'")
        if isinstance(value, int) and value < 1:
            raise ValueError("max_unavailable must be at least 1 (0 never updates a pod)")
        return value


Workload = Job | CronJob | DaemonSet


class Autoscale(Model):
    """An autoscaling/v2 HorizontalPodAutoscaler for the tier's Deployment.

    cpu / memory: target average utilization in percent of the containers' requests (at least one).
    The Deployment is written without `replicas`: the HPA owns the count (an apply would reset it).
    """

    min_replicas: Int32 = Field(default=2, ge=1, le=2147483647)
    max_replicas: Int32 = Field(ge=1, le=2147483647)
    cpu: Int32 | None = Field(default=70, ge=1, description="target CPU utilization, percent of requests")
    memory: Int32 | None = Field(default=None, ge=1, description="target memory utilization, percent")
    scale_down_stabilization_seconds: Int32 | None = Field(default=None, ge=0, le=3600)

    @model_check
    def _bounds(self) -> Autoscale:
        if self.max_replicas < self.min_replicas:
            raise ValueError(f"max_replicas {self.max_replicas} is below min_replicas {self.min_replicas}")
        if self.cpu is None and self.memory is None:
            raise ValueError("an autoscaler needs a target: cpu and/or memory utilization in percent")
        return self


class SharedVolume(Model):
    """Another tier's volume mounted in this tier's pods (a backup reading the database's volume).

    The owner's claim must be a standalone PVC (a Deployment tier's volume). With ReadWriteOnce storage
    hagen adds a required podAffinity to the owner's pods per node: the volume attaches to one node only.
    """

    tier: TierRef
    volume: TierRef
    mount_path: str
    read_only: bool = True

    @field_validator("mount_path")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError(f"{value!r} is not an absolute path")
        return value

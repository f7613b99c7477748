"""batch/v1: Job and CronJob.

Sources (pkg/apis/batch/validation/validation.go): ValidateJob, validateJobSpec and ValidateGeneratedSelector,
ValidateCronJobCreate (the 52-character name), validateCronJobSpec, validateScheduleFormat (robfig/cron
ParseStandard, no TZ in the schedule) and validateTimeZone, ValidateJobTemplateSpec.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from typing import Any

from ._core_pod import pod_template
from ._cron import cron_error
from ._field import Context, Error, enum, invalid, mapping, non_negative, required, unsupported
from ._meta import selector

CONCURRENCY_POLICIES = ("Allow", "Forbid", "Replace")
COMPLETION_MODES = ("NonIndexed", "Indexed")
CRONJOB_NAME_MAX = 52
"""DNS1035LabelMaxLength (63) minus the 11 characters of the suffix the CronJob controller appends."""


def job_spec(errors: list[Error], value: Any, path: str, ctx: Context) -> None:
    """validateJobSpec: counts >= 0, completion mode, a user selector only with manualSelector, and a
    pod template whose restartPolicy is OnFailure or Never (an unset one defaults to Always: refused)."""
    spec = mapping(value)
    non_negative(errors, spec, path, "parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished")
    deadline = spec.get("activeDeadlineSeconds")
    if isinstance(deadline, int) and deadline <= 0:
        errors.append(invalid(f"{path}.activeDeadlineSeconds", deadline, "must be greater than 0"))
    enum(errors, spec, path, "completionMode", COMPLETION_MODES)
    if spec.get("completionMode") == "Indexed" and spec.get("completions") is None:
        errors.append(required(f"{path}.completions", "when completion mode is Indexed"))
    if spec.get("selector") is not None:
        selector(errors, spec.get("selector"), f"{path}.selector")
        if spec.get("manualSelector") is not True:
            errors.append(invalid(f"{path}.selector", spec.get("selector"), "`selector` not auto-generated"))
    template = mapping(spec.get("template"))
    pod_template(errors, template, f"{path}.template", ctx)
    policy = mapping(template.get("spec")).get("restartPolicy") or "Always"
    if policy not in ("OnFailure", "Never"):
        errors.append(unsupported(f"{path}.template.spec.restartPolicy", policy, ("OnFailure", "Never")))


def job(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    job_spec(errors, obj.get("spec"), "spec", ctx)


def cron_job(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateCronJobCreate and validateCronJobSpec."""
    name = mapping(obj.get("metadata")).get("name")
    if isinstance(name, str) and len(name) > CRONJOB_NAME_MAX:
        errors.append(invalid("metadata.name", name, f"must be no more than {CRONJOB_NAME_MAX} characters"))
    spec = mapping(obj.get("spec"))
    schedule = spec.get("schedule")
    if not schedule:
        errors.append(required("spec.schedule"))
    else:
        problem = cron_error(str(schedule))
        if problem:
            errors.append(invalid("spec.schedule", schedule, problem))
        if "TZ" in str(schedule):
            errors.append(
                invalid(
                    "spec.schedule",
                    schedule,
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
                )
            )
    zone = spec.get("timeZone")
    if isinstance(zone, str):
        _time_zone(errors, zone)
    enum(errors, spec, "spec", "concurrencyPolicy", CONCURRENCY_POLICIES)
    non_negative(
        errors,
        spec,
        "spec",
        "startingDeadlineSeconds",
        "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
    )
    template = mapping(spec.get("jobTemplate"))
    job_spec(errors, template.get("spec"), "spec.jobTemplate.spec", ctx)


def _time_zone(errors: list[Error], zone: str) -> None:
    """validateTimeZone: an IANA name time.LoadLocation knows; not "Local"."""
    if zone.lower() == "local":
        errors.append(
            invalid(
                "spec.timeZone",
                zone,
                "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
            )
        )
        return
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors.append(invalid("spec.timeZone", zone, f"unknown time zone {zone}"))

"""A Job, CronJob or DaemonSet tier -> its workload object around the tier's pod template.

Jobs restart nothing in place (`restartPolicy: Never`: a failed pod is kept for its logs and a new one is
started, up to backoffLimit). A migration Job that must finish before the rollout carries the Argo CD
PreSync or Helm pre-install/pre-upgrade hook annotations; the hook deletes the previous Job first, which a
Job needs because its pod template is immutable.
"""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Tier
from .._blueprint._kinds import CronJob, DaemonSet, Job
from ._labels import selector_labels

HOOKS = {
    "argocd": {
        "argocd.argoproj.io/hook": "PreSync",
        "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation",
    },
    "helm": {
        "helm.sh/hook": "pre-install,pre-upgrade",
        "helm.sh/hook-delete-policy": "before-hook-creation",
    },
}


def _job_spec(work: Job | CronJob, template: dict[str, Any]) -> dict[str, Any]:
    pod = {**template, "spec": {**template["spec"], "restartPolicy": "Never"}}
    body: dict[str, Any] = {"backoffLimit": work.backoff_limit}
    if work.active_deadline_seconds is not None:
        body["activeDeadlineSeconds"] = work.active_deadline_seconds
    if isinstance(work, Job):
        for field, key in (("completions", "completions"), ("parallelism", "parallelism")):
            if (value := getattr(work, field)) is not None:
                body[key] = value
        if work.ttl_seconds_after_finished is not None and work.before_rollout is None:
            body["ttlSecondsAfterFinished"] = work.ttl_seconds_after_finished
    body["template"] = pod
    return body


def kind_object(spec: BlueprintSpec, tier: Tier, template: dict[str, Any]) -> dict[str, Any]:
    """The Job, CronJob or DaemonSet of a tier whose `workload` is set, with the pod `template`."""
    work = tier.workload
    labels = template["metadata"]["labels"]
    meta: dict[str, Any] = {"name": tier.name, "namespace": spec.namespace, "labels": labels}
    if isinstance(work, DaemonSet):
        pod_spec = dict(template["spec"])
        if work.tolerate_all:  # beside the scheduling fields, before the containers
            pod_spec = {}
            for key, value in template["spec"].items():
                if key in ("containers", "initContainers"):
                    pod_spec.setdefault("tolerations", [{"operator": "Exists"}])
                pod_spec[key] = value
        body: dict[str, Any] = {
            "selector": {"matchLabels": selector_labels(spec, tier)},
            "updateStrategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxUnavailable": work.max_unavailable},
            },
            "template": {**template, "spec": pod_spec},
        }
        return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": meta, "spec": body}
    if isinstance(work, CronJob):
        cron: dict[str, Any] = {"schedule": work.schedule}
        if work.time_zone is not None:
            cron["timeZone"] = work.time_zone
        cron["concurrencyPolicy"] = work.concurrency
        if work.starting_deadline_seconds is not None:
            cron["startingDeadlineSeconds"] = work.starting_deadline_seconds
        cron["successfulJobsHistoryLimit"] = work.successful_jobs_history_limit
        cron["failedJobsHistoryLimit"] = work.failed_jobs_history_limit
        if work.suspend:
            cron["suspend"] = True
        cron["jobTemplate"] = {"metadata": {"labels": labels}, "spec": _job_spec(work, template)}
        return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta, "spec": cron}
    assert isinstance(work, Job)
    if work.before_rollout is not None:
        meta["annotations"] = dict(HOOKS[work.before_rollout])
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": _job_spec(work, template)}

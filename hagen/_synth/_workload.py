"""A tier -> its workload (Deployment, StatefulSet, Job, CronJob or DaemonSet), the claims it mounts,
and its rollout strategy."""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec, Tier
from .._storage._workload import plan_storage
from ._affinity import hard_separation
from ._config import roll_on_change
from ._kinds import kind_object
from ._labels import selector_labels
from ._pod import pod_spec
from ._scale import replica_range


def strategy(tier: Tier, forced: str | None) -> dict[str, Any] | None:
    """Deployment spec.strategy: the tier's own, else Recreate for a ReadWriteOnce claim, else maxSurge 0
    under a required separate() (a surge pod would stay Pending forever), else the server default (None).
    """
    if tier.strategy is not None:
        if tier.strategy.type == "Recreate":
            return {"type": "Recreate"}
        rolling = {
            k: v
            for k, v in (
                ("maxSurge", tier.strategy.max_surge),
                ("maxUnavailable", tier.strategy.max_unavailable),
            )
            if v is not None
        }
        return {"type": "RollingUpdate", **({"rollingUpdate": rolling} if rolling else {})}
    if forced == "Recreate":
        return {"type": "Recreate"}
    if hard_separation(tier) is not None:
        # A surge pod needs a domain without a pod of the tier, which a cluster with one node per replica
        # never has (kubernetes/kubernetes#56539): replace one pod at a time instead.
        return {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}
    return None


def claim_name(tier: Tier, volume_name: str) -> str:
    """metadata.name of a standalone PVC: <tier>-<volume>."""
    return f"{tier.name}-{volume_name}"


def headless_service_name(tier: Tier) -> str:
    """The StatefulSet's spec.serviceName (a Service with clusterIP: None)."""
    return f"{tier.name}-headless"


def workload(spec: BlueprintSpec, tier: Tier, labels: dict[str, str]) -> list[dict[str, Any]]:
    """The tier's workload object followed by the standalone PVCs it mounts; `labels`: `tier_labels`."""
    plan = plan_storage(tier.volumes, replica_range(tier)[1], tier.name)
    mounts = [v.volume_mount() for v in (*plan.templates, *plan.claims)]
    mounts.extend(f.volume_mount() for f in tier.files)
    volumes = [v.pod_volume(claim_name(tier, v.name)) for v in plan.claims]
    volumes.extend(f.pod_volume() for f in tier.files)
    for shared in tier.shared_volumes:
        name = claim_name(spec.tier(shared.tier), shared.volume)
        mounts.append({"name": name, "mountPath": shared.mount_path, "readOnly": shared.read_only})
        volumes.append(
            {"name": name, "persistentVolumeClaim": {"claimName": name, "readOnly": shared.read_only}}
        )
    template = {"metadata": {"labels": labels}, "spec": pod_spec(spec, tier, mounts, volumes)}
    if tier.annotations:
        template["metadata"]["annotations"] = dict(sorted(tier.annotations.items()))
    roll_on_change(spec, template)
    if tier.workload is not None:
        return [kind_object(spec, tier, template)]
    body: dict[str, Any] = {"selector": {"matchLabels": selector_labels(spec, tier)}}
    if tier.autoscale is None:  # with an autoscaler the HPA owns the count: an apply would reset it
        body = {"replicas": tier.replicas, **body}
    if plan.kind == "StatefulSet":
        body["serviceName"] = headless_service_name(tier)
        body["template"] = template
        body["volumeClaimTemplates"] = [v.claim_template() for v in plan.templates]
    else:
        if chosen := strategy(tier, plan.strategy):
            body["strategy"] = chosen
        body["template"] = template
    obj = {
        "apiVersion": "apps/v1",
        "kind": plan.kind,
        "metadata": {"name": tier.name, "namespace": spec.namespace, "labels": labels},
        "spec": body,
    }
    claims = []
    for volume in plan.claims:
        claim = volume.claim(claim_name(tier, volume.name), spec.namespace)
        claim["metadata"]["labels"] = labels
        claims.append(claim)
    return [obj, *claims]

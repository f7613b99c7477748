"""Verdicts that depend on what a controller does with the object, not on the API server alone.

A Job run as an Argo CD or Helm hook with a delete-before-creation policy is deleted by the hook and
created anew, so a changed (immutable) pod template is a recreate, not a refusal. A LoadBalancer Service
whose scheme or controller changes gets a new cloud load balancer from the AWS Load Balancer Controller
(a new DNS name): the Service is updated in place, its load balancer is recreated. (Its loadBalancerClass
the API server refuses to change: an immutable-field rule.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._model import ObjectDiff

HOOK_DELETES = (
    ("argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation"),
    ("helm.sh/hook-delete-policy", "before-hook-creation"),
)
_LB = "service.beta.kubernetes.io/"
REPLACING = (
    ("metadata", "annotations", _LB + "aws-load-balancer-scheme"),
    ("metadata", "annotations", _LB + "aws-load-balancer-type"),
    ("metadata", "annotations", _LB + "aws-load-balancer-internal"),
)


def _annotations(doc: Any) -> Mapping[str, Any]:
    meta = doc.get("metadata") if isinstance(doc, Mapping) else None
    found = meta.get("annotations") if isinstance(meta, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def hook_recreates(obj: ObjectDiff) -> str | None:
    """Why a changed Job is recreated rather than refused: its hook deletes it first; else None."""
    if obj.doc_kind != "Job":
        return None
    ann = _annotations(obj.new)
    for key, policy in HOOK_DELETES:
        if policy in [p.strip() for p in str(ann.get(key) or "").split(",")]:
            return f"the hook deletes the previous Job before creating it ({key}: {policy})"
    return None


def load_balancer_replaced(obj: ObjectDiff) -> str | None:
    """Why a LoadBalancer Service's change replaces its cloud load balancer; else None."""
    if obj.doc_kind != "Service":
        return None
    changed = [c.path_str for c in obj.changes if tuple(c.path[:3]) in REPLACING]
    if not changed:
        return None
    return (
        f"{', '.join(changed)}: the load balancer controller replaces the cloud load balancer "
        "(a new DNS name; clients of the old one lose it)"
    )

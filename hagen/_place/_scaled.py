"""What the controllers scale a workload to, and where a run-to-completion workload keeps its pod template.

A workload a HorizontalPodAutoscaler targets is placed at the autoscaler's maxReplicas: pods that can run
at minimum scale but not at maximum scale are the failure that appears under load. A CronJob's pod template
is under spec.jobTemplate.spec.template; one run (one pod) is placed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._objects import autoscaled

__all__ = ["autoscaled", "run_template"]


def run_template(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The pod template of a Job (spec.template) or CronJob (spec.jobTemplate.spec.template)."""
    spec = obj.get("spec") or {}
    if obj.get("kind") == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    return dict(spec.get("template") or {})

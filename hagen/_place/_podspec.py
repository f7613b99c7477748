"""What the API server and controllers add to a pod template before the scheduler sees it: the requests
``resource.PodRequests`` charges (native sidecars, init containers, overhead) and the DaemonSet
controller's tolerations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import InputError
from ._quantity import QuantityError, cpu_millis, memory_bytes

# The DaemonSet controller's AddOrUpdateDaemonPodTolerations: (key, effect); network-unavailable only for
# hostNetwork pods
DAEMON_TOLERATIONS = (
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
)
NETWORK_UNAVAILABLE = ("node.kubernetes.io/network-unavailable", "NoSchedule")


def _container_requests(c: Mapping[str, Any]) -> tuple[int, int]:
    """(cpu millis, memory bytes) a container requests; a limit stands in for an absent request, as the
    API server's defaulting copies it."""
    res = c.get("resources") or {}
    out = []
    for pick, parse in (("cpu", cpu_millis), ("memory", memory_bytes)):
        value = (res.get("requests") or {}).get(pick, (res.get("limits") or {}).get(pick))
        out.append(parse(value) if value is not None else 0)
    return out[0], out[1]


def pod_requests(pod_spec: Mapping[str, Any], where: str = "") -> tuple[int, int]:
    """(cpu millis, memory bytes) the scheduler charges a pod, as ``resource.PodRequests`` sums them: the
    containers plus native sidecars (init containers with ``restartPolicy: Always``), at least each
    init container's request plus the sidecars started before it, plus ``spec.overhead``. InputError
    (naming `where`, the pod's workload) for an amount that is not a quantity or is negative."""
    try:
        cpu = mem = 0
        for c in pod_spec.get("containers") or []:
            c_cpu, c_mem = _container_requests(c)
            cpu, mem = cpu + c_cpu, mem + c_mem
        side_cpu = side_mem = init_cpu = init_mem = 0
        for c in pod_spec.get("initContainers") or []:
            c_cpu, c_mem = _container_requests(c)
            if c.get("restartPolicy") == "Always":
                cpu, mem = cpu + c_cpu, mem + c_mem
                side_cpu, side_mem = side_cpu + c_cpu, side_mem + c_mem
                c_cpu, c_mem = side_cpu, side_mem
            else:
                c_cpu, c_mem = c_cpu + side_cpu, c_mem + side_mem
            init_cpu, init_mem = max(init_cpu, c_cpu), max(init_mem, c_mem)
        overhead = pod_spec.get("overhead") or {}
        extra_cpu = cpu_millis(overhead["cpu"]) if overhead.get("cpu") is not None else 0
        extra_mem = memory_bytes(overhead["memory"]) if overhead.get("memory") is not None else 0
    except QuantityError as exc:
        raise InputError(f"{where + ': ' if where else ''}resources: {exc}") from None
    return max(cpu, init_cpu) + extra_cpu, max(mem, init_mem) + extra_mem


def daemon_tolerations(pod_spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The pod's tolerations plus those the DaemonSet controller adds (each added unless one with the
    same key and effect is already there)."""
    tolerations = [dict(t) for t in pod_spec.get("tolerations") or []]
    wanted = [*DAEMON_TOLERATIONS, *([NETWORK_UNAVAILABLE] if pod_spec.get("hostNetwork") else [])]
    for key, effect in wanted:
        if not any(t.get("key") == key and t.get("effect") == effect for t in tolerations):
            tolerations.append({"key": key, "operator": "Exists", "effect": effect})
    return tolerations

"""Workload traps: moving images, no requests, no probes, root and privilege escalation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .._finding import Finding
from ._catalog import finding
from ._context import CheckContext, Workload


def image_tag(image: str) -> str | None:
    """The tag of an image reference, "" when it has none; None when it is pinned by digest.

    The tag follows the last ":" of the last path segment (a registry port such as ``host:5000/app``
    is not a tag).
    """
    if "@" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    return last.partition(":")[2]


def _all_containers(w: Workload) -> list[tuple[str, Mapping[str, Any]]]:
    """(field name, container) for spec.initContainers and spec.containers of the pod template."""
    out: list[tuple[str, Mapping[str, Any]]] = []
    for field in ("initContainers", "containers"):
        out.extend((field, c) for c in w.pod_spec.get(field) or [] if isinstance(c, Mapping))
    return out


def _images(ctx: CheckContext, w: Workload) -> Iterator[Finding]:
    for field, c in _all_containers(w):
        image = str(c.get("image") or "")
        tag = image_tag(image)
        where = f"{w.kind} {w.name}: {field} {c.get('name')!r}"
        if tag == "":
            yield finding("workload.image-untagged", f"{where}: image {image!r} has no tag", ctx, w.obj)
        elif tag == "latest":
            yield finding("workload.image-latest", f"{where}: image {image!r} is latest", ctx, w.obj)


def _requests_and_probes(ctx: CheckContext, w: Workload) -> Iterator[Finding]:
    for c in w.containers():
        where = f"{w.kind} {w.name}: container {c.get('name')!r}"
        requests = (c.get("resources") or {}).get("requests") or {}
        missing = [r for r in ("cpu", "memory") if r not in requests]
        if missing:
            text = " and ".join(missing)
            yield finding("workload.no-resource-requests", f"{where} requests no {text}", ctx, w.obj)
        probed = any(c.get(p) for p in ("readinessProbe", "livenessProbe", "startupProbe"))
        if w.long_running and not probed:
            yield finding("workload.no-probes", f"{where} has no readiness or liveness probe", ctx, w.obj)


def _security(ctx: CheckContext, w: Workload) -> Iterator[Finding]:
    pod_sc = w.pod_spec.get("securityContext") or {}
    for field, c in _all_containers(w):
        sc = c.get("securityContext") or {}
        where = f"{w.kind} {w.name}: {field} {c.get('name')!r}"
        non_root = sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot"))
        user = sc.get("runAsUser", pod_sc.get("runAsUser"))
        if sc.get("privileged") is True:
            yield finding("workload.privileged", f"{where} is privileged", ctx, w.obj)
        if non_root is not True and not (isinstance(user, int) and user > 0):
            detail = "runs as root (runAsUser 0)" if user == 0 else "may run as root (no runAsNonRoot: true)"
            yield finding("workload.may-run-as-root", f"{where} {detail}", ctx, w.obj)
        if sc.get("allowPrivilegeEscalation") is not False and sc.get("privileged") is not True:
            yield finding(
                "workload.privilege-escalation",
                f"{where} may escalate privileges (allowPrivilegeEscalation is not false)",
                ctx,
                w.obj,
            )


def workload_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings from the pod templates of every workload (spec.template.spec and friends)."""
    for w in ctx.workloads():
        yield from _images(ctx, w)
        yield from _requests_and_probes(ctx, w)
        yield from _security(ctx, w)

"""Storage traps of the seed: no CSI driver, one ReadWriteOnce volume for many nodes, EFS homes, gp2."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .._finding import Finding
from ._catalog import finding
from ._context import HOSTNAME_KEY, CheckContext, Workload
from ._rules_jobs import runs_off_node, split_runs
from ._selectors import affinity_terms
from ._storage_model import (
    DRIVER_ADDONS,
    EBS_CSI,
    EBS_IN_TREE,
    EFS_CSI,
    Claim,
    claims,
    classes,
    ebs_type,
    is_default,
    mounted_claims,
    name_of,
)

_SINGLE_WRITER_HINTS = ("jenkins", "postgres", "mysql", "mariadb", "mongo", "redis", "elasticsearch", "etcd")


def _driver_missing(ctx: CheckContext) -> Iterator[Finding]:
    drivers = {name_of(d) for d in ctx.of_kind("CSIDriver")}
    for name, sc in sorted(classes(ctx).items()):
        provisioner = str(sc.get("provisioner", ""))
        addon = DRIVER_ADDONS.get(provisioner)
        csi_name = EFS_CSI if provisioner == EFS_CSI else EBS_CSI
        if addon is None or addon in ctx.addons or csi_name in drivers:
            continue
        yield finding(
            "storage.csi-driver-missing",
            f"StorageClass {name} (provisioner {provisioner}) needs the {addon} add-on, which is neither "
            "emitted nor declared installed: its PVCs will stay Pending",
            ctx,
            sc,
        )


def _pinned_to_one_node(w: Workload) -> bool:
    """True when all the workload's pods must share a node (required self-affinity on hostname)."""
    return any(
        t.required and not t.anti and t.topology_key == HOSTNAME_KEY and t.matches(w, w)
        for t in affinity_terms(w)
    )


def _single_node_sharing(ctx: CheckContext) -> Iterator[Finding]:
    by_claim: dict[tuple[str, str], Claim] = {}
    for pvc in claims(ctx):
        if pvc.owner is None:
            namespace = str((pvc.obj.get("metadata") or {}).get("namespace") or "default")
            by_claim[(namespace, pvc.name)] = pvc
    users: dict[tuple[str, str], list[Workload]] = {}
    for w in ctx.workloads():
        for name in mounted_claims(w):
            users.setdefault((w.namespace, name), []).append(w)
    for key, workloads in sorted(users.items()):
        claim = by_claim.get(key)
        if claim is None or not claim.single_node:
            continue
        workloads, runs = split_runs(workloads)
        yield from runs_off_node(ctx, key[1], workloads, runs)
        if not workloads:
            continue
        pods = sum(w.replicas for w in workloads)
        first = workloads[0]
        spread = first.kind == "DaemonSet" or len(workloads) > 1 or not _pinned_to_one_node(first)
        if spread and (pods > 1 or first.kind == "DaemonSet"):
            names = ", ".join(f"{w.kind} {w.name} ({w.replicas} replicas)" for w in workloads)
            yield finding(
                "storage.rwo-shared-by-replicas",
                f"PVC {key[1]} ({', '.join(sorted(claim.modes))}) is mounted by {names}: pods on other "
                "nodes cannot attach it",
                ctx,
                first.obj,
            )
        elif first.kind == "Deployment" and len(workloads) == 1:
            strategy = ((first.obj.get("spec") or {}).get("strategy") or {}).get("type", "RollingUpdate")
            if strategy != "Recreate":
                yield finding(
                    "storage.rwo-rolling-update",
                    f"Deployment {first.name} mounts ReadWriteOnce PVC {key[1]} with the {strategy} strategy",
                    ctx,
                    first.obj,
                )


def _looks_single_writer(obj: Mapping[str, Any]) -> str | None:
    text = repr(obj).lower()
    return next((hint for hint in _SINGLE_WRITER_HINTS if hint in text), None)


def _values_claims(values: Any, path: str) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(values path, class name, block) for every storageClass key in Helm values (e.g. persistence)."""
    if isinstance(values, Mapping):
        for key, value in values.items():
            if key in ("storageClass", "storageClassName") and isinstance(value, str):
                yield f"{path}.{key}".lstrip("."), value, values
            else:
                yield from _values_claims(value, f"{path}.{key}")


def _rwo_on_efs(ctx: CheckContext) -> Iterator[Finding]:
    efs = {n for n, sc in classes(ctx).items() if sc.get("provisioner") == EFS_CSI}
    for claim in claims(ctx):
        if claim.class_name in efs and claim.single_node:
            hint = _looks_single_writer(claim.owner.obj if claim.owner else claim.obj)
            what = f" ({hint} data)" if hint else ""
            yield finding(
                "storage.rwo-data-on-efs",
                f"{claim.obj.get('kind')} {name_of(claim.obj)}: ReadWriteOnce volume{what} on EFS class "
                f"{claim.class_name}",
                ctx,
                claim.obj,
            )
    for release, values in sorted(ctx.values.items()):
        for path, class_name, block in _values_claims(values, ""):
            modes = str(block.get("accessMode", block.get("accessModes", "ReadWriteOnce")))
            if class_name in efs and "ReadWriteMany" not in modes:
                yield finding(
                    "storage.rwo-data-on-efs",
                    f"Helm release {release}: {path} puts {modes} data on EFS class {class_name}",
                    ctx,
                )


def _gp2(ctx: CheckContext) -> Iterator[Finding]:
    defined = classes(ctx)
    for name, sc in sorted(defined.items()):
        if sc.get("provisioner") in (EBS_CSI, EBS_IN_TREE) and ebs_type(sc) == "gp2":
            yield finding("storage.gp2-over-gp3", f"StorageClass {name} provisions gp2 volumes", ctx, sc)
    if "gp2" not in defined:
        for claim in claims(ctx):
            if claim.class_name == "gp2":
                yield finding(
                    "storage.gp2-over-gp3",
                    f"{claim.obj.get('kind')} {name_of(claim.obj)} uses EKS's pre-installed gp2 class",
                    ctx,
                    claim.obj,
                )


def _defaults(ctx: CheckContext) -> Iterator[Finding]:
    marked = [sc for _, sc in sorted(classes(ctx).items()) if is_default(sc)]
    if len(marked) > 1:
        names = ", ".join(name_of(sc) for sc in marked)
        message = f"StorageClasses {names} are all marked default"
        yield finding("storage.multiple-default-classes", message, ctx, marked[0])


def storage_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings from StorageClasses, PVCs, volumeClaimTemplates, pod volumes and Helm values."""
    yield from _driver_missing(ctx)
    yield from _single_node_sharing(ctx)
    yield from _rwo_on_efs(ctx)
    yield from _gp2(ctx)
    yield from _defaults(ctx)

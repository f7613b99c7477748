"""Flux: a kustomize.toolkit.fluxcd.io Kustomization per target and blueprint, one file per target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._yaml import dump_documents
from ._model import GITOPS_DIR, HEADER, Deployment


def kustomization(config: Any, d: Deployment, out: str) -> dict[str, Any]:
    """A Flux Kustomization: spec.path ./<out>/<target>/<blueprint>, spec.sourceRef, prune, wait, and
    spec.kubeConfig when the target's cluster is remote."""
    prefix = (config.path_prefix or out).strip("/")
    spec: dict[str, Any] = {
        "interval": config.interval,
        "retryInterval": config.retry_interval,
        "timeout": config.timeout,
        "path": f"./{prefix}/{d.target}/{d.blueprint}",
        "prune": config.prune,
        "wait": config.wait,
        "sourceRef": {"kind": config.source_kind, "name": config.source_name},
    }
    secret = config.kubeconfig_secrets.get(d.cluster) if d.cluster else None
    if secret:
        spec["kubeConfig"] = {"secretRef": {"name": secret}}
    return {
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
        "kind": "Kustomization",
        "metadata": {
            "name": d.name,
            "namespace": config.namespace,
            "labels": {"hagen.dev/target": d.target, "hagen.dev/blueprint": d.blueprint},
        },
        "spec": spec,
    }


def flux_files(config: Any, deployments: Sequence[Deployment], out: str) -> dict[str, str]:
    """gitops/flux/<target>.yaml: the target's Kustomizations."""
    files: dict[str, str] = {}
    for target in sorted({d.target for d in deployments}):
        docs = [kustomization(config, d, out) for d in deployments if d.target == target]
        files[f"{GITOPS_DIR}/flux/{target}.yaml"] = dump_documents(docs, HEADER)
    return files

"""Argo CD: an ApplicationSet with a list generator over targets x blueprints, or one Application each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._yaml import dump_documents
from ._model import GITOPS_DIR, HEADER, Deployment

API_VERSION = "argoproj.io/v1alpha1"


def _sync_policy(config: Any) -> dict[str, Any]:
    """spec.syncPolicy: automated sync (prune, selfHeal) and the sync options."""
    policy: dict[str, Any] = {}
    if config.prune or config.self_heal:
        policy["automated"] = {"prune": config.prune, "selfHeal": config.self_heal}
    if config.sync_options:
        policy["syncOptions"] = list(config.sync_options)
    return policy


def _server(config: Any, cluster: str | None) -> str:
    return str(config.destinations.get(cluster, config.default_server) if cluster else config.default_server)


def application_set(config: Any, deployments: Sequence[Deployment], out: str) -> dict[str, Any]:
    """An argoproj.io ApplicationSet: spec.generators[0].list.elements (one per target and blueprint) and
    spec.template (source path <out>/<target>/<blueprint>, destination server per cluster)."""
    prefix = (config.path_prefix or out).rstrip("/")
    elements = [
        {
            "target": d.target,
            "blueprint": d.blueprint,
            "namespace": d.namespace,
            "server": _server(config, d.cluster),
        }
        for d in deployments
    ]
    return {
        "apiVersion": API_VERSION,
        "kind": "ApplicationSet",
        "metadata": {"name": "hagen", "namespace": config.namespace},
        "spec": {
            "goTemplate": True,
            "goTemplateOptions": ["missingkey=error"],
            "generators": [{"list": {"elements": elements}}],
            "template": {
                "metadata": {
                    "name": "{{.target}}-{{.blueprint}}",
                    "labels": {"hagen.dev/target": "{{.target}}", "hagen.dev/blueprint": "{{.blueprint}}"},
                },
                "spec": {
                    "project": config.project,
                    "source": {
                        "repoURL": config.repo_url,
                        "targetRevision": config.revision,
                        "path": prefix + "/{{.target}}/{{.blueprint}}",
                    },
                    "destination": {"server": "{{.server}}", "namespace": "{{.namespace}}"},
                    "syncPolicy": _sync_policy(config),
                },
            },
        },
    }


def application(config: Any, d: Deployment, out: str) -> dict[str, Any]:
    """An argoproj.io Application for one target and blueprint (spec.source.path, spec.destination)."""
    prefix = (config.path_prefix or out).rstrip("/")
    return {
        "apiVersion": API_VERSION,
        "kind": "Application",
        "metadata": {
            "name": d.name,
            "namespace": config.namespace,
            "labels": {"hagen.dev/target": d.target, "hagen.dev/blueprint": d.blueprint},
        },
        "spec": {
            "project": config.project,
            "source": {
                "repoURL": config.repo_url,
                "targetRevision": config.revision,
                "path": f"{prefix}/{d.target}/{d.blueprint}",
            },
            "destination": {"server": _server(config, d.cluster), "namespace": d.namespace},
            "syncPolicy": _sync_policy(config),
        },
    }


def argocd_files(config: Any, deployments: Sequence[Deployment], out: str) -> dict[str, str]:
    """gitops/argocd/applicationset.yaml, or gitops/argocd/<target>.yaml with its Applications."""
    root = f"{GITOPS_DIR}/argocd"
    if config.mode == "applicationset":
        return {
            f"{root}/applicationset.yaml": dump_documents([application_set(config, deployments, out)], HEADER)
        }
    files: dict[str, str] = {}
    for target in sorted({d.target for d in deployments}):
        apps = [application(config, d, out) for d in deployments if d.target == target]
        files[f"{root}/{target}.yaml"] = dump_documents(apps, HEADER)
    return files

"""The ``[gitops]`` tables of the project configuration: Argo CD and Flux, checked as their readers check
them (Go durations, DNS-1123 names and namespaces, server and repository URLs, relative paths)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .._gitops import _fields as rule
from .._names import dns1123_label, dns1123_subdomain

Duration = Annotated[str, AfterValidator(rule.go_duration)]
Namespace = Annotated[str, AfterValidator(dns1123_label)]
ObjectName = Annotated[str, AfterValidator(dns1123_subdomain)]
RelativePath = Annotated[str, AfterValidator(rule.relative_path)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ArgoCDConfig(_Model):
    """Argo CD manifests: one ApplicationSet (list generator) or one Application per target and blueprint."""

    repo_url: Annotated[str, AfterValidator(rule.repo_url)]
    revision: str = Field(default="HEAD", min_length=1)
    path_prefix: RelativePath | None = Field(
        default=None, description="out/ inside the repository; default out"
    )
    project: ObjectName = "default"
    namespace: Namespace = "argocd"
    mode: Literal["applicationset", "applications"] = "applicationset"
    destinations: dict[str, Annotated[str, AfterValidator(rule.server_url)]] = Field(
        default_factory=dict, description="cluster name -> API server URL; others get default_server"
    )
    default_server: Annotated[str, AfterValidator(rule.server_url)] = "https://kubernetes.default.svc"
    prune: bool = True
    self_heal: bool = True
    sync_options: tuple[Annotated[str, AfterValidator(rule.sync_option)], ...] = (
        "CreateNamespace=true",
        "ServerSideApply=true",
    )


class FluxConfig(_Model):
    """Flux Kustomizations, one per target and blueprint, reading the same out/ folders."""

    source_kind: Literal["GitRepository", "OCIRepository", "Bucket"] = "GitRepository"
    source_name: ObjectName = "flux-system"
    namespace: Namespace = "flux-system"
    path_prefix: RelativePath | None = Field(default=None, description="out/ inside the source; default out")
    interval: Duration = "10m"
    retry_interval: Duration = "2m"
    timeout: Duration = "5m"
    prune: bool = True
    wait: bool = True
    kubeconfig_secrets: dict[str, ObjectName] = Field(
        default_factory=dict, description="cluster name -> Secret holding its kubeconfig (remote clusters)"
    )


class GitOpsConfig(_Model):
    """What `hagen synth` writes under out/gitops/ for the GitOps engine that runs the fleet."""

    argocd: ArgoCDConfig | None = None
    flux: FluxConfig | None = None

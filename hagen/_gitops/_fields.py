"""Rules for the configuration values that end up in GitOps and eksctl fields, checked at load.

Each function returns the value or raises ValueError with the reader's own rule, so that the project
loader reports file, line, key, value and what is allowed before anything is synthesized.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# The Flux Kustomization CRD's pattern for spec.interval, spec.retryInterval and spec.timeout
# (kustomize.toolkit.fluxcd.io/v1, openAPIV3Schema): a Go duration without days or spaces.
GO_DURATION = re.compile(r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$")
MAX_OBJECT_NAME = 63
"""Flux writes a Kustomization's name into the label kustomize.toolkit.fluxcd.io/name of every object it
applies, and Argo CD an Application's name into app.kubernetes.io/instance: label values, 63 at most."""


def go_duration(value: str) -> str:
    """A Flux duration such as 10m, 1h30m, 90s or 0.5h."""
    if not GO_DURATION.match(value):
        raise ValueError(
            f"{value!r} is not a Flux duration; allowed: a Go duration of ms, s, m and h such as "
            "'10m', '1h30m', '24h' (no days, no spaces; the CRD's pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$)"
        )
    return value


def server_url(value: str) -> str:
    """An Argo CD destination server: an https:// (or http://) URL with a host."""
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"{value!r} is not an API server URL; allowed: https://<host>[:port][/path]")
    return value


def repo_url(value: str) -> str:
    """A repository URL Argo CD can clone: https://, ssh://, git@host:path or a Helm OCI/HTTP repository."""
    if not value or any(c.isspace() for c in value):
        raise ValueError(
            f"{value!r} is not a repository URL; allowed: https://..., ssh://... or git@host:path"
        )
    if not (re.match(r"^(https?|ssh|git|oci)://[^/]+", value) or re.match(r"^[\w.-]+@[\w.-]+:", value)):
        raise ValueError(
            f"{value!r} is not a repository URL; allowed: https://..., ssh://... or git@host:path"
        )
    return value


def relative_path(value: str) -> str:
    """A path inside the repository or source: relative, without '..'."""
    if value.startswith("/") or ".." in value.split("/") or any(c in value for c in "\n\r\t"):
        raise ValueError(f"{value!r} must be a relative path inside the repository, without '..'")
    return value


def sync_option(value: str) -> str:
    """An Argo CD sync option: Key=Value, such as CreateNamespace=true."""
    if not re.match(r"^[A-Za-z][A-Za-z]*=[^\s=]+$", value):
        raise ValueError(
            f"{value!r} is not an Argo CD sync option; allowed: Key=Value, e.g. ServerSideApply=true"
        )
    return value

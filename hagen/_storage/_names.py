"""Name rules shared by the storage models (Kubernetes DNS-1123 names, absolute paths).

They raise BlueprintError, not ValueError, so that pydantic lets the one clear message through unchanged.
"""

from __future__ import annotations

import re

from hagen._errors import BlueprintError

_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def check_label(value: str, field: str) -> str:
    """A DNS-1123 label (a volume or PVC template name): lowercase alphanumerics and '-', at most 63."""
    if len(value) > 63 or not _LABEL.match(value):
        raise BlueprintError(
            f"{value!r} is not a DNS-1123 label",
            field=field,
            allowed="lowercase letters, digits and '-', starting and ending with a letter or digit, "
            "at most 63 characters",
        )
    return value


def check_subdomain(value: str, field: str) -> str:
    """A DNS-1123 subdomain (a StorageClass name): dot-separated labels, at most 253 characters."""
    if len(value) > 253 or not all(len(p) <= 63 and _LABEL.match(p) for p in value.split(".")):
        raise BlueprintError(
            f"{value!r} is not a DNS-1123 subdomain",
            field=field,
            allowed="lowercase letters, digits, '-' and '.', each dot-separated part starting and ending "
            "with a letter or digit, at most 253 characters",
        )
    return value


def check_absolute_path(value: str, field: str) -> str:
    """An absolute path without '..' parts (a volumeMount mountPath, an EFS basePath)."""
    if not value.startswith("/") or ".." in value.split("/"):
        raise BlueprintError(
            f"{value!r} is not an absolute path", field=field, allowed="a path starting with '/', no '..'"
        )
    return value

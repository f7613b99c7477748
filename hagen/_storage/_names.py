"""Name rules shared by the storage models (Kubernetes DNS-1123 names, absolute paths).

They raise BlueprintError, not ValueError, so that pydantic lets the one clear message through unchanged.
"""

from __future__ import annotations

from hagen._errors import BlueprintError
from hagen._names import dns1123_label, dns1123_subdomain


def check_label(value: str, field: str) -> str:
    """A DNS-1123 label (a volume or PVC template name), as hagen._names.dns1123_label."""
    try:
        return dns1123_label(value)
    except ValueError as exc:
        raise BlueprintError(str(exc), field=field) from None


def check_subdomain(value: str, field: str) -> str:
    """A DNS-1123 subdomain (a StorageClass name), as hagen._names.dns1123_subdomain."""
    try:
        return dns1123_subdomain(value)
    except ValueError as exc:
        raise BlueprintError(str(exc), field=field) from None


def check_absolute_path(value: str, field: str) -> str:
    """An absolute path without '..' parts (a volumeMount mountPath, an EFS basePath)."""
    if not value.startswith("/") or ".." in value.split("/"):
        raise BlueprintError(
            f"{value!r} is not an absolute path", field=field, allowed="a path starting with '/', no '..'"
        )
    return value

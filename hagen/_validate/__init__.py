"""Offline, strict Kubernetes schema validation (schemas from the kubernetes-validate package)."""

from ._report import NotValidated, SchemaError, SchemaViolation, ValidationReport
from ._run import load_sourced, validate_objects, validate_paths
from ._schemas import DEFAULT_KUBE_VERSION, available_versions

__all__ = [
    "DEFAULT_KUBE_VERSION",
    "NotValidated",
    "SchemaError",
    "SchemaViolation",
    "ValidationReport",
    "available_versions",
    "load_sourced",
    "validate_objects",
    "validate_paths",
]

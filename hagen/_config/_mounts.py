"""ConfigMaps and Secrets as files in a tier's container, or as its environment (envFrom)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator

from .._integers import Int32
from .._model import model_check
from .._names import env_name
from ._model import DataKey, Model, ObjectName

MAX_MODE = 0o777


def _mount_path(value: str) -> str:
    if not value.startswith("/"):
        raise ValueError(f"{value!r} is not an absolute path")
    return value


def _relative(path: str) -> str:
    """validateLocalDescendingPath: a relative path without '..' elements (items[].path)."""
    if not path or path.startswith("/") or ".." in path.split("/"):
        raise ValueError(f"items path {path!r} must be relative and must not contain '..'")
    return path


def volume_name(prefix: str, name: str) -> str:
    """A pod volume name (DNS label) for a ConfigMap or Secret: config-<name> / secret-<name>."""
    slug = re.sub(r"[^a-z0-9-]+", "-", name).strip("-")
    return f"{prefix}-{slug}"[:63].rstrip("-")


class _Files(Model):
    path: str = Field(description="volumeMounts[].mountPath (absolute)")
    items: dict[DataKey, str] = Field(
        default_factory=dict, description="key -> file path under `path`; default: every key, as named"
    )
    default_mode: Int32 | None = Field(default=None, description="defaultMode, octal (0o440); 0 to 0o777")
    optional: bool | None = Field(default=None, description="the pod starts even when the object is missing")

    _prefix = ""

    @field_validator("path")
    @classmethod
    def _absolute(cls, value: str) -> str:
        return _mount_path(value)

    @field_validator("items")
    @classmethod
    def _items(cls, value: dict[str, str]) -> dict[str, str]:
        for path in value.values():
            _relative(path)
        return value

    @field_validator("default_mode")
    @classmethod
    def _mode(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= MAX_MODE:
            raise ValueError(f"default_mode {value} ({value:#o}) must be between 0 and 0777 (octal)")
        return value

    @property
    def source(self) -> str:
        raise NotImplementedError

    def _volume_source(self, name_key: str) -> dict[str, Any]:
        out: dict[str, Any] = {name_key: self.source}
        if self.items:
            out["items"] = [{"key": k, "path": v} for k, v in self.items.items()]
        if self.default_mode is not None:
            out["defaultMode"] = self.default_mode
        if self.optional is not None:
            out["optional"] = self.optional
        return out

    def volume_mount(self) -> dict[str, Any]:
        """containers[].volumeMounts[] entry: read-only."""
        return {"name": self.volume_name, "mountPath": self.path, "readOnly": True}

    @property
    def volume_name(self) -> str:
        return volume_name(self._prefix, self.source)


class ConfigFiles(_Files):
    """A ConfigMap mounted as files (volumes[].configMap); `config_map` names a blueprint map or an
    existing one."""

    config_map: ObjectName = Field(description="volumes[].configMap.name")
    _prefix = "config"

    @property
    def source(self) -> str:
        return self.config_map

    def pod_volume(self) -> dict[str, Any]:
        """spec.volumes[] entry."""
        return {"name": self.volume_name, "configMap": self._volume_source("name")}


class SecretFiles(_Files):
    """An existing Secret mounted as files (volumes[].secret); hagen never holds its values."""

    secret: ObjectName = Field(description="volumes[].secret.secretName")
    _prefix = "secret"

    @property
    def source(self) -> str:
        return self.secret

    def pod_volume(self) -> dict[str, Any]:
        """spec.volumes[] entry."""
        return {"name": self.volume_name, "secret": self._volume_source("secretName")}


class EnvFrom(Model):
    """containers[].envFrom[]: every key of a ConfigMap or of a Secret as an environment variable."""

    config_map: ObjectName | None = Field(default=None, description="envFrom[].configMapRef.name")
    secret: ObjectName | None = Field(default=None, description="envFrom[].secretRef.name")
    prefix: str | None = Field(default=None, description="envFrom[].prefix, prepended to every key")
    optional: bool | None = None

    @field_validator("prefix")
    @classmethod
    def _prefix_is_env_name(cls, value: str | None) -> str | None:
        return value if value is None else env_name(value)

    @model_check
    def _one_source(self) -> EnvFrom:
        if (self.config_map is None) == (self.secret is None):
            raise ValueError("envFrom takes exactly one of config_map, secret")
        return self

    def entry(self) -> dict[str, Any]:
        """The envFrom[] entry."""
        key, name = ("configMapRef", self.config_map) if self.config_map else ("secretRef", self.secret)
        ref: dict[str, Any] = {"name": name}
        if self.optional is not None:
            ref["optional"] = self.optional
        out: dict[str, Any] = {key: ref}
        if self.prefix:
            out["prefix"] = self.prefix
        return out


Files = ConfigFiles | SecretFiles

"""Secrets by reference only: ExternalSecret (External Secrets Operator) and SealedSecret (Bitnami).

Neither holds a value hagen could leak: an ExternalSecret names keys in a secret store, a SealedSecret holds
ciphertext only the cluster's controller can decrypt. Both become a v1 Secret in the cluster, which the
tiers use like any existing Secret (SecretKeyRef, EnvFrom(secret=...), SecretFiles).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Literal

from pydantic import Field, field_validator

from .._model import model_check
from ._model import DataKey, Model, ObjectName

ESO_API_VERSION = "external-secrets.io/v1"
"""ESO v0.17.0 stopped serving v1beta1; v1 is the version every current operator serves."""
SEALED_API_VERSION = "bitnami.com/v1alpha1"
_DURATION = r"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$|^0$"
# kubeseal's output is base64 of an RSA-OAEP-wrapped session key and the AES-GCM ciphertext: far longer
# than any password typed into a file.
MIN_SEALED_BYTES = 256


class RemoteRef(Model):
    """ExternalSecret spec.data[].remoteRef: a key (and property, version) in the store."""

    key: str = Field(min_length=1, description="remoteRef.key: the secret's name or path in the store")
    property: str | None = Field(default=None, description="remoteRef.property: a field of a JSON secret")
    version: str | None = Field(default=None, description="remoteRef.version")


class ExternalSecret(Model):
    """An external-secrets.io/v1 ExternalSecret: the operator creates Secret `target` (default: `name`)
    from keys in a SecretStore or ClusterSecretStore (AWS Secrets Manager, Parameter Store, Vault...)."""

    name: ObjectName
    store: ObjectName = Field(description="spec.secretStoreRef.name")
    store_kind: Literal["SecretStore", "ClusterSecretStore"] = "SecretStore"
    data: dict[DataKey, RemoteRef | str] = Field(
        default_factory=dict, description="Secret key -> remote key (or RemoteRef): spec.data[]"
    )
    extract: tuple[str, ...] = Field(
        default=(), description="remote keys whose JSON fields all become keys: spec.dataFrom[].extract"
    )
    target: ObjectName | None = Field(default=None, description="spec.target.name; default `name`")
    creation_policy: Literal["Owner", "Orphan", "Merge", "None"] = "Owner"
    refresh_interval: str = Field(default="1h", description="spec.refreshInterval (Go duration)")

    @field_validator("refresh_interval")
    @classmethod
    def _duration(cls, value: str) -> str:
        if not re.match(_DURATION, value):
            raise ValueError(f"refresh_interval {value!r} is not a Go duration such as 1h, 15m or 30s")
        return value

    @field_validator("extract")
    @classmethod
    def _something(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not key for key in value):
            raise ValueError("extract keys must not be empty")
        return value

    @model_check
    def _fetches(self) -> ExternalSecret:
        if not self.data and not self.extract:
            raise ValueError(f"ExternalSecret {self.name!r} fetches nothing: give data or extract")
        return self

    def to_object(self, namespace: str, labels: dict[str, str]) -> dict[str, Any]:
        """The ExternalSecret object."""
        data = []
        for key, ref in self.data.items():
            remote = RemoteRef(key=ref) if isinstance(ref, str) else ref
            data.append({"secretKey": key, "remoteRef": remote.model_dump(exclude_none=True)})
        spec: dict[str, Any] = {
            "refreshInterval": self.refresh_interval,
            "secretStoreRef": {"name": self.store, "kind": self.store_kind},
            "target": {"name": self.target or self.name, "creationPolicy": self.creation_policy},
        }
        if data:
            spec["data"] = data
        if self.extract:
            spec["dataFrom"] = [{"extract": {"key": key}} for key in self.extract]
        return {
            "apiVersion": ESO_API_VERSION,
            "kind": "ExternalSecret",
            "metadata": {"name": self.name, "namespace": namespace, "labels": labels},
            "spec": spec,
        }

    @property
    def secret_name(self) -> str:
        """The Secret the operator writes."""
        return self.target or self.name


class SealedSecret(Model):
    """A bitnami.com/v1alpha1 SealedSecret: values encrypted by ``kubeseal`` for one cluster; the
    controller unseals them into a Secret of the same name. Plain text is refused."""

    name: ObjectName
    encrypted_data: dict[DataKey, str] = Field(description="spec.encryptedData: kubeseal's base64 output")
    type: str | None = Field(default=None, description="spec.template.type of the Secret, e.g. Opaque")
    scope: Literal["strict", "namespace-wide", "cluster-wide"] = Field(
        default="strict", description="what the ciphertext is bound to (kubeseal --scope)"
    )

    @field_validator("encrypted_data")
    @classmethod
    def _sealed(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("encrypted_data is empty")
        for key, text in value.items():
            try:
                raw = base64.b64decode(text, validate=True)
            except (binascii.Error, ValueError):
                raw = b""
            if len(raw) < MIN_SEALED_BYTES:
                raise ValueError(
                    f"encrypted_data[{key!r}] is not kubeseal output (base64 of at least {MIN_SEALED_BYTES} "
                    "bytes): a plain-text secret would be written to out/ and to git; seal it with "
                    "`kubeseal --raw` or use an ExternalSecret"
                )
        return value

    def to_object(self, namespace: str, labels: dict[str, str]) -> dict[str, Any]:
        """The SealedSecret object (scope annotations on it and on the Secret template, as kubeseal)."""
        annotations = {f"sealedsecrets.bitnami.com/{self.scope}": "true"} if self.scope != "strict" else {}
        metadata: dict[str, Any] = {"name": self.name, "namespace": namespace, "labels": labels}
        template: dict[str, Any] = {"metadata": {"name": self.name, "namespace": namespace, "labels": labels}}
        if annotations:
            metadata["annotations"] = annotations
            template["metadata"]["annotations"] = annotations
        if self.type:
            template["type"] = self.type
        return {
            "apiVersion": SEALED_API_VERSION,
            "kind": "SealedSecret",
            "metadata": metadata,
            "spec": {"encryptedData": dict(sorted(self.encrypted_data.items())), "template": template},
        }

    @property
    def secret_name(self) -> str:
        """The Secret the controller writes."""
        return self.name

"""ConfigMaps declared in a blueprint: content from a dict or from files read at load time.

Synthesis stays pure: a ConfigMap built from files holds their content, read once while the blueprint file
is imported. Per map, the pods that use it roll when the content changes, either through a checksum in the
pod template's annotations (the Helm `checksum/config` habit) or through an immutable ConfigMap whose name
carries a hash of its content (the kustomize `configMapGenerator` habit).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from .._errors import BlueprintError
from .._model import model_check
from ._model import DataKey, Model, ObjectName

Rollout = Literal["checksum", "immutable"]
# kustomize api/hasher: the first 10 hex digits of a sha256, with 0 1 3 a e replaced so that the suffix
# never spells a word or reads as a number.
_KUSTOMIZE_CHARS = str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"})
HASH_LENGTH = 10


def content_hash(name: str, data: Mapping[str, Any], binary_data: Mapping[str, Any]) -> str:
    """sha256 (hex) of a ConfigMap's content: kind, the declared `name`, `data` and `binary_data` (the
    object's base64 strings) as JSON with sorted keys. Also taken of the object as patches leave it, so
    the pods' ``checksum/config-<name>`` follows what is applied."""
    payload = {"kind": "ConfigMap", "name": name, "data": dict(data), "binaryData": dict(binary_data)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class ConfigMap(Model):
    """A ConfigMap (v1) of the blueprint's namespace: text values in `data`, bytes in `binary_data`.

    rollout="checksum" (default): pods using it carry ``checksum/config-<name>`` (sha256 of the content)
    in their template annotations. rollout="immutable": the object is ``<name>-<10-char hash>`` with
    ``immutable: true`` and every reference in the blueprint's pods names that object.
    Refused: keys the API server refuses, a key in both maps, more than 1 MiB (MaxSecretSize) in total.
    """

    name: ObjectName = Field(description="metadata.name (before the hash suffix of an immutable map)")
    data: dict[DataKey, str] = Field(default_factory=dict, description="data: UTF-8 text values")
    binary_data: dict[DataKey, bytes] = Field(default_factory=dict, description="binaryData: raw bytes")
    rollout: Rollout = Field(default="checksum", description="how pods learn the content changed")
    files: tuple[str, ...] = Field(default=(), description="the files the content was read from")

    @model_check
    def _fits(self) -> ConfigMap:
        both = sorted(set(self.data) & set(self.binary_data))
        if both:
            raise ValueError(f"key {both[0]!r} is in both data and binary_data")
        if self.rollout == "immutable" and len(self.name) > 253 - HASH_LENGTH - 1:
            raise ValueError(
                f"name {self.name!r} is too long for the {HASH_LENGTH}-character hash suffix: "
                f"at most {253 - HASH_LENGTH - 1} characters"
            )
        from .._validate._api._core import MAX_DATA_SIZE  # the API server's limit (MaxSecretSize)

        size = self.size
        if size > MAX_DATA_SIZE:
            origin = f" (read from {', '.join(self.files)})" if self.files else ""
            raise BlueprintError(
                f"ConfigMap {self.name!r} holds {size} bytes{origin}: the API server refuses more",
                field=f"ConfigMap {self.name!r}: data",
                value=size,
                allowed=f"at most {MAX_DATA_SIZE} bytes (1 MiB) in data and binary_data together; "
                "mount large files from a volume or an image instead",
            )
        return self

    @property
    def size(self) -> int:
        """Bytes of content as the API server counts them (text as UTF-8, binary as raw bytes)."""
        return sum(len(v.encode()) for v in self.data.values()) + sum(
            len(v) for v in self.binary_data.values()
        )

    @classmethod
    def from_files(
        cls, name: str, *paths: str | Path, base: str | Path | None = None, rollout: Rollout = "checksum"
    ) -> ConfigMap:
        """A ConfigMap of files (a folder adds each regular file in it, not recursively: kubectl's
        ``--from-file``), keyed by file name; UTF-8 text goes to data, anything else to binaryData.

        Relative paths are taken from `base` (a folder, or a file whose folder is meant: ``__file__``),
        by default the folder of the file calling this: the blueprint. Read now, at load time.
        """
        root = Path(base) if base is not None else Path(sys._getframe(1).f_globals.get("__file__", "."))
        if root.is_file() or root.suffix == ".py":
            root = root.parent
        data: dict[str, str] = {}
        binary: dict[str, bytes] = {}
        read: list[str] = []
        for raw in paths:
            path = Path(raw) if Path(raw).is_absolute() else root / raw
            files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
            for file in files:
                try:
                    content = file.read_bytes()
                except OSError as exc:
                    raise BlueprintError(
                        f"cannot read {file}: {exc.strerror}",
                        field=f"ConfigMap {name!r}: files",
                        value=str(raw),
                        allowed="a file or folder beside the blueprint (or an absolute path)",
                    ) from None
                if file.name in data or file.name in binary:
                    raise BlueprintError(
                        f"two files are named {file.name!r}",
                        field=f"ConfigMap {name!r}: files",
                        value=str(file),
                        allowed="one file per key",
                    )
                try:
                    data[file.name] = content.decode("utf-8")
                except UnicodeDecodeError:
                    binary[file.name] = content
                read.append(
                    file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
                )
        return cls(name=name, data=data, binary_data=binary, rollout=rollout, files=tuple(read))

    def content_hash(self) -> str:
        """sha256 (hex) of the content: kind, name, data and binaryData in key order."""
        binary = {k: base64.b64encode(v).decode() for k, v in self.binary_data.items()}
        return content_hash(self.name, self.data, binary)

    @property
    def object_name(self) -> str:
        """metadata.name as written: ``<name>-<hash>`` for an immutable map (kustomize's suffix form)."""
        if self.rollout == "checksum":
            return self.name
        return f"{self.name}-{self.content_hash()[:HASH_LENGTH].translate(_KUSTOMIZE_CHARS)}"

    def to_object(self, namespace: str, labels: dict[str, str]) -> dict[str, Any]:
        """The v1 ConfigMap object."""
        obj: dict[str, Any] = {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": self.object_name, "namespace": namespace, "labels": labels},
        }
        if self.rollout == "immutable":
            obj["immutable"] = True
        if self.data:
            obj["data"] = dict(sorted(self.data.items()))
        if self.binary_data:
            obj["binaryData"] = {k: base64.b64encode(v).decode() for k, v in sorted(self.binary_data.items())}
        return obj

"""Keeping secrets out of diffs: Secret data and password-like values are shown as size and short hash.

Reports end up in CI logs and pull-request comments, so a value is hidden when it is under a Secret's
``data`` or ``stringData`` (a SealedSecret's ``encryptedData`` and template data, an ExternalSecret's
target template data), or when its key, or the name of the list item it is in (``env[name=DB_PASSWORD]
.value``), looks like a password, token, secret, key or credential. References to secrets (``secretName``,
``secretKeyRef``, ``existingSecret``...) name a secret without holding one and stay visible.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ._model import Change, Named, Segment

_SENSITIVE = re.compile(
    r"(pass(word|wd|phrase)?|pwd|token|secret|credential|api_?key|private_?key|access_?key|ssh_?key|(^|_)key)s?$"
)
_REFERENCE = re.compile(r"(name|ref|refs|path|file|selector|existing_?secret|secret_?name|enabled)$")
_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[-.\s]+")
HASH_CHARS = 8
_LAST_APPLIED = ("metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration")
# Kinds that become Secrets: where they carry values (ciphertext, or templates that may hold literals).
# An ExternalSecret's spec.data only names keys in a store and stays visible.
_SECRET_VALUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "SealedSecret": (
        ("spec", "encryptedData"),
        ("spec", "template", "data"),
        ("spec", "template", "stringData"),
    ),
    "ExternalSecret": (("spec", "target", "template", "data"),),
}


def _words(key: str) -> str:
    return "_".join(part for part in _SPLIT.split(key) if part).lower()


def sensitive_key(key: str) -> bool:
    """True when a key (or an env var name) looks like it holds a secret value rather than naming one."""
    words = _words(key)
    return bool(_SENSITIVE.search(words)) and not _REFERENCE.search(words)


def sensitive_path(doc_kind: str, path: tuple[Segment, ...]) -> bool:
    """True when the value at `path` in a document of `doc_kind` must not be printed."""
    if doc_kind == "Secret" and path and (path[0] in ("data", "stringData") or path[:3] == _LAST_APPLIED):
        return True
    if any(path[: len(prefix)] == prefix for prefix in _SECRET_VALUES.get(doc_kind, ())):
        return True
    kubernetes = doc_kind not in ("values", "document", "file")
    for seg in path:
        if kubernetes and seg == "key":  # in the Kubernetes API a bare `key` names a key, never holds one
            continue
        if isinstance(seg, Named) and sensitive_key(seg.name):
            return True
        if isinstance(seg, str) and sensitive_key(seg):
            return True
    return False


def mask(value: Any) -> str:
    """How a hidden value is shown: its size and the first characters of its sha256."""
    raw = value if isinstance(value, str) else repr(value)
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"<redacted: {len(raw.encode('utf-8'))} bytes, sha256:{digest}>"


def redact(value: Any, doc_kind: str, path: tuple[Segment, ...] = ()) -> Any:
    """`value` (found at `path`) with every sensitive scalar below it replaced by its mask."""
    if isinstance(value, dict):
        return {key: redact(item, doc_kind, (*path, str(key))) for key, item in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for i, item in enumerate(value):
            name = item.get("name") if isinstance(item, dict) else None
            seg: Segment = Named(name) if isinstance(name, str) else i
            out.append(redact(item, doc_kind, (*path, seg)))
        return out
    return mask(value) if value is not None and sensitive_path(doc_kind, path) else value


def shown(change: Change) -> tuple[Any, Any]:
    """The old and new values of a change as they may be printed."""
    if change.kind == "moved":
        return change.old, change.new
    return redact(change.old, change.doc_kind, change.path), redact(change.new, change.doc_kind, change.path)

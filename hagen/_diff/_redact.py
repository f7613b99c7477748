"""Keeping secrets out of diffs: values that can hold a secret are shown as size and short hash.

Reports end up in CI logs and pull-request comments. A value is hidden, in every format and however its
list was compared (by name or by position), when it can hold a secret:

- it is under a Secret's ``data`` or ``stringData`` (or in a Secret's last-applied configuration), a
  SealedSecret's ``spec.encryptedData`` or template data, or an ExternalSecret's target template data
  (its ``spec.data`` only names keys in a store and stays visible);
- its key is secret-named: split into word parts (camelCase, snake_case, kebab-case, dots; for a
  qualified key ``domain/name`` only the name), one part is a secret word (`SECRET_WORDS`), e.g.
  ``SECRET_KEY_BASE``, ``dbPasswordFile``, ``x-api-token``; ``keyboard`` is one word and is not;
- it is the ``value`` of a list item whose ``name`` is secret-named (``env[name=DB_PASSWORD].value``);
- in Helm values and other plain YAML, it is a string anywhere below a secret-named key
  (``postgresql.auth.username``), since charts nest their secrets;
- inside any string: a URL's password, a PEM block, ``NAME=value`` with a secret-named NAME
  (see `hagen._diff._redact_text`).

Not hidden, since they cannot hold a secret: booleans and nulls (``automountServiceAccountToken: false``),
numbers under a key that is not secret-named, and keys that name or describe a secret rather than hold
one: a last word in `DESCRIBING` (``secretName``, ``secretKeyRef``, ``tokenExpirationSeconds``,
``AUTH_URL``: a URL's password is still found by the text rules), a first
word ``existing`` (``existingSecret``), and the Kubernetes fields that name a key (``topologyKey``,
``matchLabelKeys``, and a bare ``key`` field of a Kubernetes object; in Helm values ``tls.key`` is secret).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ._model import Change, Named, Segment
from ._redact_text import HASH_CHARS, mask, redact_text

SECRET_WORDS = frozenset(
    {
        *("password", "passwords", "passwd", "pass", "pwd", "passphrase"),
        *("secret", "secrets", "token", "tokens", "key", "keys", "apikey"),
        *("credential", "credentials", "creds", "auth", "authorization", "private", "privatekey"),
        *("cert", "certs", "certificate", "certificates"),
    }
)
"""Word parts that make a key secret-named (lower case)."""
DESCRIBING = frozenset(
    {
        *("name", "names", "ref", "refs", "selector", "enabled", "disabled", "type", "mode", "kind"),
        *("format", "version", "seconds", "ttl", "size", "length", "count", "expiration", "issuer"),
        *("url", "uri", "host", "port", "endpoint", "user", "username"),
    }
)
"""Last word parts of keys that name or describe a secret without holding it (lower case)."""
_KEY_FIELDS = frozenset({"topologykey", "matchlabelkeys", "mismatchlabelkeys"})
_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[^A-Za-z0-9]+")
_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_PLAIN_KINDS = ("values", "document", "file")
# Kinds that become Secrets: where they carry values (ciphertext, or templates that may hold literals).
_SECRET_VALUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "SealedSecret": (
        ("spec", "encryptedData"),
        ("spec", "template", "data"),
        ("spec", "template", "stringData"),
    ),
    "ExternalSecret": (("spec", "target", "template", "data"),),
}

__all__ = ["DESCRIBING", "HASH_CHARS", "SECRET_WORDS", "mask", "redact", "sensitive_key", "shown"]


def _words(key: str) -> list[str]:
    return [part.lower() for part in _SPLIT.split(key.rpartition("/")[2]) if part]


def sensitive_key(key: str, *, field: bool = True) -> bool:
    """True when a key holds a secret rather than naming or describing one.

    `field` is true for a field of a Kubernetes object, where a bare ``key`` names a key (secretKeyRef,
    tolerations, selectors); false for a list item's name (an env var ``KEY``), a key in Helm values or
    other YAML (``tls.key``), and a name inside text.
    """
    words = _words(key)
    joined = "".join(words)
    if not words or joined in _KEY_FIELDS or (field and joined in ("key", "keys")):
        return False
    if words[-1] in DESCRIBING or words[0] == "existing":
        return False
    return any(word in SECRET_WORDS for word in words)


def _secret_name(name: str) -> bool:
    return sensitive_key(name, field=False)


def _names(path: tuple[Segment, ...], labels: tuple[tuple[int, str], ...]) -> list[list[str]]:
    """Per segment, the names that stand for it: a key, a named item's name, or a position's labels."""
    out: list[list[str]] = [[] for _ in path]
    for i, seg in enumerate(path):
        if isinstance(seg, Named):
            out[i].append(seg.name)
        elif isinstance(seg, str):
            out[i].append(seg)
    for at, name in labels:
        if at < len(out) and isinstance(path[at], int):
            out[at].append(name)
    return out


def hidden(
    doc_kind: str, path: tuple[Segment, ...], value: Any, labels: tuple[tuple[int, str], ...] = ()
) -> bool:
    """True when the scalar `value` at `path` in a document of `doc_kind` must not be printed whole."""
    if value is None or isinstance(value, bool):
        return False
    if doc_kind == "Secret" and path and path[0] in ("data", "stringData"):
        return True
    if any(path[: len(prefix)] == prefix for prefix in _SECRET_VALUES.get(doc_kind, ())):
        return True
    names = _names(path, labels)
    field = doc_kind not in _PLAIN_KINDS
    if path and isinstance(path[-1], str) and sensitive_key(path[-1], field=field):
        return True
    # The value of a named item is keyed by the item's name (env, and any list of name/value pairs).
    if len(path) >= 2 and path[-1] == "value" and any(_secret_name(n) for n in names[-2]):
        return True
    if isinstance(value, str) and doc_kind in _PLAIN_KINDS:
        return any(isinstance(seg, str) and _secret_name(seg) for seg in path[:-1])
    return False


def _last_applied(text: str, doc_kind: str) -> str:
    try:
        applied = json.loads(text)
    except ValueError:
        return redact_text(text, _secret_name)
    kind = applied.get("kind") if isinstance(applied, dict) else None
    masked = redact(applied, kind if isinstance(kind, str) else doc_kind)
    return text if masked == applied else json.dumps(masked, separators=(",", ":"))


def _scalar(value: Any, doc_kind: str, path: tuple[Segment, ...], labels: tuple[tuple[int, str], ...]) -> Any:
    if hidden(doc_kind, path, value, labels):
        return mask(value)
    if isinstance(value, str):
        if path and path[-1] == _LAST_APPLIED:
            return _last_applied(value, doc_kind)
        return redact_text(value, _secret_name)
    return value


def redact(
    value: Any, doc_kind: str, path: tuple[Segment, ...] = (), labels: tuple[tuple[int, str], ...] = ()
) -> Any:
    """`value` (found at `path`) with every secret below it masked (see the module's rules).

    `labels` are the names of list items the path reaches by position (`Change.labels`).
    """
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and path and isinstance(path[-1], int):  # an item reached by position
            labels = (*labels, (len(path) - 1, name))
        return {key: redact(item, doc_kind, (*path, str(key)), labels) for key, item in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for i, item in enumerate(value):
            name = item.get("name") if isinstance(item, dict) else None
            seg: Segment = Named(name) if isinstance(name, str) else i
            out.append(redact(item, doc_kind, (*path, seg), labels))
        return out
    return _scalar(value, doc_kind, path, labels)


def shown(change: Change) -> tuple[Any, Any]:
    """The old and new values of a change as they may be printed."""
    if change.kind == "moved":
        return change.old, change.new
    kind, path, labels = change.doc_kind, change.path, change.labels
    return redact(change.old, kind, path, labels), redact(change.new, kind, path, labels)

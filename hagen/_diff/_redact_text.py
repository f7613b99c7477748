"""Secrets inside text: a URL's password, a PEM block, ``NAME=value`` with a secret-named NAME.

A string can carry a secret whatever key it sits under: ``DATABASE_URL=postgres://u:pw@db/app``, a
certificate pasted into a ConfigMap, ``--db-password=...`` in a container's args, ``password: ...`` in a
configuration file held by a ConfigMap. Only the secret part is masked, so a report still shows what
else changed in the string.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

HASH_CHARS = 8

# scheme://user:password@host (RFC 3986 userinfo). The password runs to the last "@" before a space, so
# an unencoded "@" in it is hidden too, at worst with some of the host.
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s]*:)(?P<secret>[^\s]*)(?P<at>@)")
# RFC 7468 textual encodings: everything between the BEGIN and END lines (or to the end when cut off).
_PEM = re.compile(
    r"(?P<head>-----BEGIN (?P<label>[A-Z0-9 ]+)-----)(?P<secret>.*?)(?P<tail>-----END (?P=label)-----|\Z)",
    re.DOTALL,
)
# NAME=value (env files, command-line flags, properties) and "name: value" at a line start (YAML or
# similar configuration inside a string).
_ASSIGNMENT = re.compile(
    r"(?P<head>(?<![\w.\-])-{0,2}(?P<name>[A-Za-z_][\w.\-]*)=[\"']?)(?P<secret>[^\s\"'&;,]+)"
    r"|(?P<head2>^[ \t]*(?:-[ \t]+)?(?P<name2>[A-Za-z_][\w.\-]*)[ \t]*:[ \t]+[\"']?)"
    r"(?P<secret2>[^\s\"'#][^\n\"'#]*?)(?=[ \t]*(?:[\"'#\n]|$))",
    re.MULTILINE,
)
_NOT_SECRET = frozenset({"true", "false", "yes", "no", "on", "off", "null", "~", "|", ">"})


def mask(value: object) -> str:
    """How a hidden value is shown: its size and the first characters of its sha256."""
    raw = value if isinstance(value, str) else repr(value)
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"<redacted: {len(raw.encode('utf-8'))} bytes, sha256:{digest}>"


def _url(match: re.Match[str]) -> str:
    return match["head"] + mask(match["secret"]) + match["at"]


def _pem(match: re.Match[str]) -> str:
    return match["head"] + mask(match["secret"]) + match["tail"]


def redact_text(text: str, secret_name: Callable[[str], bool]) -> str:
    """`text` with URL passwords, PEM bodies and values assigned to secret-named names masked.

    `secret_name` decides whether a name (``DB_PASSWORD``, ``db.password``) holds a secret.
    """

    def assignment(match: re.Match[str]) -> str:
        head, name, secret = (
            (match["head"], match["name"], match["secret"])
            if match["head"] is not None
            else (match["head2"], match["name2"], match["secret2"])
        )
        if not secret_name(name) or secret.lower() in _NOT_SECRET or secret.startswith("<redacted"):
            return match[0]
        return head + mask(secret)

    if "-----BEGIN " in text:
        text = _PEM.sub(_pem, text)
    if "://" in text:
        text = _URL_PASSWORD.sub(_url, text)
    if "=" in text or ":" in text:
        text = _ASSIGNMENT.sub(assignment, text)
    return text

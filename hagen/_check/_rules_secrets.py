"""Credentials in plain text: env values, ConfigMap entries and Secrets that carry their values.

A name says what a value is: ``DB_PASSWORD``, ``GITHUB_TOKEN``, ``AWS_SECRET_ACCESS_KEY``. A value says it
too: ``postgres://app:hunter2@db/app`` or ``...;password=hunter2``. Values that only refer to another
variable (``$(DB_PASSWORD)``, ``${DB_PASSWORD}``) hold no secret and are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .._finding import Finding
from ._catalog import finding
from ._context import CheckContext

_NAME = re.compile(
    r"(^|[_.-])(PASSWORD|PASSWD|PASSPHRASE|PWD|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY"
    r"|CREDENTIALS?|CLIENT_SECRET)$",
    re.IGNORECASE,
)
_URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:(?P<secret>[^@\s/]+)@", re.IGNORECASE)
_PARAM_PASSWORD = re.compile(r"[?&;](password|pwd)=(?P<secret>[^&;\s]+)", re.IGNORECASE)
# The value must be on the key's own line: `apiToken:` opening a nested block sets no token.
_LINE = re.compile(
    r"^[ \t]*[\w.-]*(password|passwd|secret|token|api[_-]?key)[ \t]*[=:][ \t]*(?P<secret>\S.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_REFERENCE = re.compile(r"^\s*[\"']?(\$\(\w+\)|\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>)?[\"']?\s*$")


def _real(secret: str) -> bool:
    """False for empty values and values that only refer to another variable or template."""
    return bool(secret.strip()) and not _REFERENCE.match(secret)


def credential_value(value: str) -> str | None:
    """Why a value looks like a connection string with a password, or None."""
    for pattern, what in (
        (_URL_PASSWORD, "a URL with a password"),
        (_PARAM_PASSWORD, "a password parameter"),
    ):
        match = pattern.search(value)
        if match and _real(match.group("secret")):
            return what
    return None


def credential_name(name: str) -> bool:
    """True when an env var or key name says it holds a credential (not a file, path or reference to one)."""
    return bool(_NAME.search(name))


def _env_findings(ctx: CheckContext) -> Iterator[Finding]:
    for w in ctx.workloads():
        for field in ("initContainers", "containers"):
            for c in w.pod_spec.get(field) or []:
                for env in c.get("env") or [] if isinstance(c, Mapping) else []:
                    value = env.get("value")
                    if not isinstance(value, str) or not _real(value):
                        continue
                    name = str(env.get("name"))
                    why = (
                        "its name says it is a credential"
                        if credential_name(name)
                        else credential_value(value)
                    )
                    if why:
                        yield finding(
                            "secret.plaintext-env",
                            f"{w.kind} {w.name}: container {c.get('name')!r}: env {name} holds a value in "
                            f"plain text ({why})",
                            ctx,
                            w.obj,
                        )


def _config_findings(ctx: CheckContext, obj: Mapping[str, Any]) -> Iterator[Finding]:
    name = (obj.get("metadata") or {}).get("name")
    for key, value in (obj.get("data") or {}).items():
        text = str(value or "")
        why = None
        if credential_name(str(key)) and _real(text):
            why = "its key says it is a credential"
        elif why := credential_value(text):
            pass
        else:
            line = next((m for m in _LINE.finditer(text) if _real(m.group("secret"))), None)
            why = f"a line sets {line.group(1)}" if line else None
        if why:
            yield finding(
                "secret.plaintext-configmap",
                f"ConfigMap {name}: key {key!r} holds a credential in plain text ({why})",
                ctx,
                dict(obj),
            )


def secret_rules(ctx: CheckContext) -> Iterator[Finding]:
    """Findings for credentials in env values, ConfigMap data, and Secrets with data in the manifests."""
    yield from _env_findings(ctx)
    for obj in ctx.of_kind("ConfigMap"):
        yield from _config_findings(ctx, obj)
    for obj in ctx.of_kind("Secret"):
        keys = sorted({*(obj.get("data") or {}), *(obj.get("stringData") or {})})
        if keys:
            name = (obj.get("metadata") or {}).get("name")
            yield finding(
                "secret.plaintext-secret",
                f"Secret {name} carries its values ({', '.join(keys)}) in the manifests",
                ctx,
                obj,
            )

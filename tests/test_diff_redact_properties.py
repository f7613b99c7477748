"""Property: a secret in any position never reaches any report format, and its change is still reported.

Positions: Secret data and stringData, an env value under a secret-named variable (also in an env list
with a repeated name, which is compared by position), Helm values nested below a secret-named key, a
URL with a password under a plain key, a PEM block, a ``--flag=value`` argument, and a configuration
file held by a ConfigMap.
"""

from __future__ import annotations

import re
import string
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from hagen._diff import FORMATS, diff_trees, format_diff, tree_from_documents

SECRET_WORDS = ["password", "secret", "token", "key", "credential", "auth", "cert", "private", "passwd"]
PLAIN_WORDS = ["db", "app", "root", "admin", "base", "value", "data", "file", "rails", "main"]

secrets = st.text(string.ascii_letters + string.digits, min_size=10, max_size=24).map(lambda s: "Zq" + s)


@st.composite
def secret_names(draw: st.DrawFn) -> str:
    """A name with a secret word in any position and any spelling: SECRET_KEY_BASE, dbPasswordFile..."""
    before = draw(st.lists(st.sampled_from(PLAIN_WORDS), max_size=2))
    after = draw(st.lists(st.sampled_from(PLAIN_WORDS), max_size=2))
    words = [*before, draw(st.sampled_from(SECRET_WORDS)), *after]
    style = draw(st.sampled_from(["upper_snake", "snake", "camel", "kebab", "dots"]))
    if style == "upper_snake":
        return "_".join(words).upper()
    if style == "snake":
        return "_".join(words)
    if style == "kebab":
        return "-".join(words)
    if style == "dots":
        return ".".join(words)
    return words[0] + "".join(word.capitalize() for word in words[1:])


def _meta(kind: str, api: str = "v1") -> dict[str, Any]:
    return {"apiVersion": api, "kind": kind, "metadata": {"name": "x", "namespace": "ns"}}


def _deployment(env: list[dict[str, Any]], args: list[str]) -> dict[str, Any]:
    container = {"name": "app", "image": "app:1", "args": args, "env": env}
    spec = {"template": {"spec": {"containers": [container]}}}
    return {**_meta("Deployment", "apps/v1"), "spec": spec}


def place(position: str, name: str, secret: str | None, repeated: bool) -> tuple[str, Any]:
    """(file, document) holding `secret` at `position`; None leaves the secret out (added/removed)."""
    present = secret is not None
    if position in ("secret-data", "secret-string-data"):
        field = "data" if position == "secret-data" else "stringData"
        return "secret.yaml", {**_meta("Secret"), field: {"config": secret} if present else {}}
    if position in ("env", "env-url"):
        value = secret if position == "env" else f"postgres://app:{secret}@db:5432/app"
        var = name if position == "env" else "DATABASE_URL"
        env = [{"name": "LOG_LEVEL", "value": "info"}]
        if repeated:  # a repeated name: the list is compared by position
            env.append({"name": "LOG_LEVEL", "value": "debug"})
        if present:
            env.append({"name": var, "value": value})
        return "deployment.yaml", _deployment(env, [])
    if position == "args":
        return "deployment.yaml", _deployment([], [f"--{name}={secret}"] if present else [])
    if position == "helm":
        inner: dict[str, Any] = {"inner": {"leaf": secret}} if present else {}
        return "helm/app/values.yaml", {"global": {"db": {name: inner, "replicas": 2}}}
    if position == "pem":
        label = "RSA PRIVATE KEY" if name.startswith("p") else "CERTIFICATE"
        pem = f"-----BEGIN {label}-----\n{secret}\n-----END {label}-----\n"
        return "configmap.yaml", {**_meta("ConfigMap"), "data": {"ca.crt": pem} if present else {}}
    # A configuration file held by a ConfigMap.
    text = f"url: http://app\n{name}: {secret}\n" if present else "url: http://app\n"
    return "configmap.yaml", {**_meta("ConfigMap"), "data": {"app.yaml": text}}


POSITIONS = ["secret-data", "secret-string-data", "env", "env-url", "args", "helm", "pem", "config-file"]


@given(
    position=st.sampled_from(POSITIONS),
    name=secret_names(),
    old=secrets,
    new=secrets,
    change=st.sampled_from(["changed", "added", "removed"]),
    repeated=st.booleans(),
)
def test_secrets_never_reach_a_report_and_changes_are_still_reported(
    position: str, name: str, old: str, new: str, change: str, repeated: bool
) -> None:
    assume(old != new and old not in new and new not in old)
    before = place(position, name, None if change == "added" else old, repeated)
    after = place(position, name, None if change == "removed" else new, repeated)
    result = diff_trees(
        tree_from_documents({before[0]: [before[1]]}), tree_from_documents({after[0]: [after[1]]})
    )
    assert result.drift and result.changes
    for fmt in FORMATS:
        text = format_diff(result, fmt)
        assert old not in text and new not in text, (fmt, text)
    human = format_diff(result, "human")
    assert "<redacted: " in human, human
    if change == "changed":  # old and new are told apart by their hashes
        assert len(set(re.findall(r"sha256:([0-9a-f]{8})", human))) >= 2, human

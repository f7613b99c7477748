"""Secrets by reference only: ExternalSecret, SealedSecret, no values in a blueprint, findings, redaction."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen import ExternalSecret, RemoteRef, SealedSecret
from hagen._check._context import CheckContext
from hagen._check._rules_secrets import secret_rules
from hagen._diff import diff_trees, format_diff, tree_from_documents
from tests._service import objects_of, pod, write_blueprint

CIPHER = base64.b64encode(b"".join(hashlib.sha256(bytes([i])).digest() for i in range(10))).decode()


def test_external_secret_object_is_external_secrets_io_v1() -> None:
    es = ExternalSecret(
        name="db",
        store="aws",
        store_kind="ClusterSecretStore",
        data={"password": RemoteRef(key="prod/db", property="password"), "user": "prod/db-user"},
        extract=["prod/db-extra"],
    )
    assert es.to_object("app", {}) == {
        "apiVersion": "external-secrets.io/v1",
        "kind": "ExternalSecret",
        "metadata": {"name": "db", "namespace": "app", "labels": {}},
        "spec": {
            "refreshInterval": "1h",
            "secretStoreRef": {"name": "aws", "kind": "ClusterSecretStore"},
            "target": {"name": "db", "creationPolicy": "Owner"},
            "data": [
                {"secretKey": "password", "remoteRef": {"key": "prod/db", "property": "password"}},
                {"secretKey": "user", "remoteRef": {"key": "prod/db-user"}},
            ],
            "dataFrom": [{"extract": {"key": "prod/db-extra"}}],
        },
    }


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"name": "db", "store": "aws"}, "fetches nothing"),
        ({"name": "db", "store": "aws", "data": {"a": "k"}, "refresh_interval": "hourly"}, "Go duration"),
        ({"name": "db", "store": "aws", "data": {"bad key": "k"}}, "key 'bad key'"),
    ],
)
def test_external_secret_refusals(kwargs: dict[str, Any], expected: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=expected):
        ExternalSecret(**kwargs)


def test_sealed_secret_object_with_scope() -> None:
    obj = SealedSecret(name="tok", encrypted_data={"token": CIPHER}, scope="namespace-wide").to_object(
        "app", {}
    )
    assert obj["apiVersion"] == "bitnami.com/v1alpha1"
    assert obj["spec"]["encryptedData"] == {"token": CIPHER}
    assert obj["metadata"]["annotations"] == {"sealedsecrets.bitnami.com/namespace-wide": "true"}


@pytest.mark.parametrize("value", ["hunter2", base64.b64encode(b"hunter2").decode(), "not base64!"])
def test_sealed_secret_refuses_plain_text(value: str) -> None:
    with pytest.raises(hagen.BlueprintError, match="plain-text secret would be written to out/"):
        SealedSecret(name="tok", encrypted_data={"token": value})


def test_secret_with_values_in_extra_objects_refused_at_load(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        """
        class App(Blueprint):
            objects = [{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                        "stringData": {"password": "hunter2"}}]
        """,
    )
    with pytest.raises(hagen.BlueprintError) as info:
        hagen.load_blueprints([path])
    message = str(info.value)
    assert "app.py" in message and "App" in message and "objects" in message
    assert "Secret 'db' holds values that would be written in plain text" in message
    assert "hunter2" not in message


def test_secrets_mounted_and_as_env_by_reference(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        f"""
        class App(Blueprint):
            secrets = [SealedSecret(name="tok", encrypted_data={{"token": "{CIPHER}"}})]
            tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                          env_from=[EnvFrom(secret="tok", optional=True)],
                          files=[SecretFiles(secret="tls", path="/etc/tls",
                                             items={{"tls.crt": "cert.pem"}})])]
        """,
    )
    objects = objects_of(path)
    assert "bitnami.com.SealedSecret.app.tok" in objects
    spec = pod(objects, "web")["spec"]
    assert spec["containers"][0]["envFrom"] == [{"secretRef": {"name": "tok", "optional": True}}]
    assert {
        "name": "secret-tls",
        "secret": {"secretName": "tls", "items": [{"key": "tls.crt", "path": "cert.pem"}]},
    } in spec["volumes"]


def _deployment(env: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "app"},
        "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "x:1", "env": env}]}}},
    }


def _messages(objects: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((f.id, f.message) for f in secret_rules(CheckContext(objects=tuple(objects))))


def test_credential_env_values_are_findings() -> None:
    env = [
        {"name": "DB_PASSWORD", "value": "hunter2"},
        {"name": "GITHUB_TOKEN", "value": "ghp_abc"},
        {"name": "DATABASE_URL", "value": "postgres://app:hunter2@db:5432/app"},
        {"name": "JDBC", "value": "jdbc:sqlserver://db;user=app;password=hunter2"},
        # not findings: references, empty values, files that hold one, URLs without a password
        {"name": "API_TOKEN", "value": "$(TOKEN_FROM_SECRET)"},
        {"name": "ADMIN_PASSWORD", "value": ""},
        {"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"},
        {"name": "UPSTREAM", "value": "https://user@example.com/x"},
        {"name": "REDIS_URL", "value": "redis://:${REDIS_PASSWORD}@redis:6379"},
        {"name": "DB_PASSWORD2", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
    ]
    found = _messages([_deployment(env)])
    assert [m.split("env ")[1].split(" ")[0] for _, m in found] == [
        "DATABASE_URL",
        "DB_PASSWORD",
        "GITHUB_TOKEN",
        "JDBC",
    ]
    assert {i for i, _ in found} == {"secret.plaintext-env"}
    assert (
        "Deployment web: container 'web': env DATABASE_URL holds a value in plain text "
        "(a URL with a password)" in [m for _, m in found]
    )


def test_credential_in_config_map_and_secret_with_data_are_findings() -> None:
    config = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "namespace": "app"},
        "data": {
            "app.properties": "db.url=jdbc:x\ndb.password=hunter2\n",
            "SMTP_PASSWORD": "hunter2",
            "ok.properties": "db.password=${DB_PASSWORD}\nlog=info\n",
        },
    }
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "s", "namespace": "app"},
        "data": {"k": "aGk="},
    }
    assert _messages([config, secret]) == [
        (
            "secret.plaintext-configmap",
            "ConfigMap c: key 'SMTP_PASSWORD' holds a credential in plain text "
            "(its key says it is a credential)",
        ),
        (
            "secret.plaintext-configmap",
            "ConfigMap c: key 'app.properties' holds a credential in plain text (a line sets password)",
        ),
        ("secret.plaintext-secret", "Secret s carries its values (k) in the manifests"),
    ]


def test_a_credential_key_opening_a_nested_block_sets_nothing() -> None:
    # The Jenkins chart's JCasC ConfigMap: `apiToken:` holds settings on the next lines, not a token.
    jcasc = "jenkins:\n  apiToken:\n    creationOfLegacyTokenEnabled: false\n  token:\n\n  x: 1\n"
    config = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "jcasc", "namespace": "jenkins"},
        "data": {"jcasc-default-config.yaml": jcasc, "other.yaml": "auth:\n  token:   abc123\n"},
    }
    assert _messages([config]) == [
        (
            "secret.plaintext-configmap",
            "ConfigMap jcasc: key 'other.yaml' holds a credential in plain text (a line sets token)",
        )
    ]


@pytest.mark.parametrize(
    ("kind", "path"),
    [("SealedSecret", ("spec", "encryptedData")), ("ExternalSecret", ("spec", "target", "template", "data"))],
)
def test_diff_redacts_the_new_kinds(kind: str, path: tuple[str, ...]) -> None:
    def doc(value: str) -> dict[str, Any]:
        body: dict[str, Any] = {"config.json": value}
        for key in reversed(path):
            body = {key: body}
        return {"apiVersion": "x/v1", "kind": kind, "metadata": {"name": "s", "namespace": "n"}, **body}

    result = diff_trees(
        tree_from_documents({"a.yaml": [doc("old-cipher")]}),
        tree_from_documents({"a.yaml": [doc("new-cipher")]}),
    )
    assert result.drift
    for fmt in ("human", "unified", "json", "github", "markdown"):
        text = format_diff(result, fmt)
        assert "old-cipher" not in text and "new-cipher" not in text, fmt
    assert hashlib.sha256(b"new-cipher").hexdigest()[:8] in format_diff(result, "human")

"""Secrets never reach a report: Secret data, password-like keys and env vars are masked in every format."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from hagen._diff import FORMATS, diff_trees, format_diff, tree_from_documents

from .conftest import run_hagen

SECRET = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "ns"}}


def pod_env(value: str, level: str) -> dict[str, Any]:
    env = [{"name": "DB_PASSWORD", "value": value}, {"name": "LOG_LEVEL", "value": level}]
    containers = [{"name": "app", "image": "app", "env": env}]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "ns"},
        "spec": {"containers": containers},
    }


def reports(old: dict[str, list[Any]], new: dict[str, list[Any]]) -> dict[str, str]:
    result = diff_trees(tree_from_documents(old), tree_from_documents(new))
    assert result.drift
    return {fmt: format_diff(result, fmt) for fmt in FORMATS}


@pytest.mark.parametrize("field", ["data", "stringData"])
def test_secret_values_are_masked_with_size_and_hash(field: str) -> None:
    old = {"s.yaml": [{**SECRET, field: {"password": "hunter2-old"}}]}
    new = {"s.yaml": [{**SECRET, field: {"password": "hunter2-new"}}]}
    for fmt, text in reports(old, new).items():
        assert "hunter2" not in text, fmt
    human = reports(old, new)["human"]
    assert hashlib.sha256(b"hunter2-new").hexdigest()[:8] in human
    assert "11 bytes" in human


def test_added_secrets_are_masked_too() -> None:
    for fmt, text in reports({}, {"s.yaml": [{**SECRET, "data": {"token": "c2VjcmV0LXRva2Vu"}}]}).items():
        assert "c2VjcmV0LXRva2Vu" not in text, fmt


def test_env_vars_named_like_passwords_are_masked_and_others_shown() -> None:
    old, new = {"p.yaml": [pod_env("swordfish", "info")]}, {"p.yaml": [pod_env("marlin", "debug")]}
    for fmt, text in reports(old, new).items():
        assert "swordfish" not in text and "marlin" not in text, fmt
        if fmt != "stat":
            assert "debug" in text, fmt


def test_helm_values_with_password_keys_are_masked_but_references_are_not() -> None:
    old = {
        "helm/jenkins/values.yaml": [
            {"controller": {"adminPassword": "letmein", "existingSecret": "jenkins-a"}}
        ]
    }
    new = {
        "helm/jenkins/values.yaml": [
            {"controller": {"adminPassword": "opensesame", "existingSecret": "jenkins-b"}}
        ]
    }
    text = reports(old, new)["human"]
    assert "letmein" not in text and "opensesame" not in text
    assert "jenkins-a -> jenkins-b" in text


def _deployment(pod_spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d", "namespace": "ns"},
        "spec": {"template": {"spec": pod_spec}},
    }


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("SECRET_KEY_BASE", "base-old-1234", "base-new-5678"),  # the secret word is not at the end
        ("dbPasswordFile", "pwfile-old-1", "pwfile-new-2"),
        ("API_KEY", "apikey-old-1", "apikey-new-2"),
        ("KEY", "barekey-old-1", "barekey-new-2"),  # an env var named KEY is not the Kubernetes `key` field
    ],
)
def test_env_values_are_masked_whatever_the_position_of_the_secret_word(
    name: str, old: str, new: str
) -> None:
    def doc(value: str) -> dict[str, Any]:
        env = [{"name": name, "value": value}, {"name": "LOG", "value": "x"}]
        return _deployment({"containers": [{"name": "app", "image": "a", "env": env}]})

    for fmt, text in reports({"d.yaml": [doc(old)]}, {"d.yaml": [doc(new)]}).items():
        assert old not in text and new not in text, fmt


def test_a_repeated_env_name_keeps_redaction_under_positional_comparison() -> None:
    def doc(value: str) -> dict[str, Any]:
        env = [
            {"name": "LOG", "value": "a"},
            {"name": "LOG", "value": "b"},
            {"name": "DB_PASSWORD", "value": value},
        ]
        return _deployment({"containers": [{"name": "app", "image": "a", "env": env}]})

    all_reports = reports({"d.yaml": [doc("repeated-old-pw")]}, {"d.yaml": [doc("repeated-new-pw")]})
    assert "env[2].value: '<redacted: 15 bytes" in all_reports["human"]
    for fmt, text in all_reports.items():
        assert "repeated-old-pw" not in text and "repeated-new-pw" not in text, fmt


def test_connection_string_passwords_are_masked_and_the_rest_shown() -> None:
    def doc(url: str) -> dict[str, Any]:
        env = [{"name": "DATABASE_URL", "value": url}]
        return _deployment({"containers": [{"name": "app", "image": "a", "env": env}]})

    old, new = doc("postgres://u:pw-old-42@h/db"), doc("postgres://u:pw-old-42@h2/db")
    human = reports({"d.yaml": [old]}, {"d.yaml": [new]})["human"]
    digest = hashlib.sha256(b"pw-old-42").hexdigest()[:8]
    assert f"postgres://u:<redacted: 9 bytes, sha256:{digest}>@h2/db" in human
    assert "pw-old-42" not in human


def test_values_that_cannot_hold_a_secret_stay_visible() -> None:
    old = _deployment(
        {
            "automountServiceAccountToken": False,
            "containers": [{"name": "app", "image": "a:1"}],
            "topologySpreadConstraints": [{"topologyKey": "zone", "maxSkew": 1}],
        }
    )
    new = _deployment(
        {
            "automountServiceAccountToken": True,
            "containers": [{"name": "app", "image": "a:2"}],
            "topologySpreadConstraints": [{"topologyKey": "kubernetes.io/hostname", "maxSkew": 1}],
        }
    )
    human = reports({"d.yaml": [old]}, {"d.yaml": [new]})["human"]
    assert "automountServiceAccountToken: false -> true" in human
    assert "topologyKey: zone -> kubernetes.io/hostname" in human
    values_old = {"helm/x/values.yaml": [{"keyboard": "qwerty", "auth": {"enabled": False, "port": 80}}]}
    values_new = {"helm/x/values.yaml": [{"keyboard": "azerty", "auth": {"enabled": True, "port": 81}}]}
    human = reports(values_old, values_new)["human"]
    assert "keyboard: qwerty -> azerty" in human
    assert "auth.enabled: false -> true" in human and "auth.port: 80 -> 81" in human


def test_a_number_under_a_secret_key_and_a_last_applied_secret_are_masked() -> None:
    old = {"helm/x/values.yaml": [{"db": {"password": 123456}}]}
    new = {"helm/x/values.yaml": [{"db": {"password": 654321}}]}
    for fmt, text in reports(old, new).items():
        assert "123456" not in text and "654321" not in text, fmt
    applied = '{"apiVersion":"v1","kind":"Secret","stringData":{"pw":"%s"}}'
    annotations = {"kubectl.kubernetes.io/last-applied-configuration": applied % "applied-old"}
    before = {"s.yaml": [{**SECRET, "metadata": {**SECRET["metadata"], "annotations": annotations}}]}
    annotations = {"kubectl.kubernetes.io/last-applied-configuration": applied % "applied-new"}
    after = {"s.yaml": [{**SECRET, "metadata": {**SECRET["metadata"], "annotations": annotations}}]}
    for fmt, text in reports(before, after).items():
        assert "applied-old" not in text and "applied-new" not in text, fmt


@pytest.mark.parametrize("fmt", ["human", "unified", "json", "github", "markdown", "stat"])
def test_the_cli_prints_no_secret_in_any_format(fmt: str, tmp_path: Path) -> None:
    def write(folder: str, secret: str, url_password: str) -> Path:
        env = [
            {"name": "LOG", "value": "a"},
            {"name": "LOG", "value": "b"},  # repeated: compared by position
            {"name": "SECRET_KEY_BASE", "value": secret},
            {"name": "DATABASE_URL", "value": f"postgres://u:{url_password}@h/db"},
        ]
        doc = _deployment({"containers": [{"name": "app", "image": "a", "env": env}]})
        path = tmp_path / folder
        path.mkdir()
        (path / "d.yaml").write_text(yaml.safe_dump(doc))
        return path

    old, new = write("old", "kb-old-secret", "url-old-pw"), write("new", "kb-new-secret", "url-new-pw")
    args = ["--stat"] if fmt == "stat" else ["--format", fmt]
    proc = run_hagen("diff", str(old), str(new), *args, "--no-color")
    assert proc.returncode == 1, proc.stderr
    for secret in ("kb-old-secret", "kb-new-secret", "url-old-pw", "url-new-pw"):
        assert secret not in proc.stdout, (fmt, proc.stdout)
    assert "apps.Deployment.ns.d" in proc.stdout

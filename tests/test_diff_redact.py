"""Secrets never reach a report: Secret data, password-like keys and env vars are masked in every format."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from hagen._diff import FORMATS, diff_trees, format_diff, tree_from_documents

SECRET = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "n"}}


def pod_env(value: str, level: str) -> dict[str, Any]:
    env = [{"name": "DB_PASSWORD", "value": value}, {"name": "LOG_LEVEL", "value": level}]
    containers = [{"name": "app", "image": "app", "env": env}]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "n"},
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

"""Patterns most runs never match are kept as source text and compiled by `re` on first use; each still
accepts and refuses what its check documents."""

from __future__ import annotations

import importlib
import re

import pytest

# (module, constant, a value it accepts, a value it refuses)
ACCOUNT = "123456789012"
CASES = [
    ("hagen._blueprint._image", "_DIGEST", "sha256:" + "a" * 64, "sha256:xyz"),
    ("hagen._blueprint._ingress", "_LISTEN", "HTTPS:443", "TCP:443"),
    (
        "hagen._blueprint._lb",
        "_CERT_ARN",
        "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/abc-1",
        "arn:aws:iam::1:x",
    ),
    ("hagen._blueprint._lb", "_SECURITY_GROUP", "sg-0123456789abcdef0", "-bad"),
    ("hagen._config._secrets", "_DURATION", "1h30m", "1d"),
    ("hagen._helm._jenkins_controller", "_PLUGIN", "git:5.2.1", "git"),
    (
        "hagen._helm._jenkins_parts",
        "_ROLE_ARN",
        f"arn:aws:iam::{ACCOUNT}:role/jenkins",
        "arn:aws:iam::1:role/x",
    ),
    ("hagen._helm._names", "_SEMVER", "5.9.53", "5.9"),
    (
        "hagen._storage._addons",
        "_ROLE_ARN",
        f"arn:aws:iam::{ACCOUNT}:role/ebs",
        "arn:aws:iam::123:role/ebs",
    ),
    ("hagen._storage._addons", "_POLICY_ARN", "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy", "policy/x"),
    (
        "hagen._storage._ebs_checks",
        "KMS_KEY_ARN",
        f"arn:aws:kms:us-east-1:{ACCOUNT}:key/ab-12",
        "key/ab-12",
    ),
    ("hagen._storage._ebs_checks", "_ZONE", "ap-northeast-2a", "ap-northeast-2"),
    ("hagen._storage._efs", "_FILE_SYSTEM_ID", "fs-0123abcd", "fs-xyz"),
    ("hagen._storage._efs", "_PERMS", "0755", "0789"),
    ("hagen._validate._api._cron", "_DURATION", "1.5h", "h"),
    ("hagen._validate._schemas", "_USER_VERSION", "v1.31", "1"),
    ("hagen._yaml._goresolve", "_DOT_FLOAT", ".5e3", ".e3"),
]


@pytest.mark.parametrize(("module", "name", "good", "bad"), CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_pattern_is_source_text_and_still_checks(module: str, name: str, good: str, bad: str) -> None:
    pattern = getattr(importlib.import_module(module), name)
    assert isinstance(pattern, str)  # not compiled when the module is imported
    assert re.match(pattern, good)
    assert not re.match(pattern, bad)

"""The name rules of the Kubernetes API (apimachinery validation), checked when a blueprint loads."""

from __future__ import annotations

import re

_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
_DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_QUALIFIED_NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_IANA_SVC_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
_ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")


def dns1123_label(value: str, max_length: int = 63) -> str:
    """A namespace or object name: lowercase alphanumerics and '-', starting and ending alphanumeric."""
    if len(value) > max_length or not _DNS1123_LABEL.match(value):
        raise ValueError(
            f"{value!r} is not a DNS-1123 label: at most {max_length} characters of a-z, 0-9 and '-', "
            "starting and ending with a letter or digit"
        )
    return value


def dns1035_label(value: str, max_length: int = 63) -> str:
    """A Service name: like a DNS-1123 label but starting with a letter."""
    if len(value) > max_length or not _DNS1035_LABEL.match(value):
        raise ValueError(
            f"{value!r} is not a DNS-1035 label: at most {max_length} characters of a-z, 0-9 and '-', "
            "starting with a letter and ending with a letter or digit"
        )
    return value


def dns1123_subdomain(value: str) -> str:
    """A StorageClass or ConfigMap name: dot-separated DNS-1123 labels, at most 253 characters."""
    if len(value) > 253 or not _DNS1123_SUBDOMAIN.match(value):
        raise ValueError(
            f"{value!r} is not a DNS-1123 subdomain: at most 253 characters of a-z, 0-9, '-' and '.', "
            "starting and ending with a letter or digit"
        )
    return value


def port_name(value: str) -> str:
    """A container or Service port name (IANA_SVC_NAME): at most 15 characters, at least one letter."""
    ok = (
        len(value) <= 15
        and _IANA_SVC_NAME.match(value) is not None
        and "--" not in value
        and any(c.isalpha() for c in value)
    )
    if not ok:
        raise ValueError(
            f"{value!r} is not a port name: at most 15 characters of a-z, 0-9 and '-', with a letter, "
            "no '--', not starting or ending with '-'"
        )
    return value


def label_key(value: str) -> str:
    """A label or annotation key: optional DNS-subdomain prefix and '/', then a 63-character name."""
    prefix, _, name = value.rpartition("/")
    if prefix:
        dns1123_subdomain(prefix)
    if len(name) > 63 or not _QUALIFIED_NAME.match(name):
        raise ValueError(
            f"{value!r} is not a label key: [prefix/]name, name at most 63 characters of A-Z, a-z, 0-9, "
            "'-', '_', '.', starting and ending alphanumeric"
        )
    return value


def label_value(value: str) -> str:
    """A label value: empty, or at most 63 characters of A-Z, a-z, 0-9, '-', '_', '.'."""
    if value and (len(value) > 63 or not _QUALIFIED_NAME.match(value)):
        raise ValueError(
            f"{value!r} is not a label value: empty or at most 63 characters of A-Z, a-z, 0-9, '-', '_', "
            "'.', starting and ending alphanumeric"
        )
    return value


def env_name(value: str) -> str:
    """An environment variable name as the API server accepts it (C identifier plus '-' and '.')."""
    if not _ENV_NAME.match(value):
        raise ValueError(f"{value!r} is not an environment variable name: letters, digits, '_', '-', '.'")
    return value

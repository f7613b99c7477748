"""Validation of the names and versions a Helm release is declared with (Helm's own rules)."""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from .._names import LABEL_MAX, dns1123_label

RELEASE_NAME_MAX = 53
"""Helm refuses longer release names: it appends suffixes to them for the objects it names."""

# Semantic Versioning 2.0.0 (https://semver.org), with Helm's tolerated leading "v".
_SEMVER = (
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_RANGE_MARKS = ("^", "~", ">", "<", "=", "*", "||", " - ", ",")


def check_dns_label(value: str, what: str, max_length: int = LABEL_MAX) -> str:
    """`value` if it is a DNS-1123 label of at most `max_length` characters; ValueError naming `what` else."""
    return dns1123_label(value, max_length, what)


def check_release_name(value: str) -> str:
    """A Helm release name: a DNS-1123 label of at most 53 characters."""
    return check_dns_label(value, "release name", RELEASE_NAME_MAX)


def check_pinned_version(value: str) -> str:
    """An exact chart version; ranges are refused because they resolve differently from day to day."""
    text = value.strip()
    if re.match(_SEMVER, text):
        return text
    looks_like_range = any(mark in text for mark in _RANGE_MARKS) or re.search(r"(^|\.)[xX](\.|$)", text)
    if looks_like_range or not text:
        raise ValueError(
            f"chart version {value!r} is a range; pin an exact version such as '5.9.53': a range resolves "
            "to whatever chart is newest on the day of the install, so two installs of one blueprint differ"
        )
    raise ValueError(f"chart version {value!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. '5.9.53')")


@runtime_checkable
class StorageClassLike(Protocol):
    """What a release needs from a StorageClass declared in the blueprint (hagen._storage provides it)."""

    @property
    def name(self) -> str: ...

    @property
    def provisioner(self) -> str: ...

    @property
    def shared_access(self) -> bool:
        """True for classes whose volumes many nodes mount at once (EFS, NFS: ReadWriteMany)."""
        ...

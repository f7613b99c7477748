"""Container image references: ``[registry[:port]/]repository[:tag][@digest]``."""

from __future__ import annotations

import re
from dataclasses import dataclass

_REPOSITORY = re.compile(
    r"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?"  # registry host, optional port
    r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$"
)
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_DIGEST = r"^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$"


@dataclass(frozen=True, slots=True)
class ImageRef:
    """A parsed image reference; `pinned` is True when it names a tag other than latest, or a digest."""

    repository: str
    tag: str | None
    digest: str | None

    @property
    def pinned(self) -> bool:
        return self.digest is not None or (self.tag is not None and self.tag != "latest")


def parse_image(reference: str) -> ImageRef:
    """Split and check an image reference the way container runtimes read it."""
    rest, _, digest = reference.partition("@")
    if digest and not re.match(_DIGEST, digest):
        raise ValueError(f"{reference!r}: {digest!r} is not a digest (algorithm:hex, e.g. sha256:...)")
    tag: str | None = None
    head, sep, last = rest.rpartition(":")
    if sep and "/" not in last:
        rest, tag = head, last
        if not _TAG.match(tag):
            raise ValueError(f"{reference!r}: {tag!r} is not a tag (letters, digits, '_', '.', '-')")
    if not _REPOSITORY.match(rest):
        raise ValueError(f"{reference!r} is not an image reference ([registry/]repository[:tag][@digest])")
    return ImageRef(rest, tag, digest or None)


def pinned_image(value: str, allow_latest: bool) -> str:
    """`value` when it is a valid reference pinned to a tag or digest (or `allow_latest`); else ValueError."""
    if not parse_image(value).pinned and not allow_latest:
        raise ValueError(
            f"image {value!r} is untagged or `latest`: pods would run whatever was pushed last; "
            "pin a tag or digest, or set allow_latest=True"
        )
    return value

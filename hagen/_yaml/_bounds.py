"""Size limits on what is read, the API server's own, checked before a file or document is parsed.

Parsing costs about 60 times the text's size in memory (a 40 MB ConfigMap took 2.7 GB), so sizes are
checked on bytes first: the file by its size on disk, each document by its text, and only then is
anything parsed. The limits are the Kubernetes ones, so nothing the API server would accept is refused.
"""

from __future__ import annotations

import itertools
import os
import re

from .._errors import InputError

MIB = 1024 * 1024
MAX_FILE_BYTES = 64 * MIB
"""Largest file read: a pull request should not be able to make a check read gigabytes."""
MAX_REQUEST_BYTES = 3 * MIB
"""The API server's default limit on a request body (``MaxRequestBodyBytes: 3 * 1024 * 1024`` in
k8s.io/apiserver/pkg/server/config.go): a document larger than this cannot be sent, whatever its format."""
MAX_OBJECT_BYTES = 3 * MIB // 2
"""The largest object etcd stores: its default ``--max-request-bytes`` is 1.5 MiB
(``DefaultMaxRequestBytes = 1.5 * 1024 * 1024``, etcd server/embed/config.go)."""

_DOCUMENT_START = re.compile(rb"^---(?:[ \t]|$)", re.MULTILINE)


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def check_file_size(path: str, size: int | None = None) -> None:
    """InputError when the file at `path` (of `size` bytes, or its size on disk) exceeds MAX_FILE_BYTES."""
    if size is None:
        try:
            size = os.stat(path).st_size
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc}") from None
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{path}: {_mib(size)}, larger than the {_mib(MAX_FILE_BYTES)} hagen reads in one file; refused "
            "unread"
        )


def check_document_sizes(data: str | bytes, source: str) -> None:
    """InputError naming the line of the first document of the stream larger than MAX_REQUEST_BYTES.

    Documents are found by their ``---`` lines, which YAML forbids inside any content, on the text
    alone: nothing is parsed.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) <= MAX_REQUEST_BYTES:
        return
    starts = [m.start() for m in _DOCUMENT_START.finditer(raw)]
    bounds = [0, *starts, len(raw)]
    for start, end in itertools.pairwise(bounds):
        if end - start > MAX_REQUEST_BYTES:
            line = raw.count(b"\n", 0, start) + 1
            raise InputError(
                f"{source}:{line}: a YAML document of {_mib(end - start)}; the API server accepts requests "
                f"of at most {_mib(MAX_REQUEST_BYTES)} and etcd stores objects of at most "
                f"{_mib(MAX_OBJECT_BYTES)}; refused unread"
            )

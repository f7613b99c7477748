"""Output: syntheses -> rendered files -> the out/ tree on disk."""

from ._layout import header, kustomization, object_filename, render, render_objects
from ._write import OWNED_RECORD, WriteReport, owned_record, read_owned, write_tree

__all__ = [
    "OWNED_RECORD",
    "WriteReport",
    "header",
    "kustomization",
    "object_filename",
    "owned_record",
    "read_owned",
    "render",
    "render_objects",
    "write_tree",
]

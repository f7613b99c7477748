"""Output: syntheses -> rendered files -> the out/ tree on disk."""

from ._carry import Committed, carry_unhydrated
from ._hydrated import PROVENANCE, HydratedOutput, hydrate, with_hydrated
from ._layout import (
    Planned,
    header,
    kustomization,
    object_document,
    object_filename,
    render,
    render_objects,
    stream_objects,
)
from ._owned import OWNED_RECORD, owned_record, parse_owned, read_owned
from ._stale import Scope, in_scope, kept_files, removal_scope, stale_files
from ._streamed import Stream
from ._write import WriteReport, recover_output, recover_read, write_tree

__all__ = [
    "OWNED_RECORD",
    "PROVENANCE",
    "Committed",
    "HydratedOutput",
    "Planned",
    "Scope",
    "Stream",
    "WriteReport",
    "carry_unhydrated",
    "header",
    "hydrate",
    "in_scope",
    "kept_files",
    "kustomization",
    "object_document",
    "object_filename",
    "owned_record",
    "parse_owned",
    "read_owned",
    "recover_output",
    "recover_read",
    "removal_scope",
    "render",
    "render_objects",
    "stale_files",
    "stream_objects",
    "with_hydrated",
    "write_tree",
]

"""YAML in and out: safe, bounded reading and deterministic, reader-proof writing."""

from ._dump import libyaml_dump, libyaml_dump_documents, needs_quotes
from ._emit import emit as dump
from ._emit import emit_documents as dump_documents
from ._load import MAX_EXPANDED_NODES, load_documents, load_file, load_objects

__all__ = [
    "MAX_EXPANDED_NODES",
    "dump",
    "dump_documents",
    "libyaml_dump",
    "libyaml_dump_documents",
    "load_documents",
    "load_file",
    "load_objects",
    "needs_quotes",
]

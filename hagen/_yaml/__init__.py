"""YAML in and out: safe, bounded reading and deterministic, reader-proof writing.

Writing needs no YAML library (hagen's own emitter); PyYAML loads only when something is read or the
libyaml reference writer is used, which keeps it off `hagen synth`'s start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._emit import emit as dump
from ._emit import emit_document as dump_document
from ._emit import emit_documents as dump_documents
from ._emit import iter_documents as iter_dump_documents
from ._quoting import needs_quotes

if TYPE_CHECKING:
    from ._dump import libyaml_dump, libyaml_dump_documents
    from ._load import MAX_EXPANDED_NODES, load_documents, load_file, load_objects

_LAZY = {
    "libyaml_dump": "._dump",
    "libyaml_dump_documents": "._dump",
    "MAX_EXPANDED_NODES": "._load",
    "load_documents": "._load",
    "load_file": "._load",
    "load_objects": "._load",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


__all__ = [
    "MAX_EXPANDED_NODES",
    "dump",
    "dump_document",
    "dump_documents",
    "iter_dump_documents",
    "libyaml_dump",
    "libyaml_dump_documents",
    "load_documents",
    "load_file",
    "load_objects",
    "needs_quotes",
]

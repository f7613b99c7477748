"""Splitting a YAML stream into its documents as text, so that unchanged documents are never parsed.

Parsing is most of a diff's cost, and a changed multi-document file usually has one changed document.
YAML forbids a line starting with ``---`` (then a space or the line end) inside any document content,
block scalars and quoted strings included: it always starts a new document. So the text between two
such lines is one document, and two byte-identical pieces are the same document. Streams with
directives (``%YAML``, ``%TAG``) or explicit document ends (``...``) are left whole.
"""

from __future__ import annotations

import re
from collections import Counter

_START = re.compile(r"^---(?:[ \t]|$)", re.MULTILINE)
_UNSPLITTABLE = re.compile(r"^(?:%|\.\.\.(?:[ \t]|$))", re.MULTILINE)
_NOTHING = re.compile(r"^(?:---)?[ \t]*(?:#.*)?$")


def split_documents(text: str) -> list[str] | None:
    """The non-empty documents of `text` as text pieces (each with its ``---`` line), or None when the
    stream cannot be split safely."""
    if _UNSPLITTABLE.search(text):
        return None
    starts = [m.start() for m in _START.finditer(text)]
    bounds = [0, *starts] if not starts or starts[0] != 0 else starts
    pieces = [text[a:b] for a, b in zip(bounds, [*bounds[1:], len(text)], strict=True)]
    return [p for p in pieces if not all(_NOTHING.match(line) for line in p.splitlines())]


def as_document(piece: str) -> str:
    """A piece ready to be joined with others into one stream."""
    piece = piece if piece.endswith("\n") else piece + "\n"
    return piece if _START.match(piece) else "---\n" + piece


def changed_pieces(old: str, new: str) -> tuple[list[str], list[int], list[str], list[int]] | None:
    """Both sides' pieces and the indices of those not present, byte for byte, on the other side.

    None when either side cannot be split (read them whole).
    """
    old_pieces, new_pieces = split_documents(old), split_documents(new)
    if old_pieces is None or new_pieces is None:
        return None
    common = Counter(old_pieces) & Counter(new_pieces)
    return old_pieces, _unmatched(old_pieces, common), new_pieces, _unmatched(new_pieces, common)


def _unmatched(pieces: list[str], common: Counter[str]) -> list[int]:
    left = Counter(common)
    out: list[int] = []
    for i, piece in enumerate(pieces):
        if left[piece] > 0:
            left[piece] -= 1
        else:
            out.append(i)
    return out

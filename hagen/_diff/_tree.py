"""Trees of YAML: the files of a directory, a file, a git revision or a synthesis, keyed by object id.

A tree holds only text until a file needs reading: files that are byte-identical on both sides of a diff
are never parsed (most files, in a drift check), which is what keeps a 10,000-object diff fast.
Documents are keyed by `hagen._objects.object_id` when they are Kubernetes objects (``List`` kinds are
unpacked), and by their file path when they are Helm values files or any other YAML (``path#N`` for the
N-th document of a multi-document file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .._errors import InputError, UnsafeYAMLError
from .._objects import object_id
from .._yaml import load_documents
from .._yaml._bounds import MAX_FILE_BYTES, check_file_size
from ._chunks import as_document, changed_pieces

YAML_SUFFIXES = (".yaml", ".yml", ".json")
MAX_ALIASED_NODES = 4_000_000
"""Most nodes the files of one tree that use YAML aliases may expand to, together. The loader bounds each
file; this bounds many files each just under that limit, whose expanded documents a diff would walk."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One document of a tree: its key, file, position (document index, List item index) and data."""

    key: str
    file: str
    pos: tuple[int, int | None]
    doc_kind: str
    data: Any


def is_object(doc: Any) -> bool:
    """True for a Kubernetes object: a mapping with string apiVersion and kind and a metadata.name."""
    if not isinstance(doc, dict):
        return False
    meta = doc.get("metadata")
    return (
        isinstance(doc.get("apiVersion"), str)
        and isinstance(doc.get("kind"), str)
        and isinstance(meta, dict)
        and isinstance(meta.get("name"), str)
    )


def is_values_file(path: str) -> bool:
    """Helm values: any file under a ``helm/`` folder, or named ``values*.yaml``."""
    parts = PurePosixPath(path).parts
    return "helm" in parts[:-1] or (parts[-1].startswith("values") and parts[-1].endswith(YAML_SUFFIXES))


def _is_list(doc: Any) -> bool:
    kind = doc.get("kind") if isinstance(doc, dict) else None
    return isinstance(kind, str) and kind.endswith("List") and isinstance(doc.get("items"), list)


def _entries(path: str, docs: list[Any], positions: list[int], total: int) -> list[Entry]:
    values = is_values_file(path)
    entries: list[Entry] = []
    for index, doc in zip(positions, docs, strict=True):
        if _is_list(doc):
            for item_index, item in enumerate(doc["items"]):
                if is_object(item):
                    entries.append(Entry(object_id(item), path, (index, item_index), item["kind"], item))
                else:
                    key = f"{path}#{index + 1}.{item_index + 1}"
                    entries.append(Entry(key, path, (index, item_index), "document", item))
        elif is_object(doc):
            entries.append(Entry(object_id(doc), path, (index, None), doc["kind"], doc))
        else:
            key = path if total == 1 else f"{path}#{index + 1}"
            entries.append(Entry(key, path, (index, None), "values" if values else "document", doc))
    return entries


def read_entries(path: str, text: str, source: str) -> list[Entry]:
    """The documents of one file as entries (not yet de-duplicated across files)."""
    if not path.endswith(YAML_SUFFIXES):
        return [Entry(path, path, (0, None), "file", text)]
    docs = load_documents(text, source)
    return _entries(path, docs, list(range(len(docs))), len(docs))


def expanded_nodes(docs: Iterable[Any]) -> int:
    """Nodes of the documents once every alias (shared mapping or list) is followed."""
    memo: dict[int, int] = {}

    def size(node: Any) -> int:
        if not isinstance(node, (dict, list)):
            return 1
        if id(node) not in memo:
            children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            memo[id(node)] = 1 + sum(size(child) for child in children)
        return memo[id(node)]

    return sum(size(doc) for doc in docs)


def _read_pieces(path: str, pieces: list[str], wanted: list[int], source: str, text: str) -> list[Any] | None:
    if not wanted:
        return []
    try:
        docs = load_documents("".join(as_document(pieces[i]) for i in wanted), source)
    except InputError:
        load_documents(text, source)  # the same error, with the line number of the file itself
        raise
    return docs if len(docs) == len(wanted) else None


def read_changed_entries(old: Tree, new: Tree, path: str) -> tuple[list[Entry], list[Entry]]:
    """The entries of a file present on both sides, leaving out documents that are byte-identical on both.

    Only the documents that differ are parsed; unchanged ones cannot be part of any change, since a
    document moved to another file is in a file of its own that differs.
    """
    old_text, new_text = old.texts[path], new.texts[path]
    split = changed_pieces(old_text, new_text) if path.endswith(YAML_SUFFIXES) else None
    if split is not None:
        old_pieces, old_wanted, new_pieces, new_wanted = split
        old_docs = _read_pieces(path, old_pieces, old_wanted, old.source(path), old_text)
        new_docs = _read_pieces(path, new_pieces, new_wanted, new.source(path), new_text)
        if old_docs is not None and new_docs is not None:
            old.charge(path, old_docs)
            new.charge(path, new_docs)
            return (
                _entries(path, old_docs, old_wanted, len(old_pieces)),
                _entries(path, new_docs, new_wanted, len(new_pieces)),
            )
    # A piece read as an empty document (``--- ~``): the pieces do not line up with documents.
    return old.entries(path), new.entries(path)


@dataclass
class Tree:
    """The files of one side of a diff: relative path -> text, read lazily into entries.

    `label` names the side in reports (``out/``, ``synth``, ``origin/main:out/``); `root` is the directory
    on disk the paths are relative to, when there is one.
    """

    texts: dict[str, str]
    label: str = ""
    root: str | None = None
    _parsed: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _aliased: int = field(default=0, repr=False)

    def entries(self, path: str) -> list[Entry]:
        """The documents of one file of the tree (parsed once)."""
        if path not in self._parsed:
            entries = read_entries(path, self.texts[path], self.source(path))
            self.charge(path, [entry.data for entry in entries])
            self._parsed[path] = entries
        return self._parsed[path]

    def charge(self, path: str, docs: list[Any]) -> None:
        """Count the documents of `path` against MAX_ALIASED_NODES when its text uses aliases."""
        text = self.texts[path]
        if "&" not in text or "*" not in text:
            return
        self._aliased += expanded_nodes(docs)
        if self._aliased > MAX_ALIASED_NODES:
            raise UnsafeYAMLError(
                f"{self.source(path)}: the files using YAML aliases expand to more than "
                f"{MAX_ALIASED_NODES:,} nodes together; refused"
            )

    def source(self, path: str) -> str:
        """How error messages name a file of this tree."""
        if self.label.endswith(("/", ":")):
            return f"{self.label}{path}"
        return self.label if self.label.endswith(f"/{path}") else path  # a single file: its full path

    def documents(self) -> dict[str, Any]:
        """Every document of the tree by key (see `index`)."""
        entries = (entry for path in sorted(self.texts) for entry in self.entries(path))
        return {key: entry.data for key, entry in index(entries).items()}


def index(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Entries by key; a key seen again gets ``#2``, ``#3``... appended."""
    out: dict[str, Entry] = {}
    for entry in entries:
        key = entry.key
        n = 1
        while key in out:
            n += 1
            key = f"{entry.key}#{n}"
        out[key] = (
            entry if key == entry.key else Entry(key, entry.file, entry.pos, entry.doc_kind, entry.data)
        )
    return out


def _read_file(path: str) -> str:
    # os.open/os.read: a third of the system calls of open(), which adds up over 10,000 files.
    fd = os.open(path, os.O_RDONLY)
    try:
        check_file_size(path, os.fstat(fd).st_size)  # refused by its size, before a byte is read
        parts = [os.read(fd, 1 << 16)]
        while parts[-1] and sum(map(len, parts)) <= MAX_FILE_BYTES:
            parts.append(os.read(fd, 1 << 20))
    finally:
        os.close(fd)
    data = b"".join(parts)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; refused")
    return data.decode("utf-8")


def _scan(folder: str, prefix: str, out: dict[str, str]) -> None:
    # os.scandir, not pathlib: a 10,000-file out/ is walked in a few milliseconds this way.
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        try:
            if entry.is_symlink():  # out/ may come from anyone: never follow a link out of it
                out[rel] = f"symlink -> {os.readlink(entry.path)}\n"
            elif entry.is_dir():
                _scan(entry.path, rel + "/", out)
            elif entry.is_file():
                out[rel] = _read_file(entry.path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{entry.path}: cannot read: {exc}") from None


def read_text(path: Path) -> str:
    """A file's text; a symlink is shown as its target and never followed (out/ may come from anyone)."""
    try:
        if path.is_symlink():
            return f"symlink -> {os.readlink(path)}\n"
        return _read_file(str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None


def read_path(path: str | Path, label: str | None = None) -> Tree:
    """A directory (every non-hidden file below it, hidden folders skipped) or a single file, as a tree."""
    root = Path(path)
    if root.is_file():
        return Tree({root.name: read_text(root)}, label if label is not None else str(root), str(root.parent))
    if not root.is_dir():
        raise InputError(f"{root}: no such file or directory")
    texts: dict[str, str] = {}
    _scan(str(root), "", texts)
    return Tree(texts, label if label is not None else f"{root.as_posix().rstrip('/')}/", str(root))


def tree_from_documents(files: Mapping[str, list[Any]], label: str = "") -> Tree:
    """An in-memory tree: relative path -> documents, written the way hagen writes files."""
    from .._yaml import dump_documents

    return Tree({path: dump_documents(docs) for path, docs in files.items()}, label)

"""Reading manifests for validation: bounded, inside the tree given, every malformed object one error.

A file is refused unread when it is too large (`hagen._yaml._bounds`); a file that is not YAML, or has a
duplicate key, is an input error (exit 2). An object that reads as YAML but not as a Kubernetes object
(``metadata: hello``, ``apiVersion: [v1]``, a key that is not a string, ``items: 5`` in a List), or that
etcd could not store for its size, is one error line naming the file and line, the object, the
field, what was found and what is allowed; it is not schema-checked further.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._errors import InputError
from .._objects import Object, object_id
from .._yaml._bounds import MAX_OBJECT_BYTES
from ._messages import field_path
from ._report import NotValidated, SchemaError

YAML_SUFFIXES = (".yaml", ".yml")
Path_ = tuple[str | int, ...]
_TYPE_NAMES = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list"}


def _what(value: Any) -> str:
    if value is None:
        return "null"
    name = "a mapping" if isinstance(value, dict) else _TYPE_NAMES.get(type(value), type(value).__name__)
    text = json.dumps(value, default=str)
    return f"{name} ({text if len(text) <= 40 else text[:37] + '...'})"


def yaml_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[NotValidated]]:
    """The YAML files named, directories searched recursively in sorted order, and the symlinks left out.

    A symlinked file found in a directory is followed only when it resolves inside that directory, and a
    symlinked folder never (both are listed as not validated): validate never reads outside the tree it
    was given. InputError for a path that does not exist (`validate_paths` refuses blueprints first).
    """
    files: list[Path] = []
    skipped: list[NotValidated] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for folder, dirs, names in os.walk(path):  # symlinked folders are not descended into
                dirs.sort()
                for name in dirs:
                    if (Path(folder) / name).is_symlink():
                        link = Path(folder) / name
                        reason = f"symlinked folder (to {link.resolve()}); not followed"
                        skipped.append(NotValidated(str(link), reason, str(link)))
                for name in sorted(names):
                    file = Path(folder) / name
                    if file.suffix not in YAML_SUFFIXES:
                        continue
                    if not file.is_symlink():  # one lstat: resolving every path part is for links only
                        if file.is_file():
                            files.append(file)
                        continue
                    target = file.resolve()
                    if not target.is_relative_to(root):
                        reason = f"symlink to {target}, outside {path}; not followed"
                        skipped.append(NotValidated(str(file), reason, str(file)))
                    elif target.is_file():
                        files.append(file)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files, skipped


def blueprint_given(path: Path, what: str) -> str:
    """The refusal of a blueprint given to validate, which reads YAML: the two commands that take one."""
    return (
        f"{path}: {what}, not YAML; hagen validate reads manifests (.yaml, .yml): `hagen synth --stdout "
        f"{path}` validates the objects it makes, `hagen check {path}` reports them as schema.invalid"
    )


def _bad_key(doc: Any) -> tuple[Path_, Any] | None:
    """The first mapping key that is not a string, with the path of its mapping (iteratively: any depth)."""
    stack: list[tuple[Path_, Any]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    return path, key
                stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), item) for i, item in enumerate(node))
    return None


def malformed(obj: Object, *, keys: bool = True, measure: bool = True) -> tuple[Path_, str] | None:
    """(field path, message) of the first way `obj` is not a Kubernetes object the API server could read.

    `keys` walks the whole object for a key that is not a string, `measure` serializes it to check its
    size: both cost about as much as reading the object, so callers skip them when they cannot find
    anything (see `worth_checking`).
    """
    for field in ("apiVersion", "kind"):
        value = obj.get(field)
        if value is not None and not isinstance(value, str):
            return (field,), f"found {_what(value)} where a string is required"
    meta = obj.get("metadata")
    if meta is not None and not isinstance(meta, dict):
        return ("metadata",), f"found {_what(meta)} where a mapping (ObjectMeta) is required"
    bad = _bad_key(obj) if keys else None
    if bad is not None:
        return bad[0], f"found {_what(bad[1])} as a key where keys must be strings (quote it)"
    size = len(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")) if measure else 0
    if size > MAX_OBJECT_BYTES:
        return (), f"found {size:,} bytes of JSON where etcd stores at most {MAX_OBJECT_BYTES:,} per object"
    return None


def worth_checking(text: str) -> tuple[bool, bool]:
    """(keys, measure) for `malformed` on the objects of a file, decided on its text.

    Keys are always walked: the walk costs less than any scan of the text that could rule it out (35 us
    for a Deployment against 180 us for a regex finding keys that could read as non-strings), and it
    also finds what such a scan misses (``!!int 1: a``). Objects are serialized only when the file is
    large enough, or uses aliases, to hold an object over the etcd limit (JSON is at most about twice
    the YAML it comes from, aliases aside).
    """
    aliases = "&" in text and "*" in text
    return True, aliases or len(text) > MAX_OBJECT_BYTES // 2


def identity(obj: Any) -> str:
    """The object's id when its identity fields read, else its kind and name as far as they do."""
    if not isinstance(obj, dict):
        return "object"
    meta = obj.get("metadata")
    kind, api = obj.get("kind"), obj.get("apiVersion", "")
    if isinstance(meta, dict) and isinstance(kind, str) and isinstance(api, str):
        return object_id(obj)
    name = meta.get("name") if isinstance(meta, dict) else None
    return " ".join(p for p in (kind if isinstance(kind, str) else "object", name) if isinstance(p, str))


def _line(text: str, doc: int, item: int | None, path: Path_) -> int:
    from .._diff._locate import locate  # composes the file's nodes: only when an error needs a line

    return locate(text, (doc, item), path)


def read_objects(
    file: Path, positions: dict[int, tuple[int, int | None]] | None = None
) -> Iterator[tuple[Object | None, str, SchemaError | None]]:
    """(object, source, None) for each object of `file`, or (None, source, error) for a malformed one.

    `positions`, when given, receives each object's place in the file by its id(): (document index,
    List item index or None), what `hagen._diff._locate` needs to find a field's line."""
    from .._yaml import load_documents
    from .._yaml._bounds import check_file_size

    check_file_size(str(file))
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: cannot read: {exc}") from None
    keys, measure = worth_checking(text)
    for index, doc in enumerate(load_documents(text, str(file))):
        if not isinstance(doc, dict):
            raise InputError(f"{file}: document {index + 1} is a {type(doc).__name__}, not a mapping")
        kind = doc.get("kind")
        if isinstance(kind, str) and kind.endswith("List") and "items" in doc:
            items = doc["items"]
            if not isinstance(items, list):
                line = _line(text, index, None, ("items",))
                message = f"found {_what(items)} where a list of objects is required"
                yield (
                    None,
                    str(file),
                    SchemaError(identity(doc), "items", message, source=str(file), source_line=line),
                )
                continue
            for at, item in enumerate(items):
                if positions is not None:
                    positions[id(item)] = (index, at)
                yield from _checked(item, file, text, (index, at), (keys, measure), identity(doc))
            continue
        if positions is not None:
            positions[id(doc)] = (index, None)
        yield from _checked(doc, file, text, (index, None), (keys, measure))


def _checked(
    obj: Any,
    file: Path,
    text: str,
    pos: tuple[int, int | None],
    checks: tuple[bool, bool],
    in_list: str = "",
) -> Iterator[tuple[Object | None, str, SchemaError | None]]:
    index, item = pos
    if not isinstance(obj, dict):
        line = _line(text, index, None, ("items", item or 0))
        message = f"found {_what(obj)} where an object (a mapping) is required"
        error = SchemaError(in_list, f"items[{item}]", message, source=str(file), source_line=line)
        yield None, str(file), error
        return
    problem = malformed(obj, keys=checks[0], measure=checks[1])
    if problem is None:
        yield obj, str(file), None
        return
    path, message = problem
    line = _line(text, index, item, path)
    error = SchemaError(identity(obj), field_path(path), message, source=str(file), source_line=line)
    yield None, str(file), error

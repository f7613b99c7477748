"""Reading YAML that may come from anyone (a pull request can put anything in out/).

Documents are read the way the Kubernetes API server reads them: YAML 1.1 scalars (``yes`` is a boolean),
plain data only. Language tags are refused by the safe constructor, and alias expansion is bounded so that
a billion-laughs document fails at once instead of hanging whatever walks the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .._errors import InputError, UnsafeYAMLError

try:  # libyaml's parser is ~10x faster; the pure one reads the same documents
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_EXPANDED_NODES = 2_000_000
"""Most scalars, mappings and sequences one file may expand to once every alias is followed."""


def _expanded_size(root: Any, limit: int) -> int:
    """Nodes in the tree once aliases (shared sub-objects) are followed, stopping past `limit`."""
    memo: dict[int, int] = {}

    def size(node: Any) -> int:
        if isinstance(node, dict):
            children: Any = [*node.keys(), *node.values()]
        elif isinstance(node, list):
            children = node
        else:
            return 1
        key = id(node)
        if key in memo:
            return memo[key]
        memo[key] = limit + 1  # a cycle counts as unbounded
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                break
        memo[key] = total
        return total

    return size(root)


def load_documents(text: str, source: str = "<string>") -> list[Any]:
    """Every non-empty document of a YAML stream, as plain Python data.

    Raises InputError naming `source` for unreadable YAML, UnsafeYAMLError for tags that would build
    language objects and for alias expansion past MAX_EXPANDED_NODES.
    """
    try:
        documents = list(yaml.load_all(text, Loader=_Loader))
    except yaml.constructor.ConstructorError as exc:
        raise UnsafeYAMLError(f"{source}: refused YAML tag: {exc.problem or exc}".rstrip()) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: not valid YAML: {problem}") from None
    budget = MAX_EXPANDED_NODES
    for doc in documents:
        budget -= _expanded_size(doc, budget)
        if budget < 0:
            raise UnsafeYAMLError(
                f"{source}: YAML expands to more than {MAX_EXPANDED_NODES:,} nodes through aliases; refused"
            )
    return [doc for doc in documents if doc is not None]


def load_file(path: Path) -> list[Any]:
    """The documents of one YAML file (see load_documents); InputError if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    return load_documents(text, str(path))


def load_objects(text: str, source: str = "<string>") -> list[dict[str, Any]]:
    """Kubernetes objects in a YAML stream: `List` kinds are unpacked, non-mappings are an InputError."""
    objects: list[dict[str, Any]] = []
    for index, doc in enumerate(load_documents(text, source)):
        if not isinstance(doc, dict):
            raise InputError(f"{source}: document {index + 1} is a {type(doc).__name__}, not a mapping")
        if doc.get("kind") == "List" or (str(doc.get("kind", "")).endswith("List") and "items" in doc):
            for item in doc.get("items") or []:
                if isinstance(item, dict):
                    objects.append(item)
            continue
        objects.append(doc)
    return objects

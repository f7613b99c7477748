"""Where a manifest's plain scalars are typed by Kubernetes differently from how they look.

``value: y`` is the boolean true to the API server (go-yaml v2) and ``value: 1e3`` the number 1000, so a
schema error on such a field is best reported with the line, the text as written, how Kubernetes reads it
and the fix (quote it). The YAML is composed once more, to nodes, only for files that have errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._yaml._goresolve import STR, go_plain, go_type_name
from ._messages import field_path

Misread = tuple[int, str, Any]
"""(1-based line, the scalar as written, the value go-yaml v2 gives it)."""


def _plain_non_strings(node: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str, Misread]]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            label = go_plain(key.value)[1] if isinstance(key, yaml.ScalarNode) and not key.style else None
            name = key.value if label is None or isinstance(label, str) else str(label)
            yield from _plain_non_strings(value, (*path, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _plain_non_strings(item, (*path, index))
    elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain ("" from libyaml)
        tag, value = go_plain(node.value)
        if tag != STR:
            yield field_path(path), (node.start_mark.line + 1, node.value, value)


def _objects(node: Any) -> Iterator[Any]:
    """The object nodes of one document, `List` kinds unpacked as load_objects unpacks them."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return
    fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    kind = fields.get("kind")
    kind_text = kind.value if isinstance(kind, yaml.ScalarNode) else ""
    items = fields.get("items")
    if kind_text == "List" or (kind_text.endswith("List") and items is not None):
        for item in items.value if isinstance(items, yaml.SequenceNode) else ():
            if isinstance(item, yaml.MappingNode):
                yield item
        return
    yield node


def misread_scalars(text: str) -> list[dict[str, Misread]]:
    """Per object of the stream (load_objects' order): field path -> plain scalar Go types as non-string."""
    import yaml

    from .._yaml._goload import GoLoader

    found: list[dict[str, Misread]] = []
    for document in yaml.compose_all(text, Loader=GoLoader):
        if document is None or (
            isinstance(document, yaml.ScalarNode) and go_plain(document.value)[1] is None
        ):
            continue
        found.extend(dict(_plain_non_strings(obj, ())) for obj in _objects(document))
    return found


def explain(message: str, misread: Misread) -> str:
    """The schema's complaint about a misread scalar, rewritten to say where, why and how to fix it."""
    line, written, value = misread
    shown = (
        "true" if value is True else "false" if value is False else "null" if value is None else repr(value)
    )
    expected = (
        message.split(", got ", 1)[0].removeprefix("expected ") if message.startswith("expected ") else ""
    )
    expected = {"string": "a string", "integer": "an integer", "boolean": "a boolean"}.get(expected, expected)
    required = f"where {expected} is required" if expected else f"({message})"
    quoted = "'" + written.replace("'", "''") + "'"
    return (
        f"line {line}: {written} is read by Kubernetes (go-yaml v2) as {go_type_name(value)} {shown}, "
        f"{required}; quote it: {quoted}"
    )


def applies(misread: Misread | None, value: Any) -> bool:
    """True when a schema error's offending value is the misread scalar itself."""
    return misread is not None and type(misread[2]) is type(value) and misread[2] == value

"""The reader's strictness: a mapping key given twice is an error, naming both lines; timestamps stay text.

YAML requires mapping keys to be unique; PyYAML keeps the last value silently, so a second ``metadata``
could move an object to another namespace unseen. The Kubernetes API server's strict field validation
(``kubectl apply --validate=strict``, the default since 1.27) refuses such a request with
``duplicate field``; hagen refuses the file. Keys merged in with ``<<`` may be overridden: that is what
a merge is for.

An unquoted timestamp (``2024-01-01``) is read as the string it is written as, as the API server's reader
(go-yaml v2 into ``interface{}``) does, never as a date no JSON schema or JSON writer knows.
"""

from __future__ import annotations

from typing import Any

import yaml

from .._errors import InputError
from ._goload import GoLoader as _Base

_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


class DuplicateKey(InputError):
    """A key given twice in one mapping; `first` and `second` are 1-based lines. The YAML readers name the
    file in the InputError they raise instead."""

    def __init__(self, key: Any, first: int, second: int) -> None:
        super().__init__(f"line {second}: duplicate key {key!r} (first at line {first})")
        self.key = key
        self.first = first
        self.second = second


class StrictLoader(_Base):
    """The Go-typed safe loader (`GoLoader`: plain scalars typed as go-yaml v2 types them), refusing
    duplicate mapping keys (DuplicateKey)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE or not isinstance(key_node, yaml.ScalarNode):
                    continue
                # A string key is its node's text (what constructing it returns), read without the call.
                key = key_node.value if key_node.tag == _STR else self.construct_object(key_node)
                line = key_node.start_mark.line + 1
                try:
                    if key in seen:
                        raise DuplicateKey(key, seen[key], line)
                    seen[key] = line
                except TypeError:  # unhashable: the base class reports it
                    continue
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result


def _timestamp_as_text(loader: StrictLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)

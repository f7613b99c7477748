"""A libyaml-based YAML writer: the reference that hagen's own emitter (_emit.py) is checked against.

It applies the same quoting rule (_quoting.py) and kubectl's style: block mappings, sequences at their
parent key's indent, keys in insertion order. Tests compare the two writers byte for byte, and
bench/emitters.py measures both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from ._quoting import needs_quotes

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """PyYAML's safe dumper with hagen's string quoting and literal blocks for multi-line text."""

    def ignore_aliases(self, data: Any) -> bool:
        # Shared sub-objects (one labels dict on an object and its pod template) must be written out in
        # full: anchors and aliases are legal YAML but unreadable in review and refused by some tools.
        return True


def _represent_str(dumper: _Dumper, value: str) -> yaml.Node:
    if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if needs_quotes(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)

_OPTIONS: dict[str, Any] = {
    "Dumper": _Dumper,
    "default_flow_style": False,
    "sort_keys": False,
    "allow_unicode": True,
    "width": 4096,
    "indent": 2,
}


def libyaml_dump(data: Any) -> str:
    """One YAML document through PyYAML and libyaml, without a start marker."""
    return str(yaml.dump(data, **_OPTIONS))


def libyaml_dump_documents(documents: Iterable[Any], header: str | None = None) -> str:
    """A YAML stream through PyYAML and libyaml: ``---`` per document, `header` as ``#`` comments."""
    body = str(yaml.dump_all(list(documents), explicit_start=True, **_OPTIONS))
    if not header:
        return body
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comment + body

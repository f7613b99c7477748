"""The quoting rule every YAML writer in hagen follows, and a libyaml-based writer to check against.

hagen writes files with its own emitter (_emit.py, measured faster at scale); this module's libyaml writer
produces the same bytes for hagen's objects and serves as the reference in tests and benchmarks. The style
is kubectl's: block mappings, sequences at their parent key's indent, keys in the order the objects were
built (hagen builds them in Kubernetes' conventional order).

Quoting is the part that matters for correctness. A string must read back as the same string in every
reader a manifest meets: the API server (go-yaml v2, YAML 1.1: ``y``, ``on``, ``1e3``, ``0x1F`` are not
strings there), PyYAML (YAML 1.1) and YAML 1.2 tools. So any string that one of them would read as a
boolean, null, number or timestamp is single-quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

# Union of the implicit types of YAML 1.1 (PyYAML, go-yaml v2 with its y/n booleans and 1e3 floats) and the
# YAML 1.2 core schema. Anything matching is not a plain string for at least one reader.
_NOT_A_STRING = re.compile(
    r"""^(?:
        y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
      | ~|null|Null|NULL|
      | [-+]?(?:0|[1-9][0-9_]*)
      | [-+]?0[0-7_]+ | 0o[0-7_]+ | [-+]?0x[0-9a-fA-F_]+ | [-+]?0b[01_]+
      | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
      | [-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
            (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?
      | = | <<
    )\Z""",
    re.VERBOSE,
)


def needs_quotes(value: str) -> bool:
    """True when some YAML reader would take `value`, written plain, for something other than this string."""
    return _NOT_A_STRING.match(value) is not None


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

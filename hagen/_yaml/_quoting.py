"""Which strings must be quoted in YAML so that every reader takes them for the same string.

A string must read back as the same string in every reader a manifest meets: the API server (go-yaml v2,
whose resolver `go_plain` reproduces: ``y``, ``1e3``, ``0X1F``, ``-_1`` are not strings there), PyYAML
(YAML 1.1) and YAML 1.2 tools (ruamel.yaml). A string is written plain only when none of them types it.
"""

from __future__ import annotations

import re

from ._goresolve import STR, go_plain

# Union of the implicit types of YAML 1.1 (PyYAML) and the YAML 1.2 core schema (ruamel.yaml, which also
# reads a signed 0o octal). go-yaml v2's own rules are applied by `go_plain`.
_NOT_A_STRING = re.compile(
    r"""^(?:
        y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
      | ~|null|Null|NULL|
      | [-+]?(?:0|[1-9][0-9_]*)
      | [-+]?0[0-7_]+ | [-+]?0o[0-7_]+ | [-+]?0x[0-9a-fA-F_]+ | [-+]?0b[01_]+
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
    return _NOT_A_STRING.match(value) is not None or go_plain(value)[0] != STR

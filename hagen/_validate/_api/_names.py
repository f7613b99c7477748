"""apimachinery's name and key rules (k8s.io/apimachinery/pkg/util/validation), worded as it words them.

Each function returns the API server's messages for one value, none when it is valid; results are cached
(the same label keys, names and ports recur in every object of a manifest set). The decision comes from
hagen's own name rules (`hagen._names`) where they match apimachinery exactly; the words are
apimachinery's (`RegexError`, `MaxLenError`, `EmptyError`), so a user can search for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ... import _names

_QUALIFIED_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_QUALIFIED = re.compile(f"^{_QUALIFIED_FMT}$")
_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_SUBDOMAIN_FMT = _LABEL_FMT + r"(\." + _LABEL_FMT + ")*"
_DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_ENV_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*"
_ENV = re.compile(f"^{_ENV_FMT}$")
_KEY_FMT = "[-._a-zA-Z0-9]+"
_KEY = re.compile(f"^{_KEY_FMT}$")
_PORT_CHARS = re.compile("^[-a-z0-9]+$")
_PERCENT = re.compile("^[0-9]+%$")
_CACHED = 1 << 16
"""Values each rule remembers: every name of a 10,000-tier manifest set recurs in three or four kinds,
sorted far apart (a miss costs about ten hits)."""


def regex_error(message: str, fmt: str, *examples: str) -> str:
    """RegexError: the message, examples and the regular expression, exactly as apimachinery joins them."""
    shown = "".join(("" if i == 0 else " or ") + f"'{e}', " for i, e in enumerate(examples))
    return f"{message} (e.g. {shown}regex used for validation is '{fmt}')"


def max_len(limit: int) -> str:
    """MaxLenError."""
    return f"must be no more than {limit} characters"


_LABEL_MSG = regex_error(
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
    "and end with an alphanumeric character",
    _LABEL_FMT,
    "my-name",
    "123-abc",
)
_SUBDOMAIN_MSG = regex_error(
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
    "must start and end with an alphanumeric character",
    _SUBDOMAIN_FMT,
    "example.com",
)
_DNS1035_MSG = regex_error(
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    "character, and end with an alphanumeric character",
    _DNS1035_FMT,
    "my-name",
    "abc-123",
)
_QUALIFIED_MSG = regex_error(
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character",
    _QUALIFIED_FMT,
    "MyName",
    "my.name",
    "123-abc",
)
_LABEL_VALUE_MSG = regex_error(
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
    "must start and end with an alphanumeric character",
    f"({_QUALIFIED_FMT})?",
    "MyValue",
    "my_value",
    "12345",
)
_ENV_MSG = regex_error(
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
    "and must not start with a digit",
    _ENV_FMT,
    "my.env-name",
    "MY_ENV.NAME",
    "MyEnvName1",
)
RELAXED_ENV_MSG = (
    "a valid environment variable name must consist only of printable ASCII characters other than '='"
)
_KEY_MSG = regex_error(
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
    _KEY_FMT,
    "key.name",
    "KEY_NAME",
    "key-name",
)
_PERCENT_MSG = regex_error(
    "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"
)


def _checked(rule: Callable[[str], str], value: str, limit: int, fmt: str, message: str) -> tuple[str, ...]:
    """hagen's rule decides (the common, valid case costs one regex); apimachinery's words explain."""
    try:
        rule(value)
    except ValueError:
        out = [max_len(limit)] if len(value) > limit else []
        return tuple(out) if re.fullmatch(fmt, value) else (*out, message)
    return ()


@lru_cache(maxsize=_CACHED)
def dns1123_label(value: str) -> tuple[str, ...]:
    """IsDNS1123Label: namespaces, container and volume names."""
    return _checked(_names.dns1123_label, value, 63, _LABEL_FMT, _LABEL_MSG)


@lru_cache(maxsize=_CACHED)
def dns1123_subdomain(value: str) -> tuple[str, ...]:
    """IsDNS1123Subdomain: most object names (NameIsDNSSubdomain), hosts, provisioners' prefixes."""
    return _checked(_names.dns1123_subdomain, value, 253, _SUBDOMAIN_FMT, _SUBDOMAIN_MSG)


@lru_cache(maxsize=_CACHED)
def dns1035_label(value: str) -> tuple[str, ...]:
    """IsDNS1035Label: Service names (ValidateServiceName), Ingress backend service names."""
    return _checked(_names.dns1035_label, value, 63, _DNS1035_FMT, _DNS1035_MSG)


@lru_cache(maxsize=_CACHED)
def path_segment(value: str) -> tuple[str, ...]:
    """IsValidPathSegmentName: names of kinds addressed only by URL path (RBAC roles and bindings)."""
    if value in (".", ".."):
        return (f"may not be '{value}'",)
    return tuple(f"may not contain '{c}'" for c in ("/", "%") if c in value)


@lru_cache(maxsize=_CACHED)
def qualified_name(value: str) -> tuple[str, ...]:
    """IsQualifiedName: label and annotation keys, `[prefix/]name`."""
    parts = value.split("/")
    if len(parts) > 2:
        return (
            "a qualified name "
            + _QUALIFIED_MSG
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        )
    name = parts[-1]
    out: list[str] = []
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            out.append("prefix part must be non-empty")
        else:
            out.extend(f"prefix part {m}" for m in dns1123_subdomain(prefix))
    if not name:
        out.append("name part must be non-empty")
    elif len(name) > 63:
        out.append(f"name part {max_len(63)}")
    if name and not _QUALIFIED.match(name):
        out.append(f"name part {_QUALIFIED_MSG}")
    return tuple(out)


@lru_cache(maxsize=_CACHED)
def label_value(value: str) -> tuple[str, ...]:
    """IsValidLabelValue."""
    out = [max_len(63)] if len(value) > 63 else []
    if value and not _QUALIFIED.match(value):
        out.append(_LABEL_VALUE_MSG)
    return tuple(out)


@lru_cache(maxsize=_CACHED)
def port_name(value: str) -> tuple[str, ...]:
    """IsValidPortName (IANA_SVC_NAME): container port names, Service targetPort names."""
    try:
        _names.port_name(value)
        return ()
    except ValueError:
        pass
    out = [max_len(15)] if len(value) > 15 else []
    if not _PORT_CHARS.match(value):
        out.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if "--" in value:
        out.append("must not contain consecutive hyphens")
    if not any("a" <= c <= "z" for c in value):
        out.append("must contain at least one letter (a-z)")
    if value.startswith("-") or value.endswith("-"):
        out.append("must not begin or end with a hyphen")
    return tuple(out)


def port_number(value: int) -> tuple[str, ...]:
    """IsValidPortNum."""
    return () if 1 <= value <= 65535 else ("must be between 1 and 65535, inclusive",)


def _chdir(value: str) -> tuple[str, ...]:
    """hasChDirPrefix: keys become file names, so '.', '..' and '..x' are refused."""
    if value in (".", ".."):
        return (f"must not be '{value}'",)
    return ("must not start with '..'",) if value.startswith("..") else ()


@lru_cache(maxsize=_CACHED)
def env_name(value: str, relaxed: bool) -> tuple[str, ...]:
    """IsEnvVarName (C-like identifier plus '-' and '.'), or IsRelaxedEnvVarName when `relaxed`."""
    if relaxed:
        ok = bool(value) and all(" " <= c <= "~" and c != "=" for c in value)
        return () if ok else (RELAXED_ENV_MSG,)
    return (() if _ENV.match(value) else (_ENV_MSG,)) + _chdir(value)


@lru_cache(maxsize=_CACHED)
def config_key(value: str) -> tuple[str, ...]:
    """IsConfigMapKey: ConfigMap and Secret data keys."""
    out = [max_len(253)] if len(value) > 253 else []
    if not _KEY.match(value):
        out.append(_KEY_MSG)
    return (*out, *_chdir(value))


@lru_cache(maxsize=_CACHED)
def percent(value: str) -> tuple[str, ...]:
    """IsValidPercent."""
    return () if _PERCENT.match(value) else (_PERCENT_MSG,)

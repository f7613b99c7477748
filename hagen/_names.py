"""The name rules of the Kubernetes API, in one place (k8s.io/apimachinery/pkg/util/validation).

Every model, synthesis step, check and chart field that accepts a name calls these functions, so a name is
accepted or refused the same way everywhere, and exactly as the API server would. Each returns the value
unchanged or raises ValueError whose message names `what`, the value and the rule.
"""

from __future__ import annotations

import re

LABEL_MAX = 63
"""DNS1123LabelMaxLength, DNS1035LabelMaxLength, and the name part of a qualified name or label value."""
SUBDOMAIN_MAX = 253
"""DNS1123SubdomainMaxLength."""

_DNS1123_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_DNS1035_LABEL = re.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?")
_DNS1123_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_QUALIFIED_NAME = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
_IANA_SVC_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
_RELAXED_ENV_NAME = re.compile(r"[ -<>-~]+")  # printable ASCII (space to '~') but '=' (0x3D)
_LETTER = re.compile(r"[a-z]")


def _check(value: object, pattern: re.Pattern[str], max_length: int, what: str, rule: str) -> str:
    if isinstance(value, str) and len(value) <= max_length and pattern.fullmatch(value) is not None:
        return value
    subject = f"{what} {value!r}" if what else repr(value)
    if not isinstance(value, str):
        raise ValueError(f"{subject} is not a string; allowed: {rule}")
    if len(value) > max_length:
        raise ValueError(f"{subject} is {len(value)} characters; at most {max_length} are allowed ({rule})")
    if pattern.fullmatch(value) is None:
        raise ValueError(f"{subject} is not {rule}")
    return value


def dns1123_label(value: str, max_length: int = LABEL_MAX, what: str = "") -> str:
    """A namespace or most object names (IsDNS1123Label): a-z, 0-9, '-', alphanumeric at both ends."""
    rule = (
        f"a DNS-1123 label: at most {max_length} characters of a-z, 0-9 and '-', "
        "starting and ending with a letter or digit"
    )
    return _check(value, _DNS1123_LABEL, max_length, what, rule)


def dns1035_label(value: str, max_length: int = LABEL_MAX, what: str = "") -> str:
    """A Service name (IsDNS1035Label): like a DNS-1123 label but starting with a letter."""
    rule = (
        f"a DNS-1035 label: at most {max_length} characters of a-z, 0-9 and '-', "
        "starting with a letter and ending with a letter or digit"
    )
    return _check(value, _DNS1035_LABEL, max_length, what, rule)


def dns1123_subdomain(value: str, what: str = "") -> str:
    """A StorageClass, ConfigMap or Secret name (IsDNS1123Subdomain): at most 253 characters.

    As in apimachinery, only the whole name is limited (253), not each dot-separated part.
    """
    rule = (
        f"a DNS-1123 subdomain: at most {SUBDOMAIN_MAX} characters of a-z, 0-9, '-' and '.', "
        "each dot-separated part starting and ending with a letter or digit"
    )
    return _check(value, _DNS1123_SUBDOMAIN, SUBDOMAIN_MAX, what, rule)


def port_name(value: str, what: str = "") -> str:
    """A container or Service port name (IsValidPortName, IANA_SVC_NAME): at most 15 characters."""
    rule = "a port name: at most 15 characters of a-z, 0-9 and '-', with a letter, no '--', alphanumeric ends"
    _check(value, _IANA_SVC_NAME, 15, what, rule)
    if "--" in value or _LETTER.search(value) is None:  # the pattern allows no other letters
        raise ValueError(f"{what + ' ' if what else ''}{value!r} is not {rule}")
    return value


def qualified_name(value: str, what: str = "", kind: str = "label key") -> str:
    """A label key (IsQualifiedName): ``[prefix/]name``, prefix a DNS-1123 subdomain, name at most 63."""
    rule = (
        f"a {kind}: [prefix/]name, the prefix a DNS-1123 subdomain, the name at most {LABEL_MAX} "
        "characters of A-Z, a-z, 0-9, '-', '_', '.', starting and ending alphanumeric"
    )
    subject = f"{what} {value!r}" if what else repr(value)
    if not isinstance(value, str):
        raise ValueError(f"{subject} is not a string; allowed: {rule}")
    parts = value.split("/")
    if len(parts) > 2:
        raise ValueError(f"{subject} has more than one '/'; allowed: {rule}")
    prefix, name = parts if len(parts) == 2 else ("", parts[0])
    if len(parts) == 2 and (len(prefix) > SUBDOMAIN_MAX or _DNS1123_SUBDOMAIN.fullmatch(prefix) is None):
        raise ValueError(f"{subject}: the prefix {prefix!r} is not a DNS-1123 subdomain; allowed: {rule}")
    if len(name) > LABEL_MAX:
        raise ValueError(f"{subject}: the name part is {len(name)} characters; allowed: {rule}")
    if _QUALIFIED_NAME.fullmatch(name) is None:
        raise ValueError(f"{subject} is not {rule}")
    return value


def label_key(value: str, what: str = "") -> str:
    """A label key (ValidateLabelName): a qualified name."""
    return qualified_name(value, what, "label key")


def annotation_key(value: str, what: str = "") -> str:
    """An annotation key (ValidateAnnotations): a qualified name, the prefix compared in lowercase."""
    if not isinstance(value, str):
        return qualified_name(value, what, "annotation key")
    prefix, slash, name = value.rpartition("/")
    try:
        qualified_name(f"{prefix.lower()}{slash}{name}", "", "annotation key")
    except ValueError as exc:
        raise ValueError(f"{what + ' ' if what else ''}{value!r}: {exc}") from None
    return value


def label_value(value: str, what: str = "") -> str:
    """A label value (IsValidLabelValue): empty, or at most 63 characters of a qualified name's set."""
    rule = (
        f"a label value: empty or at most {LABEL_MAX} characters of A-Z, a-z, 0-9, '-', '_', '.', "
        "starting and ending alphanumeric"
    )
    if value == "":
        return value
    return _check(value, _QUALIFIED_NAME, LABEL_MAX, what, rule)


def env_name(value: str, what: str = "") -> str:
    """An environment variable name as Kubernetes 1.32+ accepts it (IsRelaxedEnvVarName): printable ASCII
    but '='. Older versions allow only letters, digits, '_', '-' and '.', not starting with a digit
    (IsEnvVarName); that depends on the version deployed to, so validation, which knows it, checks it."""
    rule = "an environment variable name: printable ASCII characters except '=' (Kubernetes 1.32+)"
    return _check(value, _RELAXED_ENV_NAME, 2**31, what, rule)

"""networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy.

Sources (pkg/apis/networking/validation/validation.go): ValidateIngressSpec, validateIngressRules (hosts:
IsDNS1123Subdomain, IsWildcardDNS1123Subdomain, not an IP), validateHTTPIngressPath (path types and the
sequences Prefix and Exact paths may not contain), validateIngressBackend, validateIngressTLS,
validateIngressClassSpec and validateIngressClassParametersReference, ValidateNetworkPolicySpec,
ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from . import _names as n
from ._core_container import PROTOCOLS, as_int
from ._field import Context, Error, enum, forbidden, invalid, items, mapping, required, too_long, unsupported
from ._meta import selector

PATH_TYPES = ("Exact", "ImplementationSpecific", "Prefix")
POLICY_TYPES = ("Ingress", "Egress")
_BAD_SEQUENCES = ("//", "/./", "/../", "%2f", "%2F")
_BAD_SUFFIXES = ("/..", "/.")
_CIDR_MSG = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
_WILDCARD_MSG = n.regex_error(
    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
    "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
    r"\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
    "*.example.com",
)


def _host(errors: list[Error], host: str, path: str) -> None:
    try:
        ipaddress.ip_address(host)
        errors.append(invalid(path, host, "must be a DNS name, not an IP address"))
    except ValueError:
        pass
    if "*" in host:
        bad = not host.startswith("*.") or bool(n.dns1123_subdomain(host[2:]))
        messages = ((n.max_len(253),) if len(host) > 253 else ()) + ((_WILDCARD_MSG,) if bad else ())
    else:
        messages = n.dns1123_subdomain(host)
    for message in messages:
        errors.append(invalid(path, host, message))


def _backend(errors: list[Error], value: Any, path: str) -> None:
    backend = mapping(value)
    service, resource = backend.get("service"), backend.get("resource")
    if service is not None and resource is not None:
        errors.append(invalid(path, "", "cannot set both resource and service backends"))
        return
    if resource is not None:
        return
    if service is None:
        errors.append(invalid(path, "", "resource or service backend is required"))
        return
    service = mapping(service)
    name = service.get("name")
    if not name:
        errors.append(required(f"{path}.service.name"))
    else:
        for message in n.dns1035_label(str(name)):
            errors.append(invalid(f"{path}.service.name", name, message))
    port = mapping(service.get("port"))
    port_name, number = port.get("name"), as_int(port.get("number"))
    if port_name and number:
        errors.append(invalid(path, "", "cannot set both port name & port number"))
    elif port_name:
        for message in n.port_name(str(port_name)):
            errors.append(invalid(f"{path}.service.port.name", port_name, message))
    elif number:
        for message in n.port_number(number):
            errors.append(invalid(f"{path}.service.port.number", number, message))
    else:
        errors.append(required(path, "port name or number is required"))


def _path(errors: list[Error], value: Any, where: str) -> None:
    entry = mapping(value)
    path, kind = entry.get("path") or "", entry.get("pathType")
    if kind is None:
        errors.append(required(f"{where}.pathType", "pathType must be specified"))
        return
    if kind not in PATH_TYPES:
        errors.append(unsupported(f"{where}.pathType", kind, PATH_TYPES))
    elif kind in ("Exact", "Prefix") or path:
        if not str(path).startswith("/"):
            errors.append(invalid(f"{where}.path", path, "must be an absolute path"))
        if kind != "ImplementationSpecific" and path:
            for bad in _BAD_SEQUENCES:
                if bad in path:
                    errors.append(invalid(f"{where}.path", path, f"must not contain '{bad}'"))
            for bad in _BAD_SUFFIXES:
                if str(path).endswith(bad):
                    errors.append(invalid(f"{where}.path", path, f"cannot end with '{bad}'"))
    _backend(errors, entry.get("backend"), f"{where}.backend")


def ingress(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateIngressSpec."""
    spec = mapping(obj.get("spec"))
    rules = items(spec.get("rules"))
    if not rules and spec.get("defaultBackend") is None:
        errors.append(invalid("spec", rules, "either `defaultBackend` or `rules` must be specified"))
    if spec.get("defaultBackend") is not None:
        _backend(errors, spec.get("defaultBackend"), "spec.defaultBackend")
    for index, value in enumerate(rules):
        rule = mapping(value)
        host = rule.get("host")
        if isinstance(host, str) and host:
            _host(errors, host, f"spec.rules[{index}].host")
        http = rule.get("http")
        if http is not None:
            paths = items(mapping(http).get("paths"))
            if not paths:
                errors.append(required(f"spec.rules[{index}].http.paths"))
            for number, entry in enumerate(paths):
                _path(errors, entry, f"spec.rules[{index}].http.paths[{number}]")
    for index, tls in enumerate(items(spec.get("tls"))):
        for number, host in enumerate(items(mapping(tls).get("hosts"))):
            _host(errors, str(host), f"spec.tls[{index}].hosts[{number}]")
    name = spec.get("ingressClassName")
    if isinstance(name, str) and name:
        for message in n.dns1123_subdomain(name):
            errors.append(invalid("spec.ingressClassName", name, message))


def ingress_class(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """validateIngressClassSpec: a domain-prefixed controller (IsDomainPrefixedPath), parameters."""
    spec = mapping(obj.get("spec"))
    controller = spec.get("controller")
    if not controller:
        errors.append(required("spec.controller"))
    else:
        controller = str(controller)
        if len(controller) > 250:
            errors.append(too_long("spec.controller", 250))
        host, slash, _ = controller.partition("/")
        if not slash:
            errors.append(
                invalid(
                    "spec.controller", controller, 'must be a domain-prefixed path (such as "acme.io/foo")'
                )
            )
        else:
            for message in n.dns1123_subdomain(host):
                errors.append(invalid("spec.controller", host, message))
    params = spec.get("parameters")
    if params is not None:
        params = mapping(params)
        for key in ("kind", "name"):
            if not params.get(key):
                errors.append(required(f"spec.parameters.{key}"))
        enum(errors, params, "spec.parameters", "scope", ("Cluster", "Namespace"))
        if params.get("scope") == "Namespace" and not params.get("namespace"):
            errors.append(required("spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'"))
        if params.get("scope") == "Cluster" and params.get("namespace"):
            errors.append(forbidden("spec.parameters.namespace", "`parameters.scope` is set to 'Cluster'"))


def _network(value: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(str(value), strict=False) if value and "/" in str(value) else None
    except ValueError:
        return None


def _within(inner: Any, outer: Any) -> bool:
    return inner.version == outer.version and bool(inner.subnet_of(outer))


def _ip_block(errors: list[Error], value: Any, path: str) -> None:
    block = mapping(value)
    cidr = block.get("cidr")
    if not cidr:
        errors.append(required(f"{path}.cidr"))
        return
    network = _network(cidr)
    if network is None:
        errors.append(invalid(f"{path}.cidr", cidr, _CIDR_MSG))
        return
    for index, text in enumerate(items(block.get("except"))):
        inner = _network(text)
        where = f"{path}.except[{index}]"
        if inner is None:
            errors.append(invalid(where, text, _CIDR_MSG))
        elif inner.prefixlen <= network.prefixlen or not _within(inner, network):
            errors.append(invalid(where, text, "must be a strict subset of `cidr`"))


def _rule(errors: list[Error], value: Any, path: str, peers: str) -> None:
    rule = mapping(value)
    for index, port_value in enumerate(items(rule.get("ports"))):
        where, port = f"{path}.ports[{index}]", mapping(port_value)
        enum(errors, port, where, "protocol", PROTOCOLS)
        number, end = port.get("port"), as_int(port.get("endPort"))
        if isinstance(number, int):
            for message in n.port_number(number):
                errors.append(invalid(f"{where}.port", number, message))
            if end is not None and end < number:
                errors.append(invalid(f"{where}.endPort", number, "must be greater than or equal to `port`"))
        elif isinstance(number, str):
            if end is not None:
                errors.append(
                    invalid(f"{where}.endPort", end, "may not be specified when `port` is non-numeric")
                )
            for message in n.port_name(number):
                errors.append(invalid(f"{where}.port", number, message))
        elif end is not None:
            errors.append(
                invalid(f"{where}.endPort", end, "may not be specified when `port` is not specified")
            )
    for index, peer_value in enumerate(items(rule.get(peers))):
        where, peer = f"{path}.{peers}[{index}]", mapping(peer_value)
        given = [key for key in ("podSelector", "namespaceSelector", "ipBlock") if peer.get(key) is not None]
        for key in given:
            if key == "ipBlock":
                _ip_block(errors, peer[key], f"{where}.ipBlock")
            else:
                selector(errors, peer[key], f"{where}.{key}")
        if not given:
            errors.append(required(where, "must specify a peer"))
        elif len(given) > 1 and "ipBlock" in given:
            errors.append(forbidden(where, "may not specify both ipBlock and another peer"))


def network_policy(errors: list[Error], obj: Mapping[str, Any], ctx: Context) -> None:
    """ValidateNetworkPolicySpec."""
    spec = mapping(obj.get("spec"))
    selector(errors, spec.get("podSelector"), "spec.podSelector")
    for index, rule in enumerate(items(spec.get("ingress"))):
        _rule(errors, rule, f"spec.ingress[{index}]", "from")
    for index, rule in enumerate(items(spec.get("egress"))):
        _rule(errors, rule, f"spec.egress[{index}]", "to")
    kinds = items(spec.get("policyTypes"))
    for index, kind in enumerate(kinds):
        if kind not in POLICY_TYPES:
            errors.append(unsupported(f"spec.policyTypes[{index}]", kind, POLICY_TYPES))
    if len(kinds) > 2:
        errors.append(invalid("spec.policyTypes", kinds, "may not specify more than two policyTypes"))

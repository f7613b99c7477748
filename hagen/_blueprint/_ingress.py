"""HTTP traffic into a tier: routes (host + path), through an AWS ALB Ingress or a Gateway API HTTPRoute.

Hosts follow the Ingress rules (pkg/apis/networking/validation: a DNS-1123 subdomain, or a wildcard
`*.` followed by one; never an IP address); paths are absolute and free of the sequences the API server
refuses for Prefix and Exact paths. The ALB annotations are the AWS Load Balancer Controller's
("Ingress annotations",
kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from .._integers import Int32
from .._model import model_check
from .._names import dns1123_label, dns1123_subdomain, port_name
from ._container import Model
from ._lb import certificate_arn, cidr

_BAD_SEQUENCES = ("//", "/./", "/../", "%2f", "%2F")
_BAD_SUFFIXES = ("/..", "/.")
_LISTEN = r"^(HTTP|HTTPS):([0-9]{1,5})$"

DnsLabel = Annotated[str, AfterValidator(dns1123_label)]


def host_name(value: str) -> str:
    """An Ingress/HTTPRoute host: a lowercase DNS-1123 subdomain, or `*.` and one (wildcard); not an IP."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        pass
    else:
        raise ValueError(f"{value!r} is an IP address; a route's host must be a DNS name")
    bare = value[2:] if value.startswith("*.") else value
    if "*" in bare:
        raise ValueError(f"{value!r}: a wildcard is allowed only as the whole first label ('*.example.com')")
    try:
        dns1123_subdomain(bare)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a host name: lowercase DNS labels (a-z, 0-9, '-') joined by '.', "
            "optionally starting with '*.'"
        ) from None
    return value


def http_path(value: str) -> str:
    """An absolute path without '//', '/./', '/../', '%2f' and not ending in '/.' or '/..'."""
    if not value.startswith("/"):
        raise ValueError(f"path {value!r} must start with '/'")
    for bad in _BAD_SEQUENCES:
        if bad in value:
            raise ValueError(f"path {value!r} must not contain {bad!r}")
    for bad in _BAD_SUFFIXES:
        if value.endswith(bad):
            raise ValueError(f"path {value!r} must not end with {bad!r}")
    return value


class Route(Model):
    """One host + path sent to the tier's Service port (`port`: a port name; default the first port)."""

    host: Annotated[str, AfterValidator(host_name)]
    path: Annotated[str, AfterValidator(http_path)] = "/"
    path_type: Literal["Prefix", "Exact"] = "Prefix"
    port: Annotated[str, AfterValidator(port_name)] | None = None


class Alb(Model):
    """An Ingress of class `alb` (AWS Load Balancer Controller) for the tier's routes.

    group: `alb.ingress.kubernetes.io/group.name`: Ingresses of one group share one ALB (default: the
    blueprint name, so a blueprint's tiers share one ALB). scheme: internal (default) or internet-facing.
    target_type: ip (default; pod IPs) or instance (needs the tier exposed as NodePort). certificate_arn:
    HTTPS listener certificate; listen_ports default to HTTPS:443 with a certificate (HTTP redirected to it
    when ssl_redirect), HTTP:80 without. inbound_cidrs: who may connect. health_check_path: default the
    path of the tier's HTTP readiness probe.
    """

    routes: tuple[Route, ...] = Field(min_length=1)
    group: DnsLabel | None = None
    scheme: Literal["internal", "internet-facing"] = "internal"
    target_type: Literal["ip", "instance"] = "ip"
    certificate_arn: str | None = None
    listen_ports: tuple[str, ...] = ()
    ssl_redirect: bool = True
    inbound_cidrs: tuple[str, ...] = ()
    health_check_path: Annotated[str, AfterValidator(http_path)] | None = None

    @field_validator("certificate_arn")
    @classmethod
    def _arn(cls, value: str | None) -> str | None:
        return None if value is None else certificate_arn(value)

    @field_validator("inbound_cidrs")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(cidr(v) for v in value)

    @field_validator("listen_ports")
    @classmethod
    def _listen(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            match = re.match(_LISTEN, entry)
            if match is None or not 1 <= int(match.group(2)) <= 65535:
                raise ValueError(f"listen port {entry!r} is not 'HTTP:<port>' or 'HTTPS:<port>' (1-65535)")
        return value

    @model_check
    def _tls(self) -> Alb:
        https = [p for p in self.listen_ports if p.startswith("HTTPS:")]
        if https and self.certificate_arn is None:
            raise ValueError(
                f"listen_ports {https} need certificate_arn (an HTTPS listener needs a certificate)"
            )
        if self.certificate_arn is not None and self.listen_ports and not https:
            raise ValueError(
                "certificate_arn without an HTTPS listen port: the certificate would serve nothing"
            )
        return self

    def ports(self) -> list[tuple[str, int]]:
        """(protocol, port) of the listeners: as declared, else HTTP:80 + HTTPS:443 with a certificate."""
        if self.listen_ports:
            return [(p.split(":")[0], int(p.split(":")[1])) for p in self.listen_ports]
        if self.certificate_arn is not None:
            return [("HTTP", 80), ("HTTPS", 443)] if self.ssl_redirect else [("HTTPS", 443)]
        return [("HTTP", 80)]


class HttpRoute(Model):
    """A Gateway API HTTPRoute for the tier's routes, attached to a Gateway (`gateway`, in
    `gateway_namespace`, default the blueprint's; `section`: one listener of it)."""

    routes: tuple[Route, ...] = Field(min_length=1)
    gateway: DnsLabel
    gateway_namespace: DnsLabel | None = None
    section: DnsLabel | None = None


class Listener(Model):
    """A Gateway listener (spec.listeners[]); HTTPS needs `certificate_secret` (a kubernetes.io/tls Secret)
    to terminate TLS with."""

    name: DnsLabel
    port: Int32 = Field(ge=1, le=65535)
    protocol: Literal["HTTP", "HTTPS"] = "HTTP"
    hostname: Annotated[str, AfterValidator(host_name)] | None = None
    certificate_secret: DnsLabel | None = None

    @model_check
    def _tls(self) -> Listener:
        if self.protocol == "HTTPS" and self.certificate_secret is None:
            raise ValueError(f"listener {self.name!r}: HTTPS needs certificate_secret (a TLS Secret's name)")
        if self.protocol == "HTTP" and self.certificate_secret is not None:
            raise ValueError(f"listener {self.name!r}: certificate_secret on an HTTP listener is never used")
        return self


class Gateway(Model):
    """A Gateway API Gateway (gateway.networking.k8s.io/v1) of `gateway_class`, routes from this
    namespace only (the Gateway API's default)."""

    name: DnsLabel
    gateway_class: Annotated[str, AfterValidator(dns1123_subdomain)]
    listeners: tuple[Listener, ...] = Field(min_length=1)

    @model_check
    def _distinct(self) -> Gateway:
        names = [item.name for item in self.listeners]
        if len(set(names)) != len(names):
            raise ValueError(f"listener names repeat: {names}")
        keys = [(item.port, item.hostname) for item in self.listeners]
        if len(set(keys)) != len(keys):
            raise ValueError("two listeners share a port and hostname (the Gateway marks them Conflicted)")
        return self


Ingress = Alb | HttpRoute

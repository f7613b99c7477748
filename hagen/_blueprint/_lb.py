"""`LoadBalancer`: the AWS load balancer in front of a LoadBalancer Service, as the annotations its
controller reads.

Two controllers can reconcile a Service of type LoadBalancer on EKS: the AWS Load Balancer Controller
(an NLB with `ip` or `instance` targets; it takes the Service when `service.beta.kubernetes.io/
aws-load-balancer-type: external` is set or `spec.loadBalancerClass` is `service.k8s.aws/nlb`) and the
legacy in-tree provider of the cloud controller manager (a classic ELB, or an NLB with instance targets).
Each reads its own annotations; an annotation meant for the other is silently ignored, which is how a
"private" load balancer ends up internet-facing. The model writes one controller's set and refuses the
combinations a controller would ignore or reject.

Annotation names follow the controller's documentation ("Service annotations",
kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Literal

from pydantic import Field, field_validator

from .._integers import Int32
from .._model import model_check
from ._container import Model

PREFIX = "service.beta.kubernetes.io/"
LB_TYPE = PREFIX + "aws-load-balancer-type"
TARGET_TYPE = PREFIX + "aws-load-balancer-nlb-target-type"
SCHEME = PREFIX + "aws-load-balancer-scheme"
INTERNAL = PREFIX + "aws-load-balancer-internal"
SSL_CERT = PREFIX + "aws-load-balancer-ssl-cert"
SSL_PORTS = PREFIX + "aws-load-balancer-ssl-ports"
SECURITY_GROUPS = PREFIX + "aws-load-balancer-security-groups"
SOURCE_RANGES = PREFIX + "load-balancer-source-ranges"
ATTRIBUTES = PREFIX + "aws-load-balancer-attributes"
CROSS_ZONE_IN_TREE = PREFIX + "aws-load-balancer-cross-zone-load-balancing-enabled"
NLB_CLASS = "service.k8s.aws/nlb"

_CERT_ARN = (
    r"^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+|iam::\d{12}:server-certificate/.+)$"
)
_SECURITY_GROUP = r"^(sg-[0-9a-f]{8,17}|[A-Za-z0-9][A-Za-z0-9 ._:/()#,@\[\]+=&;{}!$*-]{0,254})$"


def certificate_arn(value: str) -> str:
    """An ACM (or IAM server) certificate ARN: ``arn:aws:acm:<region>:<account>:certificate/<id>``."""
    if not re.match(_CERT_ARN, value):
        raise ValueError(
            f"{value!r} is not a certificate ARN like "
            "'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-...'"
        )
    return value


def cidr(value: str) -> str:
    """A CIDR block such as 10.0.0.0/8 (host bits zero, as the API server requires)."""
    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError:
        raise ValueError(f"{value!r} is not a CIDR like 10.0.0.0/8 (host bits must be zero)") from None
    return value


class LoadBalancer(Model):
    """The AWS load balancer of a Service of type LoadBalancer; by default an internal NLB with ip targets.

    controller: `aws-load-balancer-controller` (default) or `in-tree` (the legacy cloud provider).
    kind: `nlb` or `classic` (a classic ELB exists only in-tree). scheme: `internal` (default) or
    `internet-facing`. target_type: `ip` (pod IPs, needs the controller) or `instance` (node ports).
    certificate_arn + tls_ports: TLS terminated on the listed Service ports (names or numbers; default: all).
    source_ranges: CIDRs allowed in (`spec.loadBalancerSourceRanges`). security_groups: the load
    balancer's own security groups (the controller then leaves inbound rules to you, so source ranges are
    refused with them). cross_zone: cross-zone load balancing. load_balancer_class: set
    `spec.loadBalancerClass: service.k8s.aws/nlb` instead of the `aws-load-balancer-type: external`
    annotation (the class is immutable: changing it later means a new load balancer).
    """

    controller: Literal["aws-load-balancer-controller", "in-tree"] = "aws-load-balancer-controller"
    kind: Literal["nlb", "classic"] = "nlb"
    scheme: Literal["internal", "internet-facing"] = "internal"
    target_type: Literal["ip", "instance"] | None = Field(
        default=None, description="default: ip with the controller, instance in-tree"
    )
    certificate_arn: str | None = None
    tls_ports: tuple[str | Int32, ...] = ()
    source_ranges: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    cross_zone: bool | None = None
    load_balancer_class: bool = False

    @field_validator("certificate_arn")
    @classmethod
    def _arn(cls, value: str | None) -> str | None:
        return None if value is None else certificate_arn(value)

    @field_validator("source_ranges")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(cidr(v) for v in value)

    @field_validator("security_groups")
    @classmethod
    def _groups(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for group in value:
            if not re.match(_SECURITY_GROUP, group):
                raise ValueError(f"{group!r} is neither a security group id (sg-...) nor a group name")
        return value

    @model_check
    def _controller_rules(self) -> LoadBalancer:
        in_tree = self.controller == "in-tree"
        if self.kind == "classic" and not in_tree:
            raise ValueError(
                "kind='classic': the AWS Load Balancer Controller provisions NLBs only; "
                "a classic ELB needs controller='in-tree' (or use kind='nlb')"
            )
        if in_tree and self.target_type == "ip":
            raise ValueError(
                "target_type='ip' needs the AWS Load Balancer Controller (aws-load-balancer-type: external); "
                "the in-tree provider registers instances only: use "
                "controller='aws-load-balancer-controller' "
                "or target_type='instance'"
            )
        if in_tree and self.load_balancer_class:
            raise ValueError(
                f"load_balancer_class=True hands the Service to the AWS Load Balancer Controller "
                f"({NLB_CLASS}); the in-tree provider ignores Services with a class"
            )
        if self.security_groups and self.source_ranges:
            raise ValueError(
                "source_ranges with security_groups: with its own security groups the load balancer's "
                "inbound rules are yours to manage and loadBalancerSourceRanges is not applied; "
                "give one or the other"
            )
        if self.tls_ports and self.certificate_arn is None:
            raise ValueError("tls_ports without certificate_arn: TLS needs a certificate")
        if self.cross_zone is not None and in_tree and self.kind == "nlb":
            raise ValueError(
                "cross_zone on an in-tree NLB: the in-tree provider sets cross-zone on classic ELBs only; "
                "use the AWS Load Balancer Controller"
            )
        return self

    @property
    def effective_target_type(self) -> str:
        """The target type the controller uses: as given, else ip (controller) or instance (in-tree)."""
        if self.target_type is not None:
            return self.target_type
        return "instance" if self.controller == "in-tree" else "ip"

    def annotations(self, ports: tuple[str, ...] = ()) -> dict[str, str]:
        """metadata.annotations of the Service, sorted; `ports` are the Service port names (for TLS)."""
        out: dict[str, str] = {}
        if self.controller == "in-tree":
            if self.kind == "nlb":
                out[LB_TYPE] = "nlb"
            if self.scheme == "internal":
                out[INTERNAL] = "true"
            if self.cross_zone is not None:
                out[CROSS_ZONE_IN_TREE] = str(self.cross_zone).lower()
        else:
            if not self.load_balancer_class:
                out[LB_TYPE] = "external"
            out[TARGET_TYPE] = self.effective_target_type
            out[SCHEME] = self.scheme
            if self.cross_zone is not None:
                out[ATTRIBUTES] = f"load_balancing.cross_zone.enabled={str(self.cross_zone).lower()}"
        if self.certificate_arn is not None:
            out[SSL_CERT] = self.certificate_arn
            chosen = self.tls_ports or ports
            out[SSL_PORTS] = ",".join(str(p) for p in chosen) if chosen else "*"
        if self.security_groups:
            out[SECURITY_GROUPS] = ",".join(self.security_groups)
        return dict(sorted(out.items()))

    def service_fields(self) -> dict[str, Any]:
        """The Service spec fields: loadBalancerClass and loadBalancerSourceRanges when declared."""
        out: dict[str, Any] = {}
        if self.load_balancer_class:
            out["loadBalancerClass"] = NLB_CLASS
        if self.source_ranges:
            out["loadBalancerSourceRanges"] = list(self.source_ranges)
        return out

"""Typed values of the Jenkins controller (the ``controller.*`` keys of the jenkinsci/jenkins chart)."""

from __future__ import annotations

import ipaddress
import re
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .._blueprint._lb import LoadBalancer
from .._errors import HagenError
from .._integers import Int32
from .._model import model_check
from .._names import annotation_key, dns1123_subdomain
from ._names import check_dns_label
from ._typed import ValuesModel, check_quantity

ServiceType = Literal["ClusterIP", "NodePort", "LoadBalancer"]
Port = Int32
_PLUGIN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*:[A-Za-z0-9][A-Za-z0-9_.+~-]*$"


def check_resources(value: dict[str, dict[str, str]], what: str) -> dict[str, dict[str, str]]:
    """``{requests: {cpu: 500m, memory: 1Gi}, limits: {...}}`` with valid quantities."""
    for section, amounts in value.items():
        if section not in ("requests", "limits"):
            raise ValueError(f"{what}: {section!r} is not 'requests' or 'limits'")
        for resource, amount in amounts.items():
            check_quantity(amount, f"{what}.{section}.{resource}")
    return value


def check_plugins(value: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Jenkins plugins as ``name:version``, each plugin once."""
    seen: set[str] = set()
    for plugin in value:
        if not re.match(_PLUGIN, plugin):
            raise ValueError(
                f"{what}: {plugin!r} is not 'name:version' (e.g. 'kubernetes:4540.v612369217f87'); "
                "a plugin without a version installs whatever is newest on the day the pod starts"
            )
        name = plugin.partition(":")[0]
        if name in seen:
            raise ValueError(f"{what}: plugin {name!r} is listed twice")
        seen.add(name)
    return value


def check_annotation_keys(value: dict[str, str], what: str) -> dict[str, str]:
    """Annotation keys (hagen._names.annotation_key): an optional DNS prefix and a name."""
    for key in value:
        annotation_key(key, f"{what}:")
    return value


class Admin(ValuesModel):
    """The admin account, read from a Secret that exists in the namespace (``controller.admin.*``).

    There is no password field on purpose: a password in values ends up in plain text in out/ and in git.
    """

    KEYS: ClassVar[dict[str, str]] = {
        "existing_secret": "existingSecret",
        "user_key": "userKey",
        "password_key": "passwordKey",
    }
    existing_secret: str
    """Name of the Secret holding the admin user name and password (``controller.admin.existingSecret``)."""
    user_key: str | None = None
    """Key of the user name in that Secret (chart default ``jenkins-admin-user``)."""
    password_key: str | None = None
    """Key of the password in that Secret (chart default ``jenkins-admin-password``)."""

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("password" in data or "username" in data):
            raise ValueError(
                "an admin password (or user name) in the values would be written in plain text to out/; "
                "create a Secret (kubectl create secret generic jenkins-admin "
                "--from-literal=jenkins-admin-user=... --from-literal=jenkins-admin-password=...) "
                "and set existing_secret='jenkins-admin'"
            )
        if isinstance(data, dict) and "existing_secret" not in data:
            raise ValueError(
                "Admin needs existing_secret (the name of a Secret with the admin user and password): "
                "without it the chart generates a random password on every render, so every diff shows noise"
            )
        return data

    @field_validator("existing_secret")
    @classmethod
    def _secret_name(cls, value: str) -> str:
        return dns1123_subdomain(value, "admin existing_secret")


class Ingress(ValuesModel):
    """The controller's primary Ingress (``controller.ingress.*``); declaring one enables it."""

    KEYS: ClassVar[dict[str, str]] = {
        "enabled": "enabled",
        "host_name": "hostName",
        "ingress_class_name": "ingressClassName",
        "path": "path",
        "annotations": "annotations",
        "tls": "tls",
    }
    enabled: bool = True
    """``controller.ingress.enabled``."""
    host_name: str | None = None
    """``controller.ingress.hostName``, e.g. ``jenkins.example.com``."""
    ingress_class_name: str | None = None
    """``controller.ingress.ingressClassName``, e.g. ``nginx`` or ``alb``."""
    path: str | None = None
    """``controller.ingress.path``."""
    annotations: dict[str, str] | None = None
    """``controller.ingress.annotations``."""
    tls: tuple[dict[str, Any], ...] | None = None
    """``controller.ingress.tls``: ``[{secretName, hosts: [...]}]``."""


class Controller(ValuesModel):
    """The Jenkins controller: image, Service, plugins, JCasC, admin Secret, ingress and placement."""

    KEYS: ClassVar[dict[str, str]] = {
        "image_tag": "image.tag",
        "service_type": "serviceType",
        "service_port": "servicePort",
        "target_port": "targetPort",
        "service_annotations": "serviceAnnotations",
        "load_balancer_source_ranges": "loadBalancerSourceRanges",
        "resources": "resources",
        "install_plugins": "installPlugins",
        "additional_plugins": "additionalPlugins",
        "jcasc_config_scripts": "JCasC.configScripts",
        "admin": "admin",
        "ingress": "ingress",
        "node_selector": "nodeSelector",
        "tolerations": "tolerations",
        "affinity": "affinity",
    }
    image_tag: str | None = None
    """``controller.image.tag``, e.g. ``2.568.2-jdk21`` (the chart defaults to its appVersion)."""
    service_type: ServiceType | None = None
    """``controller.serviceType``: ClusterIP (chart default), NodePort or LoadBalancer."""
    service_port: Port | None = Field(default=None, ge=1, le=65535)
    """``controller.servicePort`` (chart default 8080)."""
    target_port: Port | None = Field(default=None, ge=1, le=65535)
    """``controller.targetPort``: the container port Jenkins listens on (chart default 8080)."""
    service_annotations: dict[str, str] | None = None
    """``controller.serviceAnnotations``, e.g. the AWS load balancer annotations."""
    load_balancer_source_ranges: tuple[str, ...] | None = None
    """``controller.loadBalancerSourceRanges``: CIDRs allowed to reach a LoadBalancer (chart: 0.0.0.0/0)."""
    resources: dict[str, dict[str, str]] | None = None
    """``controller.resources``: ``{requests: {cpu, memory}, limits: {...}}``."""
    install_plugins: tuple[str, ...] | Literal[False] | None = None
    """``controller.installPlugins``: ``name:version`` entries, or False to install none."""
    additional_plugins: tuple[str, ...] | None = None
    """``controller.additionalPlugins``: ``name:version`` entries added to the chart's list."""
    jcasc_config_scripts: dict[str, str] | None = None
    """``controller.JCasC.configScripts``: file name -> JCasC YAML text."""
    admin: Admin | None = None
    """``controller.admin.*``: the admin account from an existing Secret."""
    ingress: Ingress | None = None
    """``controller.ingress.*``."""
    node_selector: dict[str, str] | None = None
    """``controller.nodeSelector``."""
    tolerations: tuple[dict[str, Any], ...] | None = None
    """``controller.tolerations``."""
    affinity: dict[str, Any] | None = None
    """``controller.affinity``."""
    load_balancer: LoadBalancer | None = None
    """The AWS load balancer of the controller's LoadBalancer Service: written as
    ``controller.serviceAnnotations`` and ``controller.loadBalancerSourceRanges`` (the chart's Service port
    is named ``http``; TLS ports default to it)."""

    @model_check
    def _load_balancer(self) -> Controller:
        lb = self.load_balancer
        if lb is None:
            return self
        if self.service_type != "LoadBalancer":
            raise ValueError(
                f"load_balancer needs service_type='LoadBalancer' (got {self.service_type!r}): the chart "
                "creates no load balancer for another Service type"
            )
        if lb.load_balancer_class:
            raise ValueError(
                "load_balancer.load_balancer_class: the chart's Service template has no loadBalancerClass; "
                "leave it False (hagen writes aws-load-balancer-type: external)"
            )
        if lb.source_ranges and self.load_balancer_source_ranges is not None:
            raise ValueError(
                "source ranges given twice: load_balancer.source_ranges and load_balancer_source_ranges"
            )
        clash = sorted(set(lb.annotations(("http",))) & set(self.service_annotations or {}))
        if clash:
            raise ValueError(f"service_annotations repeat what load_balancer writes: {clash}")
        for port in lb.tls_ports:
            if port not in ("http", self.service_port or 8080):
                raise ValueError(f"load_balancer.tls_ports: {port!r} is not the chart's Service port (http)")
        return self

    def chart_values(self) -> dict[str, Any]:
        """The typed fields' values, with the load balancer's annotations and source ranges merged in."""
        values = super().chart_values()
        lb = self.load_balancer
        if lb is not None:
            merged = {**(self.service_annotations or {}), **lb.annotations(("http",))}
            values["serviceAnnotations"] = dict(sorted(merged.items()))
            if lb.source_ranges:
                values["loadBalancerSourceRanges"] = list(lb.source_ranges)
        return values

    @field_validator("resources")
    @classmethod
    def _resources(cls, value: dict[str, dict[str, str]] | None) -> dict[str, dict[str, str]] | None:
        return None if value is None else check_resources(value, "controller.resources")

    @field_validator("install_plugins", "additional_plugins")
    @classmethod
    def _plugins(cls, value: Any) -> Any:
        return check_plugins(value, "controller plugins") if isinstance(value, tuple) else value

    @field_validator("service_annotations")
    @classmethod
    def _annotations(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        return None if value is None else check_annotation_keys(value, "controller.serviceAnnotations")

    @field_validator("load_balancer_source_ranges")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        for cidr in value or ():
            try:
                ipaddress.ip_network(cidr, strict=True)
            except ValueError:
                raise ValueError(
                    f"load_balancer_source_ranges: {cidr!r} is not a CIDR like 10.0.0.0/8"
                ) from None
        return value

    @field_validator("jcasc_config_scripts")
    @classmethod
    def _jcasc(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        from .._yaml import load_documents  # PyYAML only for a blueprint that gives JCasC scripts

        for name, text in (value or {}).items():
            check_dns_label(name, "JCasC config script name")
            try:
                documents = load_documents(text, f"jcasc_config_scripts[{name}]")
            except HagenError as exc:
                raise ValueError(str(exc)) from None
            if len(documents) != 1 or not isinstance(documents[0], dict):
                raise ValueError(
                    f"jcasc_config_scripts[{name}] must be one YAML mapping (e.g. 'jenkins: ...')"
                )
        return value

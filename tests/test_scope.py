"""The scope of every built-in kind of the shipped schemas agrees with the API's discovery data; custom
kinds take their scope from the CRDs among the objects; cdk8s charts lose the namespace on every
cluster-scoped kind."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil

import pytest

from hagen._scope import BUILTIN_CLUSTER_SCOPED, cluster_scoped_kinds, is_cluster_scoped
from hagen._validate._schemas import schema_root

# Kinds of the shipped schemas (1.25 on) that the API dropped before the discovery data's version, with
# their scope from the Kubernetes source of their time (pkg/registry/<group>/<kind>/strategy.go).
_DROPPED_ALPHA = {
    ("networking.k8s.io", "ClusterCIDR"): True,
    ("resource.k8s.io", "ResourceClass"): True,
    ("resource.k8s.io", "PodScheduling"): False,
    ("resource.k8s.io", "PodSchedulingContext"): False,
    ("resource.k8s.io", "ResourceClaimParameters"): False,
    ("resource.k8s.io", "ResourceClassParameters"): False,
}


def _schema_kinds() -> set[tuple[str, str]]:
    """(group, kind) of every top-level schema of every shipped Kubernetes version."""
    kinds: set[tuple[str, str]] = set()
    for folder in schema_root().iterdir():
        if not folder.name.endswith("-local-strict"):
            continue
        for path in folder.glob("*.json"):
            if path.name.startswith("_"):
                continue
            for gvk in json.loads(path.read_text()).get("x-kubernetes-group-version-kind") or ():
                kinds.add((gvk.get("group", ""), gvk["kind"]))
    return kinds


def _discovery() -> dict[tuple[str, str], bool]:
    """(group, kind) -> cluster-scoped, for every resource lightkube-models generated from the API."""
    try:
        resources = importlib.import_module("lightkube.resources")
        core = importlib.import_module("lightkube.core.resource")
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("lightkube is not installed (pip install 'hagen[lightkube]')")
    scope: dict[tuple[str, str], bool] = {}
    for module_info in pkgutil.iter_modules(resources.__path__):
        module = importlib.import_module(f"{resources.__name__}.{module_info.name}")
        for cls in vars(module).values():
            if isinstance(cls, type) and issubclass(cls, core.Resource) and cls.__module__ == module.__name__:
                info = cls._api_info
                if info.parent is None:
                    scope[(info.resource.group, info.resource.kind)] = issubclass(cls, core.GlobalResource)
    return scope


def test_builtin_scope_is_the_apis_for_every_shipped_kind() -> None:
    scope = {**_discovery(), **_DROPPED_ALPHA}
    resources = {kind for kind in _schema_kinds() if kind in scope}
    assert {kind for kind in resources if scope[kind]} == BUILTIN_CLUSTER_SCOPED
    for kind in ("VolumeAttributesClass", "ValidatingAdmissionPolicyBinding", "FlowSchema", "DeviceClass"):
        assert any(k == kind for _, k in BUILTIN_CLUSTER_SCOPED), kind


def test_the_group_counts_and_crds_declare_custom_scopes() -> None:
    assert is_cluster_scoped({"apiVersion": "resource.k8s.io/v1", "kind": "DeviceClass"})
    assert not is_cluster_scoped({"apiVersion": "example.com/v1", "kind": "Namespace"})
    crds = [
        {
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "spec": {"group": "example.com", "scope": scope, "names": {"kind": kind}},
        }
        for kind, scope in (("Fleet", "Cluster"), ("Widget", "Namespaced"))
    ]
    scoped = cluster_scoped_kinds(crds)
    assert scoped - BUILTIN_CLUSTER_SCOPED == {("example.com", "Fleet")}
    assert is_cluster_scoped({"apiVersion": "example.com/v1", "kind": "Fleet"}, scoped)
    assert not is_cluster_scoped({"apiVersion": "example.com/v1", "kind": "Widget"}, scoped)

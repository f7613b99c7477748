"""The blueprint's configuration objects and how the pod templates refer to them.

ConfigMaps, ExternalSecrets, SealedSecrets, ServiceAccounts and extra objects become objects of the
blueprint's namespace with its labels. Each pod template that refers to a declared ConfigMap either carries
``checksum/config-<name>`` (sha256 of the content: the Helm habit, so a content change rolls the pods) or
names the map's immutable hashed object (the kustomize habit: a content change is a new name).
"""

from __future__ import annotations

from typing import Any

from .._blueprint import BlueprintSpec
from .._extend import place_object
from .._identity import Identity, service_account
from .._objects import Object
from .._scope import cluster_scoped_kinds
from ._labels import blueprint_labels, tier_labels

CHECKSUM_PREFIX = "checksum/config-"


def service_accounts(spec: BlueprintSpec) -> list[tuple[str, Identity, dict[str, str]]]:
    """(ServiceAccount name, identity, labels) per distinct account the tiers ask for."""
    found: dict[str, tuple[str, Identity, dict[str, str]]] = {}
    for tier in spec.tiers:
        if tier.identity is not None:
            name = tier.identity.name or tier.name
            labels = tier_labels(spec, tier) if tier.identity.name is None else blueprint_labels(spec)
            found.setdefault(name, (name, tier.identity, labels))
    return [found[name] for name in sorted(found)]


def configuration_objects(spec: BlueprintSpec) -> list[Object]:
    """ConfigMaps, secret references, ServiceAccounts and the extra objects, in the blueprint's namespace."""
    labels = blueprint_labels(spec)
    out: list[Object] = [c.to_object(spec.namespace, labels) for c in spec.config_maps]
    out.extend(s.to_object(spec.namespace, labels) for s in spec.secrets)
    out.extend(
        service_account(name, spec.namespace, sa_labels, identity)
        for name, identity, sa_labels in service_accounts(spec)
    )
    scoped = cluster_scoped_kinds(spec.objects)  # with the custom kinds the extra CRDs declare Cluster
    out.extend(place_object(obj, spec.namespace, labels, scoped) for obj in spec.objects)
    return out


def _config_refs(pod: dict[str, Any]) -> list[dict[str, Any]]:
    """Every dict in a pod spec whose `name` names a ConfigMap (volumes, env, envFrom, projected)."""
    refs: list[dict[str, Any]] = []
    for volume in pod.get("volumes") or []:
        if "configMap" in volume:
            refs.append(volume["configMap"])
        for source in (volume.get("projected") or {}).get("sources") or []:
            if "configMap" in source:
                refs.append(source["configMap"])
    for field in ("initContainers", "containers"):
        for c in pod.get(field) or []:
            for env in c.get("env") or []:
                ref = (env.get("valueFrom") or {}).get("configMapKeyRef")
                if ref is not None:
                    refs.append(ref)
            refs.extend(e["configMapRef"] for e in c.get("envFrom") or [] if "configMapRef" in e)
    return refs


def roll_on_change(spec: BlueprintSpec, template: dict[str, Any]) -> None:
    """Point the template's references at immutable maps' hashed names; annotate checksums of the others."""
    if not spec.config_maps:  # nothing to point at: the pod spec is not read
        return
    maps = {c.name: c for c in spec.config_maps}
    used: set[str] = set()
    for ref in _config_refs(template["spec"]):
        config = maps.get(ref.get("name", ""))
        if config is not None:
            ref["name"] = config.object_name
            used.add(config.name)
    checksums = {
        f"{CHECKSUM_PREFIX}{name}": maps[name].content_hash()
        for name in sorted(used)
        if maps[name].rollout == "checksum"
    }
    if checksums:
        annotations = template["metadata"].setdefault("annotations", {})
        annotations.update(checksums)
        template["metadata"]["annotations"] = dict(sorted(annotations.items()))


def eksctl_accounts(spec: BlueprintSpec) -> list[tuple[str, str, Identity]]:
    """(namespace, ServiceAccount name, identity) for the eksctl fragment."""
    return [(spec.namespace, name, identity) for name, identity, _ in service_accounts(spec)]

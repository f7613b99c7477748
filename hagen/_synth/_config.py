"""The blueprint's configuration objects and how the pod templates refer to them.

ConfigMaps, ExternalSecrets, SealedSecrets, ServiceAccounts and extra objects become objects of the
blueprint's namespace with its labels. Each pod template that refers to a declared ConfigMap either carries
``checksum/config-<name>`` (sha256 of the content: the Helm habit, so a content change rolls the pods) or
names the map's immutable hashed object (the kustomize habit: a content change is a new name). Patches
keep both promises: checksums are taken again of the maps as patched, and a patch that changes an
immutable map's content is refused (its name would no longer be the hash of its content).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from .._blueprint import BlueprintSpec
from .._config._configmap import ConfigMap, content_hash
from .._errors import BlueprintError
from .._extend import place_object
from .._identity import Identity, service_account
from .._objects import Object, object_id
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


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dicts of a list; nothing for anything else (a patch may leave any shape: the schema reports it)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _config_refs(pod: dict[str, Any]) -> list[dict[str, Any]]:
    """Every dict in a pod spec whose `name` names a ConfigMap (volumes, env, envFrom, projected)."""
    refs: list[dict[str, Any]] = []
    for volume in _dicts(pod.get("volumes")):
        refs.extend(_dicts([volume.get("configMap")]))
        for source in _dicts(_get(volume.get("projected"), "sources")):
            refs.extend(_dicts([source.get("configMap")]))
    for field in ("initContainers", "containers"):
        for c in _dicts(pod.get(field)):
            for env in _dicts(c.get("env")):
                refs.extend(_dicts([_get(env.get("valueFrom"), "configMapKeyRef")]))
            refs.extend(_dicts([e.get("configMapRef") for e in _dicts(c.get("envFrom"))]))
    return refs


def roll_on_change(
    spec: BlueprintSpec, template: dict[str, Any], hashes: Mapping[str, str] | None = None
) -> None:
    """Point the template's references at immutable maps' hashed names; annotate checksums of the others.

    `hashes`: declared map name -> content hash to annotate (default: of the content the blueprint
    declares; after patches, of the objects as patched).
    """
    if not spec.config_maps:  # nothing to point at: the pod spec is not read
        return
    maps = {c.name: c for c in spec.config_maps}
    used: set[str] = set()
    for ref in _config_refs(template["spec"]):
        name = ref.get("name")
        config = maps.get(name) if isinstance(name, str) else None
        if config is not None:
            ref["name"] = config.object_name
            used.add(config.name)
    hashes = hashes or {}
    checksums = {
        f"{CHECKSUM_PREFIX}{name}": hashes.get(name) or maps[name].content_hash()
        for name in sorted(used)
        if maps[name].rollout == "checksum"
    }
    if checksums:
        annotations = template["metadata"].setdefault("annotations", {})
        annotations.update(checksums)
        template["metadata"]["annotations"] = dict(sorted(annotations.items()))


def _map_id(spec: BlueprintSpec, name: str) -> str:
    return object_id(
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": spec.namespace}}
    )


def _pod_template(obj: Object) -> dict[str, Any] | None:
    """spec.template (spec.jobTemplate.spec.template of a CronJob) when a patch left it an object."""
    body = _get(obj, "spec")
    if obj.get("kind") == "CronJob":
        body = _get(_get(body, "jobTemplate"), "spec")
    template = _get(body, "template")
    if isinstance(_get(template, "metadata"), dict) and isinstance(_get(template, "spec"), dict):
        return cast("dict[str, Any]", template)
    return None


def roll_after_patches(spec: BlueprintSpec, objects: list[Object], workloads: Iterable[int]) -> None:
    """Redo `roll_on_change` on the tiers' workloads (`objects[i]`, i in `workloads`) once patches ran.

    Checksums are taken of each declared checksum map as patched (a patch on the map must roll its pods,
    as an edit in the blueprint does); references a patch added are pointed and annotated too. Changes
    the objects in place: each is this synthesis' own (jsonpatch and merge_patch copy what they patch).
    """
    if not spec.config_maps:
        return
    by_id = {object_id(o): o for o in objects if o.get("kind") == "ConfigMap"}
    hashes: dict[str, str] = {}
    for config in spec.config_maps:
        final = by_id.get(_map_id(spec, config.name)) if config.rollout == "checksum" else None
        if final is not None:
            hashes[config.name] = content_hash(
                config.name, final.get("data") or {}, final.get("binaryData") or {}
            )
    for at in workloads:
        template = _pod_template(objects[at])
        if template is not None:
            roll_on_change(spec, template, hashes)


def config_map_guard(spec: BlueprintSpec) -> Callable[[int, Object, Object], None] | None:
    """A check for `apply_patches` refusing a patch that breaks a declared ConfigMap's promises.

    Of any map in `config_maps`: a new metadata.name or metadata.namespace, since the blueprint's pods
    name the map as declared (a renamed map leaves them referring to nothing, and a checksum map's pods no
    longer roll with it). Of an immutable map: a change of data or binaryData, since the object's name is
    the hash of the content the blueprint declares (patched, it would keep its name with other content,
    which the API server refuses on an existing `immutable: true` ConfigMap, k8s.io/kubernetes
    pkg/apis/core/validation ValidateConfigMapUpdate, and no pod would roll), and a change of `immutable`
    itself, which the same validation refuses once it is true. BlueprintError, field ``patches[i]``.
    """
    declared = {_map_id(spec, c.object_name): c for c in spec.config_maps}
    if not declared:
        return None

    def check(index: int, before: Object, after: Object) -> None:
        config = declared.get(object_id(before))
        if config is None:
            return
        problem, allowed = _broken_promise(config, before, after)
        if problem:
            raise BlueprintError(problem, field=f"patches[{index}]", value=object_id(before), allowed=allowed)

    return check


def _broken_promise(config: ConfigMap, before: Object, after: Object) -> tuple[str, str]:
    """(what the patch breaks, what is allowed instead), or ("", "") for a change the map can take."""
    moved = [f"metadata.{f}" for f in ("name", "namespace") if _meta(before, f) != _meta(after, f)]
    if moved:
        return (
            f"the patch changes {' and '.join(moved)} of ConfigMap {config.object_name!r}, which the "
            f"blueprint's pods refer to as declared in config_maps: they would refer to no object",
            f"rename ConfigMap {config.name!r} in config_maps instead (every reference follows)",
        )
    if config.rollout != "immutable":
        return "", ""
    changed = [f for f in ("data", "binaryData", "immutable") if before.get(f) != after.get(f)]
    if not changed:
        return "", ""
    return (
        f"the patch changes {' and '.join(changed)} of ConfigMap {config.object_name!r}, which "
        f"is immutable and named after the hash of the content ConfigMap {config.name!r} "
        "declares: the name would no longer match the content, and the API server refuses "
        "to change an immutable ConfigMap",
        f"change ConfigMap {config.name!r} in config_maps instead (new content, new "
        "name, every reference follows; rollout='checksum' for a map changed in place); a patch may "
        "change its labels and annotations",
    )


def _meta(obj: Object, field: str) -> Any:
    meta = obj.get("metadata")
    return meta.get(field) if isinstance(meta, Mapping) else None


def eksctl_accounts(spec: BlueprintSpec) -> list[tuple[str, str, Identity]]:
    """(namespace, ServiceAccount name, identity) for the eksctl fragment."""
    return [(spec.namespace, name, identity) for name, identity, _ in service_accounts(spec)]

"""Storage facts the storage rules share: provisioners, add-ons, classes and what claims them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .._objects import Object
from ._context import CheckContext, Workload

EBS_CSI = "ebs.csi.aws.com"
EFS_CSI = "efs.csi.aws.com"
EBS_IN_TREE = "kubernetes.io/aws-ebs"
"""The in-tree EBS provisioner of EKS's pre-installed gp2 class; migrated to the CSI driver since 1.23."""

DRIVER_ADDONS: dict[str, str] = {
    EBS_CSI: "aws-ebs-csi-driver",
    EBS_IN_TREE: "aws-ebs-csi-driver",
    EFS_CSI: "aws-efs-csi-driver",
}
DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class"
_SINGLE_NODE_MODES = frozenset({"ReadWriteOnce", "ReadWriteOncePod"})


def addons_in(documents: Any) -> set[str]:
    """Add-on names of every eksctl ClusterConfig (apiVersion eksctl.io/*) found in `documents`: a
    document, a list of them, a mapping of names to them, nested as deep as wanted, or a Kubernetes List's
    items. Another object's fields are not searched: no API object holds a ClusterConfig (walking every
    field of 15,000 objects took 1.5 s)."""
    found: set[str] = set()
    stack = [documents]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            api_version, kind = node.get("apiVersion"), node.get("kind")
            if api_version is None or kind is None:
                stack.extend(node.values())
            elif str(api_version).startswith("eksctl.io/") and kind == "ClusterConfig":
                found.update(str(a.get("name")) for a in node.get("addons") or [] if isinstance(a, Mapping))
            elif str(kind).endswith("List"):
                stack.append(node.get("items"))
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return found


def name_of(obj: Mapping[str, Any]) -> str:
    meta = obj.get("metadata")
    return str(meta.get("name", "")) if isinstance(meta, Mapping) else ""


def ebs_type(sc: Object) -> str:
    """parameters.type of an EBS class (keys are case-insensitive); the provisioner's default if unset."""
    params = sc.get("parameters") or {}
    for key, value in params.items():
        if str(key).lower() == "type":
            return str(value).lower()
    return "gp2" if sc.get("provisioner") == EBS_IN_TREE else "gp3"


@dataclass(frozen=True, slots=True)
class Claim:
    """A PVC or a StatefulSet volumeClaimTemplate: its class (resolved) and access modes."""

    obj: Object
    name: str
    class_name: str | None
    modes: frozenset[str]
    owner: Workload | None = None

    @property
    def single_node(self) -> bool:
        """True when the volume can be mounted on one node only (ReadWriteOnce, ReadWriteOncePod)."""
        return bool(self.modes) and self.modes <= _SINGLE_NODE_MODES


def classes(ctx: CheckContext) -> dict[str, Object]:
    return {name_of(sc): sc for sc in ctx.of_kind("StorageClass")}


def is_default(sc: Object) -> bool:
    """metadata.annotations storageclass.kubernetes.io/is-default-class is "true"."""
    annotations = (sc.get("metadata") or {}).get("annotations") or {}
    return str(annotations.get(DEFAULT_CLASS_ANNOTATION, "")).lower() == "true"


def default_class(ctx: CheckContext) -> str | None:
    """The class a PVC without spec.storageClassName gets (the first default one, by name)."""
    return next((name for name, sc in sorted(classes(ctx).items()) if is_default(sc)), None)


def _claim(obj: Object, spec: Mapping[str, Any], default: str | None, owner: Workload | None) -> Claim:
    class_name = spec.get("storageClassName", default)
    modes = frozenset(str(m) for m in spec.get("accessModes") or [])
    return Claim(obj, name_of(obj), str(class_name) if class_name else None, modes, owner)


def claims(ctx: CheckContext) -> Iterator[Claim]:
    """Every PVC (spec.storageClassName, spec.accessModes) and StatefulSet volumeClaimTemplate."""
    default = default_class(ctx)
    for pvc in ctx.of_kind("PersistentVolumeClaim"):
        yield _claim(pvc, pvc.get("spec") or {}, default, None)
    for w in ctx.workloads():
        if w.kind == "StatefulSet":
            for template in (w.obj.get("spec") or {}).get("volumeClaimTemplates") or []:
                if isinstance(template, Mapping):
                    yield _claim(w.obj, template.get("spec") or {}, default, w)


def mounted_claims(w: Workload) -> list[str]:
    """claimName of every spec.volumes[].persistentVolumeClaim of a workload's pod template."""
    names = []
    for volume in w.pod_spec.get("volumes") or []:
        pvc = volume.get("persistentVolumeClaim") if isinstance(volume, Mapping) else None
        if isinstance(pvc, Mapping) and pvc.get("claimName"):
            names.append(str(pvc["claimName"]))
    return names

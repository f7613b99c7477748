"""The fields the Kubernetes API server refuses to change, as one table that the verdicts, tests and
docs/diff.md share.

Each rule names the kind, the field (a path prefix: any change at or under it is refused), the fields under
it that may change anyway (`allowed`), the API server's own message as kubectl prints it, the Kubernetes
source file and function that enforce it, and the way out. Sources are kubernetes/kubernetes paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._model import Change

_STS_OUT = (
    "`kubectl delete statefulset NAME --cascade=orphan`, then apply: the pods and their "
    "PersistentVolumeClaims stay and the new StatefulSet adopts them (a new volumeClaimTemplates only "
    "shapes claims created afterwards: resize existing claims one by one); or a new object name"
)
_SELECTOR_OUT = (
    "`kubectl delete {kind} NAME --cascade=orphan`, then apply (the old pods keep serving until you delete "
    "them); or a new object name"
)
_PVC_OUT = (
    "a new claim (new name) with the wanted spec; the data comes along only if copied or restored from a "
    "snapshot; the old claim keeps its volume until deleted"
)
_SC_OUT = (
    "a new StorageClass (new name) and new claims on it; existing claims keep their class and volume, and "
    "their data moves only if migrated (snapshot and restore, or copy) - e.g. gp2 -> gp3"
)
_IMMUTABLE_CM = (
    "a new object name (e.g. a content hash suffix) referenced by the pods; an immutable object can only be "
    "deleted and re-created"
)


@dataclass(frozen=True, slots=True)
class ImmutableRule:
    """One field the API server refuses to update.

    `path` is the field as mapping keys (``("spec", "selector")``); `allowed` the paths under it that may
    change (relative to `path`); `kinds` the change kinds that are refused (a removed ``clusterIP`` keeps
    the allocated one). `when` names a condition on the old object (``immutable``: ``immutable: true``).
    """

    kind: str
    path: tuple[str, ...]
    message: str
    source: str
    way_out: str
    allowed: tuple[tuple[str, ...], ...] = ()
    kinds: tuple[str, ...] = ("added", "removed", "changed", "moved")
    when: str | None = None

    @property
    def field(self) -> str:
        return ".".join(self.path)

    def matches(self, change: Change) -> bool:
        """True when `change` (on an object of this kind) touches this field and not an allowed one."""
        if change.kind not in self.kinds or change.doc_kind != self.kind:
            return False
        path = change.path
        n = len(self.path)
        if tuple(path[:n]) != self.path:
            return False
        rest = tuple(path[n:])
        return not any(rest[: len(a)] == a for a in self.allowed)


_STS_ALLOWED = tuple(
    (f,)
    for f in (
        "replicas",
        "ordinals",
        "template",
        "updateStrategy",
        "persistentVolumeClaimRetentionPolicy",
        "minReadySeconds",
    )
)
_STS_MESSAGE = (
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
    "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
)
_APPS = "pkg/apis/apps/validation/validation.go"
_CORE = "pkg/apis/core/validation/validation.go"
_IMMUTABLE = "Invalid value: ...: field is immutable"

RULES: tuple[ImmutableRule, ...] = (
    ImmutableRule(
        "Deployment",
        ("spec", "selector"),
        f"spec.selector: {_IMMUTABLE}",
        "pkg/registry/apps/deployment/strategy.go ValidateUpdate (apps/v1), after "
        f"{_APPS} ValidateDeploymentUpdate",
        _SELECTOR_OUT.format(kind="deployment"),
    ),
    ImmutableRule(
        "DaemonSet",
        ("spec", "selector"),
        f"spec.selector: {_IMMUTABLE}",
        f"pkg/registry/apps/daemonset/strategy.go ValidateUpdate (apps/v1), after {_APPS} "
        "ValidateDaemonSetUpdate",
        _SELECTOR_OUT.format(kind="daemonset"),
    ),
    ImmutableRule(
        "ReplicaSet",
        ("spec", "selector"),
        f"spec.selector: {_IMMUTABLE}",
        f"pkg/registry/apps/replicaset/strategy.go ValidateUpdate (apps/v1), after {_APPS} "
        "ValidateReplicaSetUpdate",
        _SELECTOR_OUT.format(kind="replicaset"),
    ),
    *(
        ImmutableRule(
            "StatefulSet", ("spec", f), _STS_MESSAGE, f"{_APPS} ValidateStatefulSetUpdate", _STS_OUT
        )
        for f in ("selector", "serviceName", "podManagementPolicy", "volumeClaimTemplates")
    ),
    ImmutableRule(
        "StatefulSet",
        ("spec",),
        _STS_MESSAGE,
        f"{_APPS} ValidateStatefulSetUpdate",
        _STS_OUT,
        allowed=_STS_ALLOWED,
    ),
    ImmutableRule(
        "Job",
        ("spec", "selector"),
        f"spec.selector: {_IMMUTABLE}",
        "pkg/apis/batch/validation/validation.go ValidateJobUpdate (ValidateJobSpecUpdate)",
        "`kubectl delete job NAME` and apply, or a new Job name (e.g. a hash suffix)",
    ),
    ImmutableRule(
        "Job",
        ("spec", "template"),
        f"spec.template: {_IMMUTABLE}",
        "pkg/apis/batch/validation/validation.go ValidateJobUpdate (ValidateJobSpecUpdate; only scheduling "
        "directives of a suspended Job that never started may change)",
        "`kubectl delete job NAME` and apply, or a new Job name (e.g. a hash suffix)",
    ),
    *(
        ImmutableRule(
            "PersistentVolumeClaim",
            ("spec", f),
            "spec: Forbidden: spec is immutable after creation except resources.requests and "
            "volumeAttributesClassName for bound claims",
            f"{_CORE} ValidatePersistentVolumeClaimUpdate",
            _PVC_OUT,
        )
        for f in ("storageClassName", "accessModes", "volumeMode", "volumeName", "selector", "dataSource")
    ),
    *(
        ImmutableRule(
            "Service",
            ("spec", f),
            "spec.clusterIPs[0]: Invalid value: ...: may not change once set",
            f"{_CORE} ValidateServiceUpdate (validateServiceClusterIPsRelatedFieldsUpdate)",
            "delete the Service and apply (it gets a new IP; clients resolving its name follow, a short "
            "outage), or a new Service name",
            kinds=("added", "changed"),
        )
        for f in ("clusterIP", "clusterIPs")
    ),
    ImmutableRule(
        "Service",
        ("spec", "loadBalancerClass"),
        "spec.loadBalancerClass: Invalid value: ...: may not change once set",
        f"{_CORE} ValidateServiceUpdate (validateLoadBalancerClassField: set, changed or removed "
        "on a Service that stays type LoadBalancer)",
        "delete the Service and apply: the controller builds a new load balancer (a new DNS name; clients of "
        "the old one lose it), or a new Service name",
        when="LoadBalancer",
    ),
    *(
        ImmutableRule(
            "StorageClass",
            (f,),
            f"{f}: Forbidden: updates to {f} are forbidden.",
            "pkg/apis/storage/validation/validation.go ValidateStorageClassUpdate",
            _SC_OUT,
        )
        for f in ("provisioner", "parameters", "reclaimPolicy")
    ),
    ImmutableRule(
        "StorageClass",
        ("volumeBindingMode",),
        f"volumeBindingMode: {_IMMUTABLE}",
        "pkg/apis/storage/validation/validation.go ValidateStorageClassUpdate",
        _SC_OUT,
    ),
    *(
        ImmutableRule(
            kind,
            (f,),
            f"{f}: Forbidden: field is immutable when `immutable` is set",
            f"{_CORE} Validate{kind}Update",
            _IMMUTABLE_CM,
            when="immutable",
        )
        for kind, fields in (
            ("ConfigMap", ("data", "binaryData", "immutable")),
            ("Secret", ("data", "stringData", "immutable")),
        )
        for f in fields
    ),
)
"""Every immutable-field rule, most specific first (the first match names the refusal)."""

RESIZE_SOURCE = f"{_CORE} ValidatePersistentVolumeClaimUpdate"
RESIZE_ADMISSION = "plugin/pkg/admission/storage/persistentvolume/resize/admission.go Validate"
SHRINK_MESSAGE = "spec.resources.requests.storage: Forbidden: field can not be less than previous value"
SHRINK_OUT = "volumes do not shrink: a new, smaller claim (new name) and copy the data over"
GROW_MESSAGE = (
    "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must "
    "support resize"
)
GROW_OUT = (
    "set `allowVolumeExpansion: true` on the StorageClass (that field may change), then grow the claim; "
    "or a new, larger claim and copy the data over"
)


def _is_load_balancer(doc: object) -> bool:
    spec = doc.get("spec") if isinstance(doc, dict) else None
    return isinstance(spec, dict) and spec.get("type") == "LoadBalancer"


def find_rule(change: Change, old_doc: object, new_doc: object = None) -> ImmutableRule | None:
    """The first rule `change` breaks, given the object's old and new versions (for `when` conditions)."""
    for rule in RULES:
        if rule.matches(change):
            if rule.when == "immutable" and not (isinstance(old_doc, dict) and old_doc.get("immutable")):
                continue
            if rule.when == "LoadBalancer" and not (
                _is_load_balancer(old_doc) and _is_load_balancer(new_doc)
            ):
                continue
            return rule
    return None


def rules_markdown() -> str:
    """The rule table of docs/diff.md (kind, field, API server message, source), one row per rule."""
    rows = ["| kind | field | the API server says | source |", "|---|---|---|---|"]
    seen: set[tuple[str, str]] = set()
    for rule in RULES:
        field = rule.field + (" (except the fields allowed)" if rule.allowed else "")
        if rule.when == "LoadBalancer":
            field += " (type LoadBalancer before and after)"
        elif rule.when:
            field += f" (when `{rule.when}: true`)"
        if (rule.kind, field) in seen:
            continue
        seen.add((rule.kind, field))
        rows.append(f"| {rule.kind} | `{field}` | {rule.message} | `{rule.source}` |")
    rows.append(
        f"| PersistentVolumeClaim | `spec.resources.requests.storage` (shrink) | {SHRINK_MESSAGE} | "
        f"`{RESIZE_SOURCE}` |"
    )
    rows.append(
        "| PersistentVolumeClaim | `spec.resources.requests.storage` (grow, class without "
        f"`allowVolumeExpansion: true`) | {GROW_MESSAGE} | `{RESIZE_ADMISSION}` |"
    )
    return "\n".join(rows) + "\n"

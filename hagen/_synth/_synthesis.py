"""blueprint -> Synthesis: the objects, Helm values and cluster fragments of one blueprint (pure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from .._blueprint import BlueprintSpec
from .._errors import BlueprintError, located_in
from .._extend import apply_patches
from .._finding import Finding
from .._identity import eksctl_iam
from .._objects import Object, keyed_id, object_id, sort_objects
from .._yaml._writable import check_writable
from ._config import config_map_guard, configuration_objects, eksctl_accounts, roll_after_patches
from ._labels import blueprint_labels, tier_labels
from ._network import network_policy
from ._scale import autoscaler
from ._service import disruption_budget, headless_service, service
from ._traffic import gateway, ingress
from ._workload import headless_service_name, workload

EKSCTL_FRAGMENT = "cluster/eksctl-addons.yaml"
T = TypeVar("T")


@dataclass(frozen=True)
class Synthesis:
    """What one blueprint produces.

    objects: Kubernetes objects in hagen's order. values: Helm release name -> values. extras: relative
    path under out/<blueprint>/ -> plain data that is not a Kubernetes object (the eksctl fragment).
    findings: what synthesis itself found and did not stop on (Helm values warnings and notes, e.g.
    `helm.unknown-key` against the typed model, `helm.chart-not-found`); `hagen check` and `hagen synth`
    report them. rendered: object id -> file relative to out/<blueprint>/ (``helm/<release>/<file>``)
    of the objects among `objects` that a hydrated Helm release's chart rendered (see
    `hagen.hydrate_syntheses`); empty for a plain synthesis.
    """

    blueprint: BlueprintSpec
    objects: list[Object]
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    rendered: dict[str, str] = field(default_factory=dict)


def in_blueprint(spec: BlueprintSpec) -> AbstractContextManager[None]:
    """The block's HagenErrors name the blueprint's file and class (`hagen._errors.located_in`): what every
    stage working on one blueprint (synthesize, render, hydrate) raises says which blueprint it was."""
    return located_in(spec.source or None, spec.class_name or spec.name)


def namespace(spec: BlueprintSpec) -> Object:
    """v1 Namespace (cluster-scoped: it carries no metadata.namespace)."""
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": spec.namespace, "labels": blueprint_labels(spec)},
    }


def storage_classes(spec: BlueprintSpec) -> list[Any]:
    """Every StorageClass the blueprint declares or uses (tier volumes, Helm releases), once each by name."""
    found: dict[str, Any] = {}
    candidates = [*spec.storage_classes]
    for tier in spec.tiers:
        candidates.extend(v.storage_class for v in tier.volumes)
    for release in spec.releases:
        candidates.extend(release.storage_classes())
    for sc in candidates:
        if sc.name in found and found[sc.name] != sc:
            raise BlueprintError(
                f"two different StorageClasses are named {sc.name!r}",
                file=spec.source,
                blueprint=spec.class_name,
                field="storage_classes",
                allowed="one definition per class name (share the object)",
            )
        found[sc.name] = sc
    return [found[name] for name in sorted(found)]


def _class_object(spec: BlueprintSpec, sc: Any) -> Object:
    obj: Object = sc.to_object()
    obj["metadata"] = {**obj["metadata"], "labels": blueprint_labels(spec)}
    return obj


def _refuse_duplicates(spec: BlueprintSpec, ids: Iterable[str]) -> None:
    """Two objects with one identity would overwrite each other on the cluster and in out/."""
    seen: set[str] = set()
    for oid in ids:
        if oid in seen:
            raise BlueprintError(
                f"two objects are both {oid}: a tier's generated name (e.g. <tier>-headless, "
                "<tier>-<volume>), an extra object or a cdk8s chart's object repeats another",
                file=spec.source,
                blueprint=spec.class_name,
                field="cdk8s_charts" if spec.cdk8s_charts else "tiers",
                allowed="one definition per apiVersion group, kind, namespace and name",
            )
        seen.add(oid)


def _made(spec: BlueprintSpec, classes: list[Any], workloads: list[Object] | None = None) -> Iterator[Object]:
    """Every object of the blueprint before patches, in the order they are made; each tier's workload
    object is also appended to `workloads` when given."""
    if spec.create_namespace:
        yield namespace(spec)
    for sc in classes:
        yield _class_object(spec, sc)
    for tier in spec.tiers:
        labels = tier_labels(spec, tier)  # once per tier: every object of the tier carries them
        made = workload(spec, tier, labels)
        if workloads is not None:
            workloads.append(made[0])
        yield from made
        kind = made[0]["kind"]
        if kind == "StatefulSet":
            yield headless_service(spec, tier, headless_service_name(tier), labels)
        for extra in (
            service(spec, tier, labels),
            disruption_budget(spec, tier, labels),
            autoscaler(spec, tier, kind, labels),
            ingress(spec, tier, labels),
        ):
            if extra is not None:
                yield extra
        if spec.network_policies:
            yield network_policy(spec, tier, labels)
    for gw in spec.gateways:
        yield gateway(spec, gw)
    if spec.cdk8s_charts:
        from .._cdk8s import import_objects  # Node.js and jsii start only for blueprints that ask

        for index, chart in enumerate(spec.cdk8s_charts):
            try:
                yield from import_objects(chart)
            except BlueprintError as exc:
                raise BlueprintError(
                    exc.reason,
                    file=spec.source,
                    blueprint=spec.class_name,
                    field=f"cdk8s_charts[{index}]",
                    value=exc.value,
                    allowed=exc.allowed,
                ) from None
    yield from configuration_objects(spec)


def synthesize(
    spec: BlueprintSpec, base_dir: Path | None = None, *, report_errors: bool = False
) -> Synthesis:
    """All objects of a blueprint, sorted; Helm values per release; the eksctl add-on fragment if needed.

    `base_dir` resolves values files named by releases (default: the blueprint file's folder). A value no
    YAML reader reads back (a NaN or infinite float, a string with a lone surrogate, an integer beyond
    int64, in an object, Helm values or the eksctl fragment) raises InputError naming the field, as
    `hagen synth` does when it writes it: so `check`, `place` and `report` refuse it too. Helm values
    with error findings (unknown or renamed keys, schema violations) raise ChartError, so that nothing is
    written; with `report_errors` they travel in `findings` instead, for `check` to report (such a
    synthesis must not be written). Every HagenError names the blueprint's file and class (`in_blueprint`).
    """
    with in_blueprint(spec):
        classes = storage_classes(spec)
        workloads: list[Object] = []
        objects = list(_made(spec, classes, workloads))
        if spec.patches:
            made = {id(w) for w in workloads}  # by identity: a patch may rename or relabel a workload
            positions = [at for at, obj in enumerate(objects) if id(obj) in made]
            objects = apply_patches(objects, spec.patches, spec.namespace, config_map_guard(spec))
            roll_after_patches(spec, objects, positions)  # apply_patches keeps each object's position
        for obj in objects:  # in the order made, as a streamed synth writes them: the same first refusal
            check_writable(obj)
        _refuse_duplicates(spec, map(object_id, objects))
        values, extras, findings = _releases_and_extras(spec, classes, base_dir, report_errors)
        return Synthesis(spec, sort_objects(objects), values, extras, findings)


def synthesize_each(
    spec: BlueprintSpec, convert: Callable[[Object], T], base_dir: Path | None = None
) -> list[T]:
    """`convert` of each object of `synthesize(spec)`, in the same order and with the same errors.

    Each object is converted as soon as it is final and then dropped, so a caller keeping only what
    `convert` returns (an object's YAML text: a third of its size in dicts) never holds every object at
    once. A blueprint with patches is made whole first: a patch may address any object, and a patched
    ConfigMap changes the checksums of the pod templates that use it.
    """
    return synthesize_identified(spec, lambda obj, _: convert(obj), base_dir)


def synthesize_identified(
    spec: BlueprintSpec,
    convert: Callable[[Object, str], T],
    base_dir: Path | None = None,
    *,
    emits: bool = False,
) -> list[T]:
    """`synthesize_each`, giving `convert` each object's id (`object_id`) too: the string the duplicate
    check holds, so a caller keeping the id does not hold a second copy of 30,000 of them. `emits`: the
    caller's `convert` writes each object with hagen's YAML emitter, which raises what `check_writable`
    raises, with the same message, at the same object: the objects are not walked a second time for it."""
    if spec.patches:
        return [convert(obj, object_id(obj)) for obj in synthesize(spec, base_dir).objects]
    with in_blueprint(spec):
        classes = storage_classes(spec)
        ids: list[str] = []
        keyed: list[tuple[tuple[int, str, str, str], T]] = []
        for obj in _made(spec, classes):
            if not emits:  # as `synthesize`: a `convert` that writes no YAML gets no unwritable value
                check_writable(obj)
            key, oid = keyed_id(obj)
            ids.append(oid)
            keyed.append((key, convert(obj, oid)))
        _refuse_duplicates(spec, ids)
        _releases_and_extras(spec, classes, base_dir)
    keyed.sort(key=itemgetter(0))  # stable, as sort_objects
    return [value for _, value in keyed]


def _releases_and_extras(
    spec: BlueprintSpec, classes: list[Any], base_dir: Path | None, report_errors: bool = False
) -> tuple[dict[str, dict[str, Any]], dict[str, Any], tuple[Finding, ...]]:
    """Helm values per release (checked against the chart, and the releases as the helmfile lists them),
    the eksctl fragment, and their findings. Its errors name the blueprint (`in_blueprint`): the streamed
    path calls it on its own."""
    with in_blueprint(spec):
        return _releases_and_extras_of(spec, classes, base_dir, report_errors)


def _releases_and_extras_of(
    spec: BlueprintSpec, classes: list[Any], base_dir: Path | None, report_errors: bool
) -> tuple[dict[str, dict[str, Any]], dict[str, Any], tuple[Finding, ...]]:
    from .._storage._addons import cluster_fragment

    folder = base_dir if base_dir is not None else Path(spec.source or ".").parent
    values: dict[str, dict[str, Any]] = {}
    findings: list[Finding] = []
    if spec.releases:
        from .._helm import helmfile_document
        from .._helm._check import check_release, writable

        # refused here, not only when out/ is rendered: --stdout, check, place and report refuse it too
        helmfile_document(spec.releases)
        for release in spec.releases:
            checked = check_release(release, folder)
            if not report_errors:
                writable(checked)
            check_writable(checked.values)
            values[release.name] = checked.values
            findings.extend(replace(f, blueprint=spec.name) for f in checked.findings)
    extras: dict[str, Any] = {}
    fragment = cluster_fragment(classes, spec.csi_drivers, spec.eks, iam=eksctl_iam(eksctl_accounts(spec)))
    if fragment is not None:
        check_writable(fragment)
        extras[EKSCTL_FRAGMENT] = fragment
    return values, extras, tuple(findings)

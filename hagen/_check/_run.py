"""`check`: run every rule over a synthesis or plain objects; findings come back in a stable order."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .._finding import Finding, Severity, finding_sort_key
from .._objects import Object
from ._cluster import cluster_of, effective_counts, shared_profile
from ._conflicts import conflict_findings
from ._context import CheckContext, ClusterCounts, Cotenants
from ._rules_autoscaling import autoscaling_rules
from ._rules_references import reference_rules
from ._rules_scheduling import scheduling_rules
from ._rules_schema import schema_rules
from ._rules_secrets import secret_rules
from ._rules_storage import storage_rules
from ._rules_traffic import traffic_rules
from ._rules_workload import workload_rules
from ._storage_model import addons_in
from ._suppress import Suppressed, Suppressions, apply_suppressions, suppressions_of
from ._texts import DiskTexts, SynthesizedTexts

RuleFn = Callable[[CheckContext], Iterable[Finding]]
"""A rule provider: reads a CheckContext, yields findings. Providers must be pure."""

BUILTIN_RULES: tuple[RuleFn, ...] = (
    workload_rules,
    storage_rules,
    scheduling_rules,
    autoscaling_rules,
    traffic_rules,
    reference_rules,
    secret_rules,
    schema_rules,
)
_registered: list[RuleFn] = []


def register_rule(rule: RuleFn) -> RuleFn:
    """Add a rule provider to every later `check` (usable as a decorator); registering twice is a no-op."""
    if rule not in _registered:
        _registered.append(rule)
    return rule


def default_rules() -> tuple[RuleFn, ...]:
    """Built-in rules, registered providers, and the placement simulator's rules when it is installed."""
    rules = [*BUILTIN_RULES, *_registered]
    try:
        place = importlib.import_module("hagen._place._rules")
    except ImportError:
        place = None
    provider = getattr(place, "placement_rules", None)
    if callable(provider) and provider not in rules:
        rules.append(provider)
    return tuple(rules)


@dataclass(frozen=True)
class CheckResult:
    """Active findings and the suppressed ones (with their reasons), both sorted by finding_sort_key;
    `notes`: what was left out of the check and why (a Helm release not hydrated: its chart's objects
    were not checked), as `hagen synth` says them; every report format shows them. `sources`: blueprint
    name -> the file it was loaded from, for the checked syntheses (SARIF points a finding without an
    out/ file there)."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...] = ()
    notes: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def failing(self, fail_on: Severity) -> list[Finding]:
        """Active findings at or above `fail_on` (suppressed findings never fail a run)."""
        return [f for f in self.findings if f.at_least(fail_on)]


def declared_addons(spec: Any) -> set[str]:
    """Add-ons a blueprint declares already installed: its csi_drivers with installed=True."""
    found: set[str] = set()
    for driver in getattr(spec, "csi_drivers", None) or ():
        if getattr(driver, "installed", False):
            found.add(str(driver.addon))
    return found


def context_of(
    synthesis: Any,
    cluster: ClusterCounts | None = None,
    out_dir: str = "out",
    kube_version: str | None = None,
    texts: Mapping[str, str] | None = None,
    root: Path | None = None,
    profile: Any = None,
) -> CheckContext:
    """The CheckContext of a Synthesis: its objects, values, extras (eksctl add-ons) and spec; its objects'
    files under `out_dir` with the text `hagen synth` would write there now (`texts`: the hydrated
    releases' files, relative to `out_dir`; see `SynthesizedTexts`). `profile`: the cluster profile the
    blueprint runs on with those checked beside it (`hagen._one_cluster`); None: its own `cluster`."""
    spec = synthesis.blueprint
    written = SynthesizedTexts(synthesis, out_dir, texts)
    files = _on_disk(written.files, getattr(spec, "source", None) or None, root)
    objects = tuple(synthesis.objects)
    extras = getattr(synthesis, "extras", None) or {}
    addons = addons_in(list(extras.values())) | addons_in(list(objects)) | declared_addons(spec)
    declared: Any = profile if profile is not None else getattr(spec, "cluster", None)
    if cluster is not None and cluster.nodes is None and cluster.zones is None:
        cluster = None  # no --nodes/--zones: the blueprint's own profile, node sizes included, counts
    if cluster is not None and callable(getattr(declared, "resized", None)):
        # The profile `hagen place` resolves for the same flags: the simulator places on it and the
        # static rules count its domains, so both judge one cluster.
        declared = declared.resized(cluster.nodes, cluster.zones)
        cluster = None
    return CheckContext(
        objects=objects,
        cluster=effective_counts(cluster, cluster_of(declared)),
        addons=frozenset(addons),
        values=dict(getattr(synthesis, "values", None) or {}),
        files=files,
        texts=written,
        blueprint=getattr(spec, "name", None),
        placement_cluster=declared if cluster is None else None,
        findings=tuple(getattr(synthesis, "findings", ())),
        kube_version=kube_version,
    )


def _on_disk(files: Mapping[str, str], source: str | None, root: Path | None) -> dict[str, str]:
    """object id -> the file a finding about it points at: `files` (where `hagen synth` writes it) when
    that file is on disk, else the blueprint's source file (`source`; None: no file). A blueprint not
    synthesized yet (or an object new since the last synth) has no out/ file: naming one would send the
    reader, and code scanning, which drops or misplaces a result whose file is not in the checkout, to a
    file that does not exist. A finding on the blueprint has no line: its text is not the object's.
    Relative paths are looked for under `root` (the project's root; None: the working folder)."""
    present = _files_in({path.rpartition("/")[0] for path in files.values()}, root)
    located = {ident: path if path in present else source for ident, path in files.items()}
    return {ident: path for ident, path in located.items() if path is not None}


def _files_in(folders: Iterable[str], root: Path | None = None) -> set[str]:
    """The regular files directly in `folders` (one listing per folder, not a stat per object)."""
    import os

    found: set[str] = set()
    for folder in folders:
        try:
            with os.scandir(root / folder if root is not None else folder) as listing:
                found.update(f"{folder}/{e.name}" for e in listing if e.is_file(follow_symlinks=False))
        except OSError:
            continue  # no such folder (nothing synthesized yet), or unreadable: the blueprint is named
    return found


def run_rules(
    contexts: Iterable[CheckContext], rules: Sequence[RuleFn], suppress: Suppressions
) -> CheckResult:
    """Every rule over every context, suppressions applied, findings sorted.

    A finding whose (id, object) an earlier provider already reported is dropped: the static rules and
    the placement simulation may both see a stuck rollout, and one report of it is enough. The findings a
    context carries (from synthesis) come first. A finding on an object without a file gets its
    object's, and one without a line its document's line in that file, read off the context's `texts`
    (a file's text in another context may differ: out/ as committed against what synth would write now).
    """
    from ._lines import FileLines, with_lines

    found: list[Finding] = []
    for ctx in contexts:
        own = list(ctx.findings)
        seen: set[tuple[str, str | None]] = set()
        for rule in rules:
            new = [f for f in dict.fromkeys(rule(ctx)) if (f.id, f.object_id) not in seen]
            seen.update((f.id, f.object_id) for f in new)
            own.extend(new)
        found.extend(with_lines(own, FileLines(ctx.texts), ctx.files))
    active, suppressed = apply_suppressions(dict.fromkeys(found), suppress)
    active.sort(key=finding_sort_key)
    suppressed.sort(key=lambda s: finding_sort_key(s.finding))
    return CheckResult(tuple(active), tuple(suppressed))


def check(
    source: Any,
    *,
    cluster: ClusterCounts | None = None,
    rules: Sequence[RuleFn] | None = None,
    files: Mapping[str, str] | None = None,
    suppress: Suppressions | None = None,
    out_dir: str | Path | None = None,
    extras: Mapping[str, Any] | Iterable[Any] | None = None,
    kube_version: str | None = None,
    project: Any = None,
    texts: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    target: str | None = None,
) -> CheckResult:
    """Run the rules over a Synthesis, a sequence of them, or plain Kubernetes objects (dicts); a
    blueprint file or folder (str or Path) or a BlueprintSpec is loaded and synthesized first, a manifest
    file or folder read into its objects (which path is which: `hagen.split_paths`, as the commands decide).

    For syntheses, tiers' `suppress` declarations apply and the blueprint's cluster profile, eksctl
    add-ons and `csi_drivers` declared installed are read; `cluster` (e.g. from --nodes/--zones) overrides the
    profile. The syntheses run on one cluster, as `hagen place` places them: the one profile their
    blueprints declare, shared by those that declare none (`hagen._one_cluster`); InputError (naming
    both blueprints and what differs) when two declare profiles `cluster` does not make one.
    `files` maps the ids of plain objects to the files they were read from; objects of a
    synthesis point at the files `hagen synth` writes under `out_dir` (str or Path; default the project's
    out folder, `project.out_path()`, where blueprints are loaded here, else ``out``). Blueprints are loaded
    through `project` (a hagen.Project: chart copies, Helm cache; default `hagen.load_project()`) and
    checked as `hagen check` checks them (the same code path): Helm values with error findings are
    findings, not a ChartError, and releases declared ``hydrate=True`` are rendered in as `hagen synth`
    writes them, or their rendered objects kept as committed in `out_dir` where there is no chart copy
    (`hydrate_syntheses`), their files' texts giving the findings' lines and synth's notes on them
    (release not hydrated, objects kept or stale) coming first in the result's `notes`. `target`: the
    blueprints (`source`: paths or blueprint classes; None: the project's) as that target of the project
    builds them (overrides, `hydrate`, Kubernetes version), their files under ``out_dir/<target>/``.

    `extras` are documents that go with plain objects without being objects: a synthesis's `extras`
    (relative path -> data) or any list of documents; the add-ons of an eksctl ClusterConfig among them
    count as installed (`check(synthesis.objects, extras=synthesis.extras)` finds what `check(synthesis)`
    finds). `kube_version` is the Kubernetes minor version the objects are validated against for
    `schema.invalid` (a target's `kube_version`; default hagen's). `notes` (e.g. the notes of
    `hydrate_syntheses`: releases whose chart could not be rendered) travel in the result's `notes`.

    A finding on an object carries the 1-based `line` of its document in its file (a schema error: of its
    field). For a synthesis that file is the text `hagen synth` would write now, made in memory (never the
    committed out/, which may be stale or absent); for a hydrated Helm release's files that text is
    `texts` (path relative to `out_dir` -> text, as `hydrate_syntheses` returns them), and without it
    their findings have no line. For plain objects it is the file `files` names, as read from disk.
    """
    chosen = tuple(rules) if rules is not None else default_rules()
    from .._sources import syntheses_or_objects

    loaded = syntheses_or_objects(
        source, project, out_dir=out_dir, kube_version=kube_version, report_errors=True, target=target
    )
    items, project, kube_version = loaded.items, loaded.project, loaded.kube_version
    if loaded.out_dir is not None:  # blueprints loaded here: the hydrated releases' files give the lines
        prefix = f"{target}/" if target else ""
        out_dir = f"{loaded.out_dir.as_posix()}/{target}" if target else loaded.out_dir
        texts = {**{p.removeprefix(prefix): t for p, t in loaded.texts.items()}, **(texts or {})}
    elif out_dir is None:
        out_dir = "out"
    notes = [*loaded.notes, *notes]  # synth's on the releases, and a recovered out/ the manifests are in
    files = {**loaded.files, **(files or {})}
    out_dir = Path(out_dir).as_posix()
    contexts: list[CheckContext] = []
    merged: dict[tuple[str | None, str], dict[str, str]] = {}
    plain: list[Object] = []
    syntheses = [item for item in items if hasattr(item, "objects")]
    profile = shared_profile(syntheses, cluster)
    for item in items:
        if hasattr(item, "objects"):
            root = Path(project.root) if getattr(project, "root", None) is not None else None
            contexts.append(context_of(item, cluster, out_dir, kube_version, texts, root, profile))
            merged.update(suppressions_of(item.blueprint))
        else:
            plain.append(item)
    if conflicts := conflict_findings(syntheses):
        contexts.append(CheckContext(objects=(), findings=tuple(conflicts)))
    elif len(contexts) > 1:
        # One cluster runs them all, as `hagen place` places them: each blueprint's placement findings
        # come from one placement of every blueprint's pods (not from its pods alone).
        shared = Cotenants(tuple(o for ctx in contexts for o in ctx.objects))
        contexts = [replace(ctx, cotenants=shared) for ctx in contexts]
    if plain:
        documents = list((extras.values() if isinstance(extras, Mapping) else extras) or ())
        contexts.append(
            CheckContext(
                objects=tuple(plain),
                cluster=effective_counts(cluster),
                addons=frozenset(addons_in(plain) | addons_in(documents)),
                files=dict(files or {}),
                texts=DiskTexts((files or {}).values()),
                kube_version=kube_version,
            )
        )
    merged.update({k: dict(v) for k, v in (suppress or {}).items()})
    result = run_rules(contexts, chosen, merged)
    sources = {s.blueprint.name: s.blueprint.source for s in syntheses if getattr(s.blueprint, "source", "")}
    return replace(result, notes=tuple(dict.fromkeys(notes)), sources=sources)

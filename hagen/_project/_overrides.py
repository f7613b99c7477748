"""Per-target YAML overrides (targets/<name>.yaml), validated against the blueprint's own models.

```yaml
kube_version: "1.33"
cluster: {nodes: 1, zones: 1}           # the cluster profile of every blueprint of the target
blueprints:
  shop:
    tiers:
      backend: {replicas: 1, image: registry.example.com/shop/backend:1.5.0}
    releases:
      jenkins: {values: {persistence: {size: 4Gi}}}
```

An unknown key, a wrong type, or a value the blueprint's models refuse is an error naming the file, the
line, the key path and what is allowed there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from .._blueprint import BlueprintSpec, Resources
from .._blueprint._messages import first_error
from .._errors import BlueprintError, InputError
from .._integers import Int32
from ._config import ProfileConfig
from ._gitops_config import _Model
from ._messages import config_error

MAX_BYTES = 1 << 20  # an overrides file is a few hundred lines; refuse anything that is not one


class VolumeOverride(_Model):
    """A tier volume's new size (resources.requests.storage)."""

    size: str


class TierOverride(_Model):
    """Fields of a hagen.Tier a target may change; mappings (env, labels, annotations) merge key by key."""

    replicas: Int32 | None = Field(default=None, ge=0)
    image: str | None = None
    resources: Resources | None = None
    env: dict[str, str] | None = None
    labels: dict[str, str] | None = None
    annotations: dict[str, str] | None = None
    volumes: dict[str, VolumeOverride] = Field(default_factory=dict)
    suppress: dict[str, str] | None = None


class ReleaseOverride(_Model):
    """Helm values merged over the release's inline values (the highest layer of its values)."""

    values: dict[str, Any] = Field(default_factory=dict)


class BlueprintOverride(_Model):
    """What a target changes in one blueprint."""

    tiers: dict[str, TierOverride] = Field(default_factory=dict)
    releases: dict[str, ReleaseOverride] = Field(default_factory=dict)
    cluster: ProfileConfig | None = None


class TargetFile(_Model):
    """The whole overrides file of one target."""

    kube_version: str | None = None
    cluster: ProfileConfig | None = None
    blueprints: dict[str, BlueprintOverride] = Field(default_factory=dict)


class Overrides:
    """A validated overrides file and the line of every key in it (for messages)."""

    def __init__(self, data: TargetFile, source: str, tree: Any) -> None:
        self.data = data
        self.source = source
        self._tree = tree

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The 1-based line of the deepest key of `loc` found in the file."""
        node, line = self._tree, None
        for key in loc:
            lc = getattr(node, "lc", None)
            if lc is None or not isinstance(node, dict) or key not in node:
                break
            line = lc.key(key)[0] + 1
            node = node[key]
        return line

    def where(self, *loc: str | int) -> str:
        line = self.line_of(loc)
        return f"{self.source}:{line}" if line else self.source


def _plain(node: Any) -> Any:
    """ruamel's round-trip containers and scalars -> plain dict, list, str, int, float, bool, None."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    for kind in (bool, int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def load_overrides(path: Path) -> Overrides:
    """Read and validate one overrides file (structure only; names are checked when applied)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    source = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{source}: {len(raw)} bytes is too large for an overrides file")
    try:
        tree = YAML(typ="rt", pure=True).load(raw.decode("utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{source}: not valid YAML: {exc}".replace("\n", " ")) from None
    tree = {} if tree is None else tree
    overrides = Overrides(TargetFile(), source, tree)
    if not isinstance(tree, dict):
        raise InputError(
            f"{source}: an overrides file is a mapping; allowed keys: blueprints, cluster, kube_version"
        )
    try:
        data = TargetFile.model_validate(_plain(tree))
    except ValidationError as exc:
        raise config_error(exc, TargetFile, source, overrides.line_of) from None
    return Overrides(data, source, tree)


def _unknown(where: str, path: str, kind: str, name: str, known: Sequence[str]) -> InputError:
    allowed = ", ".join(sorted(known)) or "none"
    return InputError(f"{where}: {path}: no {kind} {name!r} in this blueprint; allowed: {allowed}")


def _model_error(where: str, path: str, exc: ValidationError | BlueprintError) -> InputError:
    if isinstance(exc, BlueprintError):
        return InputError(f"{where}: {path}: {exc}")
    field, reason, value, allowed, _ = first_error(exc)
    text = f"{where}: {path}.{field}: {reason}" if field else f"{where}: {path}: {reason}"
    if value is not None:
        text += f" (got {value!r})"
    return InputError(text + (f"; allowed: {allowed}" if allowed else ""))


def _rebuilt(model: Any, updates: dict[str, Any]) -> Any:
    """`model` built again with `updates`, from the fields its author set: a field left to its default
    stays unset, so checks that only apply to what was written (`expose` without ports, `replicas` beside
    `autoscale`) judge the override as they judged the blueprint."""
    written = {key: getattr(model, key) for key in model.model_fields_set}
    return type(model)(**(written | updates))


def _tier(tier: Any, change: TierOverride, overrides: Overrides, loc: tuple[str, ...]) -> Any:
    updates: dict[str, Any] = {}
    for key in ("replicas", "image"):
        if getattr(change, key) is not None:
            updates[key] = getattr(change, key)
    if change.resources is not None:
        set_fields = {k: getattr(change.resources, k) for k in change.resources.model_fields_set}
        updates["resources"] = _rebuilt(tier.resources, set_fields)
    for key in ("env", "labels", "annotations", "suppress"):
        if getattr(change, key) is not None:
            updates[key] = dict(getattr(tier, key)) | getattr(change, key)
    if change.volumes:
        volumes = {v.name: v for v in tier.volumes}
        for name, volume in change.volumes.items():
            if name not in volumes:
                where = overrides.where(*loc, "volumes", name)
                raise _unknown(where, ".".join((*loc, "volumes", name)), "volume", name, list(volumes))
            try:
                volumes[name] = _rebuilt(volumes[name], {"size": volume.size})
            except (ValidationError, BlueprintError) as exc:
                where = overrides.where(*loc, "volumes", name, "size")
                raise _model_error(where, ".".join((*loc, "volumes", name)), exc) from None
        updates["volumes"] = tuple(volumes[v.name] for v in tier.volumes)
    try:
        return _rebuilt(tier, updates)
    except (ValidationError, BlueprintError) as exc:
        raise _model_error(overrides.where(*loc), ".".join(loc), exc) from None


def apply_overrides(spec: BlueprintSpec, change: BlueprintOverride, overrides: Overrides) -> BlueprintSpec:
    """The spec with one blueprint's overrides applied; the result is validated like any spec."""
    base = ("blueprints", spec.name)
    tiers = {t.name: t for t in spec.tiers}
    for name, tier_change in change.tiers.items():
        loc = (*base, "tiers", name)
        if name not in tiers:
            raise _unknown(overrides.where(*loc), ".".join(loc), "tier", name, list(tiers))
        tiers[name] = _tier(tiers[name], tier_change, overrides, loc)
    releases = {r.name: r for r in spec.releases}
    for name, release_change in change.releases.items():
        loc = (*base, "releases", name)
        if name not in releases:
            raise _unknown(overrides.where(*loc), ".".join(loc), "release", name, list(releases))
        releases[name] = releases[name].with_values(release_change.values)
    updates = {
        "tiers": tuple(tiers[t.name] for t in spec.tiers),
        "releases": tuple(releases[r.name] for r in spec.releases),
    }
    try:
        return BlueprintSpec.model_validate(dict(spec) | updates)
    except ValidationError as exc:
        raise _model_error(overrides.where(*base), ".".join(base), exc) from None


def check_blueprint_names(overrides: Overrides, names: Sequence[str]) -> None:
    """Refuse overrides for a blueprint the project does not have (a typo would silently do nothing)."""
    for name in overrides.data.blueprints:
        if name not in names:
            loc = ("blueprints", name)
            raise InputError(
                f"{overrides.where(*loc)}: blueprints.{name}: no blueprint {name!r} in the project; "
                f"allowed: {', '.join(sorted(names)) or 'none'}"
            )

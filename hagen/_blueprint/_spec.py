"""The Blueprint base class users subclass, and the validated spec hagen builds from it."""

from __future__ import annotations

import difflib
import inspect
import re
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, field_validator

from .._config import ConfigMap, ExternalSecret, SealedSecret
from .._errors import BlueprintError, HagenError, InputError
from .._extend import JsonPatch, StrategicMerge, as_object
from .._model import model_check
from .._names import dns1123_label
from ._container import Model
from ._ingress import Gateway
from ._messages import blueprint_error, first_error, origin, user_code_error
from ._references import check_configuration
from ._scheduling import Avoid, Colocate
from ._spec_rules import check_references
from ._tier import LabelKey, LabelValue, Tier

DnsLabel = Annotated[str, AfterValidator(dns1123_label)]
ExtraObject = Annotated[dict[str, Any], BeforeValidator(as_object)]


class BlueprintSpec(Model):
    """A blueprint, validated and frozen: the input of `synthesize`."""

    titled_errors: ClassVar[bool] = False

    name: DnsLabel = Field(
        description="Blueprint name: out/<name>/ and the app.kubernetes.io/instance label."
    )
    namespace: DnsLabel = Field(description="Namespace of every namespaced object.")
    part_of: LabelValue | None = Field(default=None, description="app.kubernetes.io/part-of; default name")
    tier_label: LabelKey = Field(default="tier", description="label key that carries the tier name")
    bare_tier_selectors: bool = Field(
        default=False,
        description="affinity selectors use only `<tier_label> In [tier]` (the seed's form) instead of also "
        "matching the blueprint's instance label; two blueprints in one namespace may then collide",
    )
    labels: dict[LabelKey, LabelValue] = Field(default_factory=dict, description="labels on every object")
    create_namespace: bool = Field(default=True, description="emit the Namespace object")
    network_policies: bool = Field(
        default=False, description="a NetworkPolicy per tier (declared paths only)"
    )
    tiers: tuple[Tier, ...] = Field(default=(), description="the tiers, in creation order")
    storage_classes: tuple[Any, ...] = Field(default=(), description="StorageClasses to emit")
    releases: tuple[Any, ...] = Field(default=(), description="Helm releases (values files)")
    csi_drivers: tuple[Any, ...] = Field(default=(), description="CSI driver add-ons: emitted or installed")
    cluster: Any = Field(default=None, description="cluster profile for placement checks")
    eks: Any = Field(
        default=None, description="hagen.EksCluster: metadata.name and region of the eksctl fragment"
    )
    cdk8s_charts: tuple[Any, ...] = Field(
        default=(), description="cdk8s Charts (or functions building one) whose objects join the output"
    )
    gateways: tuple[Gateway, ...] = Field(
        default=(), description="Gateway API Gateways the tiers' HTTPRoutes attach to"
    )
    config_maps: tuple[ConfigMap, ...] = Field(default=(), description="ConfigMaps the tiers mount or read")
    secrets: tuple[ExternalSecret | SealedSecret, ...] = Field(
        default=(), description="Secrets by reference: ExternalSecret and SealedSecret objects"
    )
    objects: tuple[ExtraObject, ...] = Field(
        default=(), description="extra objects: dicts or typed models with to_dict() (lightkube resources)"
    )
    patches: tuple[JsonPatch | StrategicMerge, ...] = Field(
        default=(), description="JSON patches and strategic merge patches on the blueprint's objects"
    )
    source: str = Field(default="", description="file the blueprint was loaded from")
    class_name: str = Field(default="", description="the Blueprint subclass")
    description: str = Field(default="", description="the class docstring")

    @model_check
    def _references(self) -> BlueprintSpec:
        names = [t.name for t in self.tiers]
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name in seen:
                raise ValueError(f"tiers[{index}].name: tier {name!r} is declared twice")
            seen.add(name)
        allowed = ", ".join(names) or "no tiers declared"
        for index, tier in enumerate(self.tiers):
            for j, verb in enumerate(tier.placement):
                if isinstance(verb, Colocate | Avoid) and verb.tier not in seen:
                    raise ValueError(
                        f"tiers[{index}].placement[{j}].tier: no tier {verb.tier!r} in this blueprint "
                        f"(tiers: {allowed})"
                    )
            for j, other in enumerate(tier.connects_to):
                if other not in seen:
                    raise ValueError(
                        f"tiers[{index}].connects_to[{j}]: no tier {other!r} in this blueprint "
                        f"(tiers: {allowed})"
                    )
        _colocation_cycle(self.tiers)
        check_references(self)
        return self

    @model_check
    def _configuration(self) -> BlueprintSpec:
        check_configuration(self)
        return self

    @field_validator("eks")
    @classmethod
    def _eks_cluster(cls, value: Any) -> Any:
        from .._storage._addons import EksCluster

        if value is None or isinstance(value, EksCluster):
            return value
        if isinstance(value, dict):
            return EksCluster.model_validate(value)
        raise ValueError(f"expected a hagen.EksCluster, got {type(value).__name__}")

    @field_validator("cluster")
    @classmethod
    def _cluster_profile(cls, value: Any) -> Any:
        if value is None:
            return None
        from .._place import ClusterProfile  # the simulator's model; loaded only when a profile is given

        if isinstance(value, ClusterProfile):
            return value
        if isinstance(value, dict):
            return ClusterProfile.model_validate(value)
        raise ValueError(f"expected a hagen.ClusterProfile, got {type(value).__name__}")

    def tier(self, name: str) -> Tier:
        """The tier called `name` (KeyError if there is none)."""
        for tier in self.tiers:
            if tier.name == name:
                return tier
        raise KeyError(name)


def _colocation_cycle(tiers: tuple[Tier, ...]) -> None:
    """Refuse hard colocate() rules that wait on each other (a -> b -> a): the first pod of each tier needs
    a running pod of the next, so the scheduler never places any of them and every pod stays Pending."""
    needs = {
        t.name: sorted({v.tier for v in t.placement if isinstance(v, Colocate) and not v.soft}) for t in tiers
    }
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in needs.get(name, []):
            if state.get(other) == 1:
                cycle = [*path[path.index(other) :], name, other] if other in path else [name, other]
                index = [t.name for t in tiers].index(cycle[0])
                raise ValueError(
                    f"tiers[{index}].placement: colocate() rules form a cycle "
                    f"({' -> '.join(repr(c) for c in cycle)}): each tier's first pod waits for a pod of "
                    "the next, so every pod stays Pending; allowed: colocate in one direction only, or "
                    "make one of the rules soft=True"
                )
            if state.get(other) is None:
                visit(other, [*path, name])
        state[name] = 2

    for tier in tiers:
        if tier.name not in state:
            visit(tier.name, [])


FIELDS = tuple(n for n in BlueprintSpec.model_fields if n not in ("source", "class_name", "description"))
# Fields a blueprint may give as a list; the frozen spec holds tuples.
_SEQUENCES = tuple(n for n in FIELDS if str(BlueprintSpec.model_fields[n].annotation).startswith("tuple"))


class Blueprint:
    """Subclass this to declare a service; set any of these as class attributes or zero-argument methods:

    name, namespace, part_of, tier_label, bare_tier_selectors, labels, create_namespace, network_policies,
    tiers, storage_classes, releases, csi_drivers, cluster, eks, cdk8s_charts, gateways, config_maps,
    secrets, objects, patches.

    `name` defaults to the class name in kebab case, `namespace` to the name. A subclass that only
    shares settings with others sets ``abstract = True`` and is not synthesized itself.
    """

    abstract = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "abstract" not in cls.__dict__:
            cls.abstract = False


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


def _call(method: Any, target: Any) -> Any:
    """A method's value; a method with a `target` parameter receives the target (None without targets)."""
    try:
        takes_target = "target" in inspect.signature(method).parameters
    except (TypeError, ValueError):  # a builtin or C callable: no introspectable signature
        takes_target = False
    return method(target=target) if takes_target else method()


def _declared(cls: type[Blueprint], target: Any = None, source: str = "") -> dict[str, Any]:
    """The spec fields a subclass (and its bases) declare; unknown public attributes are refused.

    A field given as a method is called; if it takes a `target` parameter it gets `target` (a
    hagen.Target, or None when the project has no targets).
    """
    instance = _instantiate(cls, source)
    values: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        if klass is object or klass is Blueprint:
            continue
        for attr in vars(klass):
            if attr.startswith("_") or attr == "abstract":
                continue
            if attr not in FIELDS:
                hint = difflib.get_close_matches(attr, FIELDS, n=1)
                raise BlueprintError(
                    f"unknown blueprint attribute {attr!r}"
                    + (f"; did you mean {hint[0]!r}?" if hint else ""),
                    field=attr,
                    allowed=", ".join(FIELDS),
                )
            try:
                value = getattr(instance, attr)
                values[attr] = _call(value, target) if callable(value) else value
            except (Exception, SystemExit, KeyboardInterrupt) as exc:  # the blueprint's code, not hagen's
                if isinstance(exc, HagenError):
                    raise
                where, _ = origin(exc, source or _where(cls))
                if isinstance(exc, ValidationError):
                    path, reason, bad, allowed, _ = first_error(exc, prefix=exc.title)
                    raise BlueprintError(
                        reason, file=where, blueprint=cls.__name__, field=path, value=bad, allowed=allowed
                    ) from None
                raise user_code_error(
                    exc, f"{where}: {cls.__name__}.{attr}", "when hagen read the attribute"
                ) from None
    return values


def _where(cls: type, source: str = "") -> str:
    """ "file:line" of a class definition, for messages about it."""
    try:
        return f"{source or inspect.getsourcefile(cls)}:{inspect.getsourcelines(cls)[1]}"
    except (OSError, TypeError):
        pass
    # Blueprint modules leave sys.modules once imported (isolation), so inspect cannot find the class:
    # its first top-level definition in the file names the line.
    try:
        text = Path(source).read_text(encoding="utf-8") if source else ""
    except OSError:
        text = ""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"class\s+{re.escape(cls.__name__)}\b", line):
            return f"{source}:{number}"
    return source or cls.__module__


def _instantiate(cls: type[Blueprint], source: str) -> Blueprint:
    """A Blueprint subclass is created without arguments; one whose __init__ needs some is refused."""
    try:
        inspect.signature(cls).bind()
    except TypeError as exc:
        raise InputError(
            f"{_where(cls, source)}: {cls.__name__}: a Blueprint is created without arguments, but its "
            "__init__ "
            f"needs some ({exc}); give the parameters defaults or declare settings as class attributes"
        ) from None
    try:
        return cls()
    except (Exception, SystemExit, KeyboardInterrupt) as exc:
        where, _ = origin(exc, source or _where(cls))
        raise user_code_error(exc, f"{where}: {cls.__name__}", "when hagen created the blueprint") from None


def build_spec(cls: type[Blueprint], source: str = "", target: Any = None) -> BlueprintSpec:
    """Validate a Blueprint subclass into its spec; BlueprintError names file, class, field and value.

    `target` (a hagen.Target) is passed to the methods that declare a `target` parameter.
    """
    try:
        values = _declared(cls, target, source)
    except BlueprintError as exc:
        raise exc.located(file=source, blueprint=cls.__name__) from None
    values.setdefault("name", _kebab(cls.__name__))
    values.setdefault("namespace", values["name"])
    for key in _SEQUENCES:
        if key in values and isinstance(values[key], list):
            values[key] = tuple(values[key])
    values.update(source=source, class_name=cls.__name__, description=(cls.__doc__ or "").strip())
    try:
        return BlueprintSpec.model_validate(values)
    except ValidationError as exc:
        raise blueprint_error(exc, BlueprintSpec, file=source, blueprint=cls.__name__, titled=False) from None

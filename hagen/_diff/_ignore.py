"""Ignore rules in Argo CD's ``ignoreDifferences`` shape: which objects, and which fields in them.

A rule selects objects by `group` (``""`` for the core group), `kind`, and optionally `name` and
`namespace` (``*`` matches any group or kind), and fields by `json_pointers` (RFC 6901, ``/spec/replicas``)
and `jq_path_expressions` (``.spec.template.spec.initContainers[] | select(.name == "istio-init")``,
evaluated with the `jq` library, as Argo CD's gojq does). A field change is ignored when its path is at or
under a selected field; whole objects added, removed or renamed are never ignored. Every ignored change is
counted against the rule that ignored it: nothing is hidden silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .._errors import InputError
from ._model import Change, Named, ObjectDiff, Segment

Token = str | int


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    """One ``ignoreDifferences`` entry; `label` names it in reports (``diff.ignoreDifferences[0]``)."""

    kind: str
    group: str = ""
    name: str | None = None
    namespace: str | None = None
    json_pointers: tuple[str, ...] = ()
    jq_path_expressions: tuple[str, ...] = ()
    label: str = "ignore rule"
    _programs: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    def compiled(self) -> IgnoreRule:
        """This rule with its jq expressions compiled; InputError for a bad expression or no jq library."""
        if not self.jq_path_expressions or self._programs:
            return self
        try:
            import jq
        except ImportError:
            raise InputError(
                f"{self.label}: jqPathExpressions need the jq library: pip install 'hagen[jq]'"
            ) from None
        programs = []
        for expr in self.jq_path_expressions:
            try:
                programs.append(jq.compile(f"[path({expr})]"))
            except ValueError as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else "not a jq expression"
                raise InputError(f"{self.label}: jqPathExpressions {expr!r}: {first}") from None
        return replace(self, _programs=tuple(programs))

    def selects(self, doc: Any) -> bool:
        """True when `doc` (a Kubernetes object) is one this rule is about."""
        if not isinstance(doc, dict):
            return False
        api = str(doc.get("apiVersion", ""))
        group = api.rsplit("/", 1)[0] if "/" in api else ""
        meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
        assert isinstance(meta, dict)
        return (
            self.kind in ("*", doc.get("kind"))
            and self.group in ("*", group)
            and self.name in (None, meta.get("name"))
            and self.namespace in (None, meta.get("namespace"))
        )

    def paths(self, doc: Any) -> list[tuple[Token, ...]]:
        """The concrete paths (keys and list positions) this rule selects in `doc`."""
        out = [_pointer(p, self.label) for p in self.json_pointers]
        for program in self.compiled()._programs:
            try:
                found = program.input_value(doc).first()
            except ValueError:
                continue  # a runtime error (e.g. iterating a missing field) selects nothing, as in Argo CD
            out.extend(tuple(p) for p in found or [])
        return out


def _pointer(text: str, label: str) -> tuple[Token, ...]:
    if text == "":
        return ()
    if not text.startswith("/"):
        raise InputError(f"{label}: jsonPointers {text!r}: a JSON pointer starts with '/' (RFC 6901)")
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/"))


def concrete(path: tuple[Segment, ...], doc: Any) -> tuple[Token, ...] | None:
    """`path` with named list items replaced by their positions in `doc`; None when `doc` lacks it."""
    out: list[Token] = []
    here = doc
    for seg in path:
        if isinstance(seg, Named):
            if not isinstance(here, list):
                return None
            at = next(
                (i for i, item in enumerate(here) if isinstance(item, dict) and item.get("name") == seg.name),
                None,
            )
            if at is None:
                return (*out, seg.name)
            out.append(at)
            here = here[at]
        else:
            out.append(seg)
            if isinstance(here, dict):
                here = here.get(seg)
            elif isinstance(here, list) and isinstance(seg, int) and seg < len(here):
                here = here[seg]
            else:
                here = None
    return tuple(out)


def _under(path: tuple[Token, ...] | None, prefixes: list[tuple[Token, ...]]) -> bool:
    if path is None:
        return False
    text = tuple(str(t) for t in path)
    return any(text[: len(p)] == tuple(str(t) for t in p) for p in prefixes)


def _ignored(change: Change, obj: ObjectDiff, rule: IgnoreRule, cache: dict[str, Any]) -> bool:
    if not change.path:
        return False
    sides = ("old",) if change.kind == "removed" else ("new",) if change.kind == "added" else ("old", "new")
    for side in sides:
        doc = obj.old if side == "old" else obj.new
        if side not in cache:
            cache[side] = rule.paths(doc) if rule.selects(doc) else []
        if _under(concrete(change.path, doc), cache[side]):
            return True
    return False


def apply_ignore(
    objects: Sequence[ObjectDiff], rules: Sequence[IgnoreRule]
) -> tuple[list[ObjectDiff], tuple[tuple[str, int], ...]]:
    """`objects` without the field changes the rules ignore (an object left with none is dropped), and
    (rule label, changes ignored) for every rule that ignored something, in rule order."""
    if not rules:
        return list(objects), ()
    compiled = [rule.compiled() for rule in rules]
    counts = [0] * len(compiled)
    kept: list[ObjectDiff] = []
    for obj in objects:
        if obj.status in ("added", "removed"):
            kept.append(obj)
            continue
        caches: list[dict[str, Any]] = [{} for _ in compiled]
        changes = []
        for change in obj.changes:
            hit = next((i for i, r in enumerate(compiled) if _ignored(change, obj, r, caches[i])), None)
            if hit is None:
                changes.append(change)
            else:
                counts[hit] += 1
        if len(changes) == len(obj.changes):
            kept.append(obj)
        elif any(c.path or c.kind == "moved" for c in changes):
            kept.append(replace(obj, changes=tuple(changes)))
    report = tuple((rule.label, n) for rule, n in zip(compiled, counts, strict=True) if n)
    return kept, report


def ignore_rules(entries: Sequence[Any], prefix: str = "diff.ignoreDifferences") -> list[IgnoreRule]:
    """Rules from configuration entries in Argo CD's spelling (``group``, ``kind``, ``name``, ``namespace``,
    ``jsonPointers``, ``jqPathExpressions``; attributes or mapping keys), labelled ``prefix[i] (kind name)``,
    jq expressions compiled (InputError names the rule)."""
    out = []
    for i, entry in enumerate(entries):
        get = entry.get if isinstance(entry, dict) else lambda key, e=entry: getattr(e, key, None)
        group, kind, name = get("group") or "", str(get("kind") or "*"), get("name")
        what = "/".join(p for p in (group, kind) if p) + (f" {name}" if name else "")
        rule = IgnoreRule(
            kind=kind,
            group=group,
            name=name,
            namespace=get("namespace"),
            json_pointers=tuple(get("jsonPointers") or ()),
            jq_path_expressions=tuple(get("jqPathExpressions") or ()),
            label=f"{prefix}[{i}] ({what})",
        )
        out.append(rule.compiled())
    return out

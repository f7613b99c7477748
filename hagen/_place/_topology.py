"""Topology keys no node of the cluster carries: a term or constraint on such a key silently changes
meaning (required anti-affinity restricts nothing, required affinity and DoNotSchedule spread admit no
node), so a placement reports each one as data for `hagen check` and the text report.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from ._cluster import HOSTNAME, ZONE, SimNode
from ._pod import Pod
from ._pods import Workload

REGION = "topology.kubernetes.io/region"
WELL_KNOWN = (HOSTNAME, ZONE, REGION)


@dataclass(frozen=True, slots=True)
class TopologyNote:
    """One ``topologyKey`` of a workload's pod template that no node carries as a label.

    `field` is where it is written (``podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution``,
    ``podAffinity.preferredDuringSchedulingIgnoredDuringExecution``, ``topologySpreadConstraints``, ...);
    `suggested` lists the well-known keys (``kubernetes.io/hostname``, ``topology.kubernetes.io/zone``,
    ``topology.kubernetes.io/region``), the nodes' own ones first, the closest spelling first among them.
    """

    kind: str
    workload: str
    namespace: str
    tier: str | None
    field: str
    key: str
    suggested: tuple[str, ...]
    qualified: bool = False
    """The placement's workloads span namespaces: the message names the workload ``namespace/name``."""

    @property
    def message(self) -> str:
        """One line for people: what, where, and the keys to use instead."""
        where = (
            f"{self.kind} {self.namespace}/{self.workload}"
            if self.qualified
            else f"{self.kind}/{self.workload}"
        )
        return (
            f"{where}: {self.field} uses topologyKey {self.key!r}, a label no node of "
            f"the cluster carries; well-known keys: {', '.join(self.suggested)}"
        )


def _keys(pod: Pod) -> list[tuple[str, str]]:
    req, pref = (
        "requiredDuringSchedulingIgnoredDuringExecution",
        "preferredDuringSchedulingIgnoredDuringExecution",
    )
    out = [(f"podAffinity.{req}", t.topology_key) for t in pod.affinity]
    out += [(f"podAntiAffinity.{req}", t.topology_key) for t in pod.anti]
    out += [
        (f"{'podAffinity' if w > 0 else 'podAntiAffinity'}.{pref}", t.topology_key) for w, t in pod.preferred
    ]
    out += [("topologySpreadConstraints", c.topology_key) for c in pod.spread]
    return out


def _suggest(key: str, carried: set[str]) -> tuple[str, ...]:
    ranked = sorted(WELL_KNOWN, key=lambda k: (k not in carried, WELL_KNOWN.index(k)))
    close = difflib.get_close_matches(key, ranked, n=1, cutoff=0.0)
    return tuple(dict.fromkeys([*close, *ranked])) if close and close[0] in carried else tuple(ranked)


def topology_notes(items: Sequence[Workload], nodes: Sequence[SimNode]) -> list[TopologyNote]:
    """A note per (workload, field, key) whose key no node in `nodes` carries, in workload order."""
    carried = {key for node in nodes for key in node.labels}
    qualified = len({w.namespace for w in items if w.pods}) > 1
    out: list[TopologyNote] = []
    for w in items:
        if not w.pods:
            continue
        seen: set[tuple[str, str]] = set()
        for where, key in _keys(w.pods[0]):
            if key in carried or (where, key) in seen:
                continue
            seen.add((where, key))
            suggested = _suggest(key, carried)
            out.append(TopologyNote(w.kind, w.name, w.namespace, w.tier, where, key, suggested, qualified))
    return out

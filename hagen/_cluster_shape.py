"""How many nodes and zones `--nodes N` / `--zones Z` describe, next to a declared cluster profile.

One function for both readers of the flags: `hagen place` builds its shorthand nodes from the answer
(node-1..node-N over zone-a, zone-b, ... round-robin) and `hagen check`'s static rules count topology
domains from it, so the two cannot judge different clusters. Pure: counts in, counts out.
"""

from __future__ import annotations


def effective_shape(
    nodes: int | None,
    zones: int | None,
    declared_nodes: int | None = None,
    declared_zones: int | None = None,
) -> tuple[int | None, int | None]:
    """(nodes, zones) of the cluster the flags describe; None where nothing says.

    A flag left out keeps the declared profile's count (`--nodes 2` on a 3-node, 3-zone profile means
    the same kind of nodes in the same zones, two of them); with no node count at all, `--zones Z` means
    Z nodes, one per zone. Zones are at most the nodes: a zone exists only as the
    `topology.kubernetes.io/zone` label of a node, so 2 nodes span at most 2 zones, and a rule counting
    zone domains must see 2, as the kube-scheduler (and hagen's simulator) would. A node count with no
    zone count anywhere is one zone: the shorthand nodes `hagen place` builds then all carry zone-a, so
    a rule counting zone domains sees the one the simulator places on. Counts below 1 are the caller's
    to refuse (the CLI does).
    """
    nodes = nodes if nodes is not None else declared_nodes
    zones = zones if zones is not None else declared_zones
    if nodes is None:
        nodes = zones
    elif zones is None:
        zones = 1
    if nodes is not None and zones is not None:
        zones = min(zones, nodes)
    return nodes, zones

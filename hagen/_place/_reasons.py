"""The kube-scheduler's own wording for why a node was rejected, and its "0/N nodes are available" line.

Strings are the plugins' exported reasons (interpodaffinity, podtopologyspread, nodeaffinity,
tainttoleration, noderesources, nodeunschedulable, volumebinding). The summary counts each reason over the
rejected nodes and sorts the "<count> <reason>" entries as strings, as the scheduler's FitError does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

AFFINITY = "node(s) didn't match pod affinity rules"
ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules"
EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules"
SPREAD = "node(s) didn't match pod topology spread constraints"
SPREAD_LABEL = SPREAD + " (missing required label)"
NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
UNSCHEDULABLE = "node(s) were unschedulable"
TOO_MANY_PODS = "Too many pods"
VOLUME_ZONE = "node(s) had volume node affinity conflict"


def insufficient(resource: str) -> str:
    """``Insufficient cpu`` / ``Insufficient memory``."""
    return f"Insufficient {resource}"


def untolerated_taint(key: str, value: str) -> str:
    """``node(s) had untolerated taint {key: value}``."""
    return f"node(s) had untolerated taint {{{key}: {value}}}"


def fit_error(total_nodes: int, reasons: Mapping[Any, Iterable[str]]) -> str:
    """``0/3 nodes are available: 1 node(s) didn't match pod affinity rules, 2 node(s) ...`` for a pod that
    fits nowhere; `reasons` maps each rejected node to its reasons."""
    histogram: Counter[str] = Counter()
    for node_reasons in reasons.values():
        histogram.update(node_reasons)
    return fit_counts(total_nodes, histogram)


def fit_counts(total_nodes: int, histogram: Mapping[str, int]) -> str:
    """`fit_error` from its histogram: each reason -> how many rejected nodes gave it."""
    entries = sorted(f"{n} {reason}" for reason, n in histogram.items())
    message = f"0/{total_nodes} nodes are available"
    return f"{message}: {', '.join(entries)}." if entries else f"{message}."

"""The ReadWriteOnce trap of run-to-completion pods: a Job or CronJob (a backup) mounting a claim a
long-running pod holds must run on that pod's node, or it hangs on a Multi-Attach error."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .._finding import Finding
from ._catalog import finding
from ._context import HOSTNAME_KEY, CheckContext, Workload
from ._selectors import affinity_terms


def split_runs(workloads: Sequence[Workload]) -> tuple[list[Workload], list[Workload]]:
    """(long-running workloads, Jobs and CronJobs) among the users of one claim; a claim used by runs
    only is left to the shared-claim rule as a whole."""
    long = [w for w in workloads if w.long_running]
    runs = [w for w in workloads if not w.long_running]
    return (long, runs) if long else (list(workloads), [])


def pinned_to(w: Workload, owner: Workload) -> bool:
    """`w` has a required podAffinity per node to `owner`'s pods: it runs only where one of them runs."""
    return any(
        t.required and not t.anti and t.topology_key == HOSTNAME_KEY and t.matches(w, owner)
        for t in affinity_terms(w)
    )


def runs_off_node(
    ctx: CheckContext, claim: str, owners: Sequence[Workload], runs: Sequence[Workload]
) -> Iterator[Finding]:
    """storage.rwo-job-off-node for each run not pinned to the node of every long-running user."""
    for run in runs:
        if all(pinned_to(run, owner) for owner in owners):
            continue
        names = ", ".join(f"{o.kind} {o.name}" for o in owners)
        yield finding(
            "storage.rwo-job-off-node",
            f"{run.kind} {run.name} mounts ReadWriteOnce PVC {claim}, which {names} holds; nothing keeps its "
            "pod on that node, so on any other node it hangs in ContainerCreating (Multi-Attach error)",
            ctx,
            run.obj,
        )

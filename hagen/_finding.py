"""A finding: something in a blueprint or its output that the cluster would reject, break on, or regret."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ._errors import HagenError

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding, with enough context to act on it.

    `id` is stable and dotted by area (``storage.csi-driver-missing``, ``scheduling.pending-pods``,
    ``workload.image-latest``): tiers suppress findings by it, SARIF uses it as the rule id. `file` is
    the file the object is in (out/ or a manifest read), `line` the 1-based line there where it is known
    (a schema error's field in a file on disk).
    """

    id: str
    severity: Severity
    message: str
    fix: str = ""
    blueprint: str | None = None
    tier: str | None = None
    object_id: str | None = None
    file: str | None = None
    line: int | None = None

    def at_least(self, severity: Severity) -> bool:
        """True when this finding is as severe as `severity` or more (for --fail-on)."""
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]


class BlockingFindings(HagenError):
    """Findings of severity error that stop `hagen synth` before anything is written (as schema errors do);
    `findings` lists them; `warnings`, the warnings found beside them (a report of the errors alone would
    hide them). The CLI prints one line each and exits 1."""

    def __init__(self, findings: Iterable[Finding], warnings: Iterable[Finding] = ()) -> None:
        self.findings = tuple(findings)
        self.warnings = tuple(warnings)
        super().__init__("; ".join(f"{f.id}: {f.message}" for f in self.findings))


def stop_on_errors(findings: Iterable[Finding]) -> None:
    """Raise BlockingFindings when any of `findings` is an error; return otherwise."""
    found = list(findings)
    errors = [f for f in found if f.severity == "error"]
    if errors:
        raise BlockingFindings(errors, [f for f in found if f.severity == "warning"])


def finding_sort_key(item: Finding) -> tuple[int, str, str, str, str, str]:
    """Most severe first, then id, blueprint, tier, object and message: independent of rule order."""
    return (
        -SEVERITY_RANK[item.severity],
        item.id,
        item.blueprint or "",
        item.tier or "",
        item.object_id or "",
        item.message,
    )

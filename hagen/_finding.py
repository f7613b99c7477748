"""A finding: something in a blueprint or its output that the cluster would reject, break on, or regret."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding, with enough context to act on it.

    `id` is stable and dotted by area (``storage.csi-driver-missing``, ``scheduling.pending-pods``,
    ``workload.image-latest``): tiers suppress findings by it, SARIF uses it as the rule id.
    """

    id: str
    severity: Severity
    message: str
    fix: str = ""
    blueprint: str | None = None
    tier: str | None = None
    object_id: str | None = None
    file: str | None = None

    def at_least(self, severity: Severity) -> bool:
        """True when this finding is as severe as `severity` or more (for --fail-on)."""
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]

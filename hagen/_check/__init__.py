"""`hagen check`: findings with ids for storage, scheduling and workload traps, as text, json or SARIF."""

from .._finding import SEVERITY_RANK, Finding, Severity
from ._catalog import RULES, Rule
from ._context import CheckContext, ClusterCounts, Workload
from ._report_json import json_data, json_report
from ._report_sarif import sarif_data, sarif_report
from ._report_text import finding_lines, text_report
from ._run import CheckResult, RuleFn, check, default_rules, register_rule
from ._suppress import Suppressed, apply_suppressions, suppressions_of

__all__ = [
    "RULES",
    "SEVERITY_RANK",
    "CheckContext",
    "CheckResult",
    "ClusterCounts",
    "Finding",
    "Rule",
    "RuleFn",
    "Severity",
    "Suppressed",
    "Workload",
    "apply_suppressions",
    "check",
    "default_rules",
    "finding_lines",
    "json_data",
    "json_report",
    "register_rule",
    "sarif_data",
    "sarif_report",
    "suppressions_of",
    "text_report",
]

"""Semantic drift between YAML trees: committed out/ against synthesis, two directories, two revisions.

result = diff_paths("old/", "new/")            # any Kubernetes YAML
result = diff_output(["blueprints"], "out")    # the CI drift check (nothing written)
print(format_diff(result, "human"))
result.drift                                    # exit code 1 in the CLI
obj.verdict.name                                # "in place", "rollout", "refused" or "recreate"
"""

from ._apply import apply_changes
from ._compare import compare, same
from ._engine import diff_trees
from ._format import FORMATS, format_diff
from ._format_json import SCHEMA_VERSION, to_json_data
from ._ignore import IgnoreRule, apply_ignore, ignore_rules
from ._model import Change, DiffResult, Named, ObjectDiff, path_string
from ._redact import redact
from ._resynth import diff_resynth
from ._rules_immutable import RULES, ImmutableRule, rules_markdown
from ._similar import similarity
from ._sources import diff_output, diff_paths, diff_planned, diff_revision
from ._tree import Tree, read_path, tree_from_documents
from ._verdict import FAIL_ON, VERDICTS, Refusal, Verdict, fails, judge
from ._verdict_rollout import check_rollouts

diff_fails = fails
"""True when a DiffResult fails the job at a `--fail-on` level (see FAIL_ON): `hagen diff`'s exit 1."""

__all__ = [
    "FAIL_ON",
    "FORMATS",
    "RULES",
    "SCHEMA_VERSION",
    "VERDICTS",
    "Change",
    "DiffResult",
    "IgnoreRule",
    "ImmutableRule",
    "Named",
    "ObjectDiff",
    "Refusal",
    "Tree",
    "Verdict",
    "apply_changes",
    "apply_ignore",
    "check_rollouts",
    "compare",
    "diff_fails",
    "diff_output",
    "diff_paths",
    "diff_planned",
    "diff_resynth",
    "diff_revision",
    "diff_trees",
    "fails",
    "format_diff",
    "ignore_rules",
    "judge",
    "path_string",
    "read_path",
    "redact",
    "rules_markdown",
    "same",
    "similarity",
    "to_json_data",
    "tree_from_documents",
]

"""Semantic drift between YAML trees: committed out/ against synthesis, two directories, two revisions.

result = diff_paths("old/", "new/")            # any Kubernetes YAML
result = diff_output(["blueprints"], "out")    # the CI drift check (nothing written)
print(format_diff(result, "human"))
result.drift                                    # exit code 1 in the CLI
"""

from ._apply import apply_changes
from ._compare import compare, same
from ._engine import diff_trees
from ._format import FORMATS, format_diff
from ._format_json import SCHEMA_VERSION, to_json_data
from ._model import Change, DiffResult, Named, ObjectDiff, path_string
from ._redact import redact
from ._sources import diff_output, diff_paths, diff_planned, diff_revision
from ._tree import Tree, read_path, tree_from_documents

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Change",
    "DiffResult",
    "Named",
    "ObjectDiff",
    "Tree",
    "apply_changes",
    "compare",
    "diff_output",
    "diff_paths",
    "diff_planned",
    "diff_revision",
    "diff_trees",
    "format_diff",
    "path_string",
    "read_path",
    "redact",
    "same",
    "to_json_data",
    "tree_from_documents",
]

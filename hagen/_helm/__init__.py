"""Helm releases in blueprints: typed values (the Jenkins chart), merged in a documented order, checked
against the chart's own values.yaml or values.schema.json, and the helmfile/helm commands to install them.
"""

from .._lazy import lazy_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._chart import ChartCopy, chart_copy_for, find_chart_copy, load_chart_copy
    from ._check import ValuesCheck, check_release, find_release_chart, load_release, release_values
    from ._helmfile import helmfile_document, install_command, repo_add_command, values_path
    from ._hydrate import Hydration, chart_digest, hydrate_release
    from ._jenkins import JENKINS_CHART, JENKINS_CHART_VERSION, Jenkins
    from ._jenkins_controller import Admin, Controller, Ingress
    from ._jenkins_parts import IAM_ROLE_ANNOTATION, Agent, NetworkPolicy, Persistence, Rbac, ServiceAccount
    from ._keys import check_keys
    from ._merge import Values, coalesce, deep_merge, merge_layers
    from ._names import StorageClassLike
    from ._release import Chart, HelmRelease
    from ._renames import JENKINS_RENAMES, RENAMES, Rename
    from ._render import RenderUnavailable, render_available, render_release
    from ._schema import check_schema

__getattr__ = lazy_names(
    __name__,
    {
        "._chart": "ChartCopy chart_copy_for find_chart_copy load_chart_copy",
        "._check": "ValuesCheck check_release find_release_chart load_release release_values",
        "._helmfile": "helmfile_document install_command repo_add_command values_path",
        "._hydrate": "Hydration chart_digest hydrate_release",
        "._jenkins": "JENKINS_CHART JENKINS_CHART_VERSION Jenkins",
        "._jenkins_controller": "Admin Controller Ingress",
        "._jenkins_parts": "IAM_ROLE_ANNOTATION Agent NetworkPolicy Persistence Rbac ServiceAccount",
        "._keys": "check_keys",
        "._merge": "Values coalesce deep_merge merge_layers",
        "._names": "StorageClassLike",
        "._release": "Chart HelmRelease",
        "._renames": "JENKINS_RENAMES RENAMES Rename",
        "._render": "RenderUnavailable render_available render_release",
        "._schema": "check_schema",
    },
)

__all__ = [
    "IAM_ROLE_ANNOTATION",
    "JENKINS_CHART",
    "JENKINS_CHART_VERSION",
    "JENKINS_RENAMES",
    "RENAMES",
    "Admin",
    "Agent",
    "Chart",
    "ChartCopy",
    "Controller",
    "HelmRelease",
    "Hydration",
    "Ingress",
    "Jenkins",
    "NetworkPolicy",
    "Persistence",
    "Rbac",
    "Rename",
    "RenderUnavailable",
    "ServiceAccount",
    "StorageClassLike",
    "Values",
    "ValuesCheck",
    "chart_copy_for",
    "chart_digest",
    "check_keys",
    "check_release",
    "check_schema",
    "coalesce",
    "deep_merge",
    "find_chart_copy",
    "find_release_chart",
    "helmfile_document",
    "hydrate_release",
    "install_command",
    "load_chart_copy",
    "load_release",
    "merge_layers",
    "release_values",
    "render_available",
    "render_release",
    "repo_add_command",
    "values_path",
]

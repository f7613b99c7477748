"""The GitOps hand-off: Argo CD and Flux manifests that apply out/<target>/<blueprint>/ to each cluster."""

from .._lazy import lazy_names

# Lazy: the project configuration checks its [gitops] tables with `_fields` alone; the renderers (and the
# YAML writer behind them) load only when a target's output is handed to a GitOps engine.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._argocd import argocd_files
    from ._flux import flux_files
    from ._model import Deployment, gitops_files

__getattr__ = lazy_names(
    __name__,
    {"._argocd": "argocd_files", "._flux": "flux_files", "._model": "Deployment gitops_files"},
)

__all__ = ["Deployment", "argocd_files", "flux_files", "gitops_files"]

"""The GitOps hand-off: Argo CD and Flux manifests that apply out/<target>/<blueprint>/ to each cluster."""

from ._argocd import argocd_files
from ._flux import flux_files
from ._model import Deployment, gitops_files

__all__ = ["Deployment", "argocd_files", "flux_files", "gitops_files"]

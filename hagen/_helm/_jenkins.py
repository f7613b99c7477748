"""The jenkinsci/jenkins chart as a typed release: `Jenkins(persistence=..., controller=...)`."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .._finding import Finding
from ._jenkins_controller import Controller
from ._jenkins_parts import Agent, NetworkPolicy, Persistence, Rbac, ServiceAccount
from ._merge import Values
from ._names import StorageClassLike
from ._release import Chart, HelmRelease
from ._typed import ValuesModel

JENKINS_CHART = Chart(name="jenkins", repository="https://charts.jenkins.io", alias="jenkinsci")
"""The chart's home repository, under the alias its README uses (``helm repo add jenkinsci ...``)."""
JENKINS_CHART_VERSION = "5.9.53"
"""The chart version hagen's Jenkins model was written and checked against (Jenkins 2.568.2)."""

# Top-level chart key of each typed part.
_PARTS: dict[str, str] = {
    "controller": "controller",
    "persistence": "persistence",
    "agent": "agent",
    "service_account": "serviceAccount",
    "rbac": "rbac",
    "network_policy": "networkPolicy",
}


# Where an admin password sits in values files of chart 5 and of older charts.
_PASSWORD_PATHS = ("controller.admin.password", "controller.adminPassword", "master.adminPassword")


def _get(values: Values, path: str) -> Any:
    node: Any = values
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


class Jenkins(HelmRelease):
    """Jenkins from the jenkinsci/jenkins chart, with typed values for the keys users set.

    The seed's install, ``helm install jenkins jenkinsci/jenkins -n jenkins -f jenkins-values.yaml``, is
    ``Jenkins(persistence=Persistence(storage_class=gp3), controller=Controller(service_type="LoadBalancer",
    service_port=8080))``.
    """

    name: str = "jenkins"
    namespace: str = "jenkins"
    chart: Chart = JENKINS_CHART
    version: str = JENKINS_CHART_VERSION
    controller: Controller | None = None
    """``controller.*``: image, Service, plugins, JCasC, admin Secret, ingress, placement."""
    persistence: Persistence | None = None
    """``persistence.*``: the JENKINS_HOME volume and its StorageClass."""
    agent: Agent | None = None
    """``agent.*``: the default agent pod template."""
    service_account: ServiceAccount | None = Field(default=None)
    """``serviceAccount.*``, with the IAM role annotation."""
    rbac: Rbac | None = None
    """``rbac.*``."""
    network_policy: NetworkPolicy | None = None
    """``networkPolicy.*``."""

    def typed_values(self) -> Values:
        """The chart values the typed parts set, in chart order; nothing the user did not set."""
        values: Values = {}
        for field, key in _PARTS.items():
            part = getattr(self, field)
            if isinstance(part, ValuesModel):
                nested = part.chart_values()
                if nested:
                    values[key] = nested
        return values

    def pinning_keys(self) -> dict[str, str]:
        """templates/secret.yaml makes the admin password with randAlphaNum unless a Secret is named."""
        return {"templates/secret.yaml": "controller.admin.existingSecret"}

    def known_keys(self) -> Values:
        """Every key the typed parts can write (checks values when no chart copy is found)."""
        return {key: _part_type(field).key_tree() for field, key in _PARTS.items()}

    def storage_classes(self) -> tuple[StorageClassLike, ...]:
        """The home volume's StorageClass, which the blueprint must synthesize too."""
        if self.persistence is not None and self.persistence.storage_class is not None:
            return (self.persistence.storage_class,)
        return ()

    def review(self, values: Values) -> list[Finding]:
        """No plain-text admin password in out/; say why an admin Secret matters when there is none."""
        findings: list[Finding] = []
        if any(_get(values, path) for path in _PASSWORD_PATHS):
            findings.append(
                Finding(
                    id="helm.plaintext-secret",
                    severity="error",
                    message=f"release {self.name}: an admin password in the values would be written in plain "
                    "text to out/ (and to git)",
                    fix="remove it; create a Secret with the admin user and password and set "
                    "Controller(admin=Admin(existing_secret=NAME))",
                )
            )
        if not _get(values, "controller.admin.existingSecret"):
            findings.append(
                Finding(
                    id="helm.random-admin-password",
                    severity="warning",
                    message=f"release {self.name}: no controller.admin.existingSecret, so the chart "
                    "generates a random admin password on every render and every diff of the rendered "
                    "objects shows a changed Secret",
                    fix="create a Secret with jenkins-admin-user and jenkins-admin-password and set "
                    "Controller(admin=Admin(existing_secret=NAME))",
                )
            )
        return findings


def _part_type(field: str) -> type[ValuesModel]:
    annotation = Jenkins.model_fields[field].annotation
    for candidate in getattr(annotation, "__args__", (annotation,)):
        if isinstance(candidate, type) and issubclass(candidate, ValuesModel):
            return candidate
    raise TypeError(field)  # pragma: no cover - every part is a ValuesModel

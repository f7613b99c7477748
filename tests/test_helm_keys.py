"""Values keys checked against a chart's values.yaml: unknown keys, renamed keys, free-form maps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hagen._finding import Finding
from hagen._helm import (
    JENKINS_RENAMES,
    Admin,
    Agent,
    Controller,
    Ingress,
    Jenkins,
    NetworkPolicy,
    Persistence,
    Rbac,
    ServiceAccount,
    check_keys,
    check_release,
    load_chart_copy,
)
from hagen._storage import StorageClass
from tests.conftest import REFERENCE

JENKINS_CHART_DIR = REFERENCE / "jenkins-chart"

CHART: dict[str, Any] = {
    "persistence": {"enabled": True, "storageClass": None, "size": "8Gi", "annotations": {}},
    "controller": {
        "serviceType": "ClusterIP",
        "servicePort": 8080,
        "image": {"repository": "jenkins/jenkins", "tag": None},
        "resources": {"requests": {"cpu": "50m"}},
        "podAnnotations": {},
        "tolerations": [],
    },
    "rbac": {"create": True},
    "agent": {"image": {"repository": "jenkins/inbound-agent", "tag": "1"}, "namespace": None},
}


def ids_and_messages(values: dict[str, Any], reference: dict[str, Any] = CHART) -> list[tuple[str, str]]:
    findings = check_keys(values, reference, chart="chart jenkins 5.9.53", renames=JENKINS_RENAMES)
    return [(f.id, f.message) for f in findings]


def test_known_keys_pass() -> None:
    assert (
        ids_and_messages(
            {"persistence": {"storageClass": "gp3"}, "controller": {"serviceType": "LoadBalancer"}}
        )
        == []
    )


@pytest.mark.parametrize(
    ("values", "suggestion"),
    [
        ({"persistence": {"storageclass": "gp3"}}, "persistence.storageClass"),
        ({"persistance": {"storageClass": "gp3"}}, "persistence"),
        ({"controller": {"serviceTpye": "LoadBalancer"}}, "controller.serviceType"),
        ({"storageClass": "gp3"}, "persistence.storageClass"),
    ],
)
def test_unknown_key_names_the_closest_valid_key(values: dict[str, Any], suggestion: str) -> None:
    ((finding_id, message),) = ids_and_messages(values)
    assert finding_id == "helm.unknown-key"
    assert message.endswith(f"did you mean {suggestion}?")


def test_unknown_key_without_a_close_match_says_so_plainly() -> None:
    ((_, message),) = ids_and_messages({"zzzqqq": 1})
    assert message == "zzzqqq is not a key of chart jenkins 5.9.53; Helm would silently ignore it"


@pytest.mark.parametrize(
    ("values", "old", "new"),
    [
        ({"master": {"serviceType": "LoadBalancer"}}, "master.serviceType", "controller.serviceType"),
        (
            {"master": {"slaveListenerPort": 50000}},
            "master.slaveListenerPort",
            "controller.agentListenerPort",
        ),
        (
            {"master": {"slaveKubernetesNamespace": "ci"}},
            "master.slaveKubernetesNamespace",
            "agent.namespace",
        ),
        ({"controller": {"tag": "2.4"}}, "controller.tag", "controller.image.tag"),
        (
            {"controller": {"imagePullPolicy": "Always"}},
            "controller.imagePullPolicy",
            "controller.image.pullPolicy",
        ),
        ({"controller": {"adminUsername": "me"}}, "controller.adminUsername", "controller.admin.username"),
        ({"controller": {"adminSecret": True}}, "controller.adminSecret", "controller.admin.createSecret"),
        ({"master": {"adminPassword": "x"}}, "master.adminPassword", "controller.admin.password"),
        ({"controller": {"image": "jenkins/jenkins"}}, "controller.image", "controller.image.repository"),
        ({"agent": {"image": "jenkins/inbound-agent"}}, "agent.image", "agent.image.repository"),
        ({"agent": {"tag": "1"}}, "agent.tag", "agent.image.tag"),
        ({"rbac": {"install": True}}, "rbac.install", "rbac.create"),
    ],
)
def test_renamed_key_names_its_new_path(values: dict[str, Any], old: str, new: str) -> None:
    ((finding_id, message),) = ids_and_messages(values)
    assert finding_id == "helm.renamed-key"
    assert message.startswith(old) and new in message


def test_removed_keys_are_named() -> None:
    ((finding_id, message),) = ids_and_messages({"backup": {"enabled": True}})
    assert finding_id == "helm.removed-key" and "backup.* was removed in chart 5.0" in message


def test_renames_apply_only_where_the_chart_lacks_the_key() -> None:
    # the image as a mapping is the current form; a key the chart has is never reported as renamed
    assert ids_and_messages({"controller": {"image": {"tag": "2.5"}}}) == []
    assert ids_and_messages({"controller": {"tag": "2.4"}}, {"controller": {"tag": None}}) == []


def test_free_form_maps_accept_anything_below() -> None:
    values = {
        "persistence": {"annotations": {"any/key": "v"}, "storageClass": {"odd": "but null default"}},
        "controller": {
            "resources": {"limits": {"ephemeral-storage": "1Gi"}},  # example default, Kubernetes fragment
            "podAnnotations": {"a": "b"},
            "tolerations": [{"key": "k"}],
        },
    }
    assert ids_and_messages(values) == []


def test_null_deletes_a_default_mapping_without_complaint() -> None:
    assert ids_and_messages({"controller": {"image": None}}) == []


def test_scalar_where_the_chart_has_a_mapping_is_reported() -> None:
    ((finding_id, message),) = ids_and_messages({"rbac": "yes"})
    assert finding_id == "helm.value-shape" and "rbac is a mapping" in message


def test_without_a_chart_copy_the_model_keys_are_used_and_that_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = Jenkins(values={"controller": {"serviceTpye": "LoadBalancer", "javaOpts": "-Xmx1g"}})
    result = check_release(release, tmp_path)
    assert "no copy of chart jenkins 5.9.53 found" in result.checked_against
    by_id: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_id.setdefault(f.id, []).append(f)
    assert {f.severity for f in by_id["helm.unknown-key"]} == {"warning"}
    assert any("did you mean controller.serviceType" in f.message for f in by_id["helm.unknown-key"])
    assert by_id["helm.chart-not-found"][0].severity == "info"
    assert "helm pull jenkinsci/jenkins --version 5.9.53" in by_id["helm.chart-not-found"][0].fix
    # The missing copy is said once in the finding.
    assert by_id["helm.chart-not-found"][0].message == (
        "release jenkins: no local copy of chart jenkins 5.9.53, so its values were checked against "
        "the keys hagen's Jenkins model knows"
    )


# --- the real chart's values.yaml (read from the reference folder, never copied into the repo) ---


@pytest.fixture(scope="module")
def jenkins_chart() -> dict[str, Any]:
    if not (JENKINS_CHART_DIR / "values.yaml").is_file():
        pytest.skip("the jenkins chart's values.yaml is not beside the repository")
    copy = load_chart_copy(JENKINS_CHART_DIR)
    assert (copy.name, copy.version, copy.schema) == ("jenkins", "5.9.53", None)
    return copy.values


def test_every_key_the_typed_model_can_write_exists_in_the_chart(jenkins_chart: dict[str, Any]) -> None:
    tree = Jenkins().known_keys()
    assert check_keys(tree, jenkins_chart, chart="chart jenkins 5.9.53") == []


def test_a_fully_typed_jenkins_fits_the_chart(jenkins_chart: dict[str, Any]) -> None:
    release = Jenkins(
        chart_path=str(JENKINS_CHART_DIR),
        controller=Controller(
            image_tag="2.568.2-jdk21",
            service_type="LoadBalancer",
            service_port=8080,
            target_port=8080,
            service_annotations={"service.beta.kubernetes.io/aws-load-balancer-type": "nlb"},
            load_balancer_source_ranges=("10.0.0.0/8",),
            resources={"requests": {"cpu": "500m", "memory": "2Gi"}, "limits": {"memory": "4Gi"}},
            install_plugins=("kubernetes:4540.v612369217f87", "git:5.10.1"),
            additional_plugins=("prometheus:819.v50953a_c560dd",),
            jcasc_config_scripts={"welcome": "jenkins:\n  systemMessage: hello\n"},
            admin=Admin(existing_secret="jenkins-admin", user_key="user", password_key="password"),
            ingress=Ingress(
                host_name="jenkins.example.com", ingress_class_name="alb", path="/", annotations={}
            ),
            node_selector={"kubernetes.io/os": "linux"},
            tolerations=({"key": "ci", "operator": "Exists"},),
            affinity={"nodeAffinity": {}},
        ),
        persistence=Persistence(
            enabled=True,
            storage_class=StorageClass(name="gp3"),
            size="20Gi",
            access_mode="ReadWriteOnce",
            annotations={"a": "b"},
        ),
        agent=Agent(
            enabled=True,
            image_repository="jenkins/inbound-agent",
            image_tag="1",
            namespace="ci",
            resources={"limits": {"cpu": "1"}},
            container_cap=5,
            node_selector={"pool": "ci"},
        ),
        service_account=ServiceAccount(
            create=True, name="jenkins", role_arn="arn:aws:iam::123456789012:role/j"
        ),
        rbac=Rbac(create=True, read_secrets=False),
        network_policy=NetworkPolicy(enabled=True),
    )
    result = check_release(release, Path("/"))
    assert result.checked_against.startswith("values.yaml of chart jenkins 5.9.53")
    assert [f for f in result.findings if f.severity != "info"] == []


def test_the_real_chart_catches_an_old_values_file(jenkins_chart: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "old-values.yaml").write_text(
        "master:\n  serviceType: LoadBalancer\n  adminPassword: hunter2\npersistence:\n  storageclass: gp3\n"
    )
    release = Jenkins(values_files=("old-values.yaml",), chart_path=str(JENKINS_CHART_DIR))
    messages = [f.message for f in check_release(release, tmp_path).errors]
    assert any("master.serviceType was renamed to controller.serviceType" in m for m in messages)
    assert any("did you mean persistence.storageClass?" in m for m in messages)
    assert any("plain text" in m for m in messages)

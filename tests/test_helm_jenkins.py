"""The typed Jenkins release: the seed's values, the EFS refusal, secrets, plugins, identity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from hagen._errors import BlueprintError, ChartError
from hagen._helm import (
    IAM_ROLE_ANNOTATION,
    Admin,
    Agent,
    Controller,
    Ingress,
    Jenkins,
    Persistence,
    ServiceAccount,
    check_release,
    release_values,
)
from hagen._storage import EfsStorageClass, StorageClass
from tests.conftest import DATA

gp3 = StorageClass(name="gp3")


def seed_jenkins(**fields: Any) -> Jenkins:
    return Jenkins(
        persistence=Persistence(storage_class=gp3),
        controller=Controller(service_type="LoadBalancer", service_port=8080),
        **fields,
    )


def test_seed_values_are_exactly_the_seed_file() -> None:
    target = yaml.safe_load((DATA / "seed-target.yaml").read_text())["jenkins-values.yaml"]
    assert seed_jenkins().merged_values(Path(".")) == target


def test_defaults_are_the_seed_install() -> None:
    j = seed_jenkins()
    assert (j.name, j.namespace, j.chart.reference, j.version) == (
        "jenkins",
        "jenkins",
        "jenkinsci/jenkins",
        "5.9.53",
    )
    assert j.chart.repository == "https://charts.jenkins.io"


def test_nothing_the_user_did_not_set() -> None:
    assert Jenkins().merged_values(Path(".")) == {}
    assert Jenkins(controller=Controller(), persistence=Persistence()).merged_values(Path(".")) == {}


def test_the_storage_class_object_is_reported_for_synthesis() -> None:
    assert seed_jenkins().storage_classes() == (gp3,)
    assert Jenkins().storage_classes() == ()


def test_jenkins_home_on_efs_is_refused_with_the_seed_story() -> None:
    efs = EfsStorageClass(name="efs", file_system_id="fs-12345678")
    with pytest.raises(BlueprintError) as info:
        Jenkins(persistence=Persistence(storage_class=efs))
    message = str(info.value)
    for part in (
        "'efs'",
        "shared mount point",
        "uid/fsGroup 1000",
        "access points force",
        "small-file",
        "gp3",
    ):
        assert part in message


def test_shared_access_modes_are_refused() -> None:
    with pytest.raises(BlueprintError, match="shared storage"):
        Persistence(access_mode="ReadWriteMany")


def test_a_class_name_string_is_refused() -> None:
    with pytest.raises(BlueprintError, match="takes the StorageClass object"):
        Persistence(storage_class="gp3")


def test_admin_password_is_refused_and_secret_is_required() -> None:
    with pytest.raises(BlueprintError, match="plain text"):
        Admin(existing_secret="jenkins-admin", password="hunter2")  # type: ignore[call-arg]
    with pytest.raises(BlueprintError, match="random password on every render"):
        Admin()  # type: ignore[call-arg]
    values = Controller(admin=Admin(existing_secret="jenkins-admin", password_key="pw")).chart_values()
    assert values == {"admin": {"existingSecret": "jenkins-admin", "passwordKey": "pw"}}


def test_a_password_in_free_form_values_stops_the_write() -> None:
    release = seed_jenkins(values={"controller": {"admin": {"password": "hunter2"}}})
    with pytest.raises(ChartError, match="plain text"):
        release_values(release, Path("."))


def test_no_admin_secret_is_a_warning_that_says_why() -> None:
    findings = {f.id: f for f in check_release(seed_jenkins(), Path(".")).findings}
    assert findings["helm.random-admin-password"].severity == "warning"
    assert "random admin password on every render" in findings["helm.random-admin-password"].message
    with_secret = seed_jenkins(values={"controller": {"admin": {"existingSecret": "s"}}})
    assert "helm.random-admin-password" not in {f.id for f in check_release(with_secret, Path(".")).findings}


@pytest.mark.parametrize("plugin", ["git", "git:", "git 5.0", ":1.0"])
def test_plugins_need_name_and_version(plugin: str) -> None:
    with pytest.raises(BlueprintError, match="name:version"):
        Controller(install_plugins=(plugin,))


def test_duplicate_plugins_are_refused() -> None:
    with pytest.raises(BlueprintError, match="listed twice"):
        Controller(install_plugins=("git:5.10.1", "git:5.9.0"))


def test_install_plugins_may_be_false() -> None:
    assert Controller(install_plugins=False).chart_values() == {"installPlugins": False}


def test_jcasc_scripts_must_be_yaml_mappings() -> None:
    ok = Controller(jcasc_config_scripts={"welcome": "jenkins:\n  systemMessage: hi\n"})
    assert ok.chart_values() == {"JCasC": {"configScripts": {"welcome": "jenkins:\n  systemMessage: hi\n"}}}
    with pytest.raises(BlueprintError, match="one YAML mapping"):
        Controller(jcasc_config_scripts={"welcome": "- a list"})


def test_service_account_role_arn_becomes_the_irsa_annotation() -> None:
    arn = "arn:aws:iam::123456789012:role/jenkins"
    sa = ServiceAccount(create=True, role_arn=arn, annotations={"team": "ci"})
    assert sa.chart_values() == {"create": True, "annotations": {"team": "ci", IAM_ROLE_ANNOTATION: arn}}
    with pytest.raises(BlueprintError, match="not an IAM role ARN"):
        ServiceAccount(role_arn="jenkins-role")


def test_typed_parts_write_the_chart_key_paths() -> None:
    j = Jenkins(
        controller=Controller(
            image_tag="2.568.2-jdk21",
            load_balancer_source_ranges=("10.0.0.0/8",),
            resources={"requests": {"cpu": "500m", "memory": "1Gi"}},
            ingress=Ingress(host_name="jenkins.example.com"),
        ),
        agent=Agent(image_tag="3385.vf1123fb_515da_-1", container_cap=4),
    )
    assert j.merged_values(Path(".")) == {
        "controller": {
            "image": {"tag": "2.568.2-jdk21"},
            "loadBalancerSourceRanges": ["10.0.0.0/8"],
            "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}},
            "ingress": {"enabled": True, "hostName": "jenkins.example.com"},
        },
        "agent": {"image": {"tag": "3385.vf1123fb_515da_-1"}, "containerCap": 4},
    }


@pytest.mark.parametrize(
    ("model", "fields", "match"),
    [
        (Controller, {"resources": {"requests": {"cpu": "lots"}}}, "is not a quantity"),
        (Controller, {"resources": {"limit": {"cpu": "1"}}}, "'requests' or 'limits'"),
        (Controller, {"load_balancer_source_ranges": ("10.0.0.1/8",)}, "not a CIDR"),
        (Controller, {"service_port": 70000}, "less than or equal"),
        (Controller, {"service_type": "External"}, "ClusterIP"),
        (Persistence, {"size": "8 GB"}, "is not a quantity"),
    ],
)
def test_bad_values_are_refused_at_declaration(model: Any, fields: dict[str, Any], match: str) -> None:
    with pytest.raises(BlueprintError, match=match):
        model(**fields)

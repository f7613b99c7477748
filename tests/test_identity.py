"""A ServiceAccount per tier: IRSA annotation or EKS Pod Identity, the eksctl fragment's IAM entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import hagen
from hagen import Identity
from tests._service import objects_of, pod, write_blueprint
from tests.conftest import REFERENCE

ROLE = "arn:aws:iam::123456789012:role/app-web"
POLICY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
EKSCTL_SCHEMA = REFERENCE / "schemas" / "eksctl-clusterconfig-v1alpha5.schema.json"


def _synth(tmp_path: Path, identity: str, extra: str = "") -> hagen.Synthesis:
    path = write_blueprint(
        tmp_path,
        f"""
        from hagen import EksCluster
        class App(Blueprint):
            eks = EksCluster(name="prod", region="eu-west-1")
            tiers = [Tier(name="web", image="registry.example.com/app:1.0.0", identity={identity}{extra})]
        """,
    )
    (spec,) = hagen.load_blueprints([path])
    return hagen.synthesize(spec)


def _by_id(synthesis: hagen.Synthesis) -> dict[str, dict[str, Any]]:
    return {hagen.object_id(o): o for o in synthesis.objects}


def test_irsa_annotation_and_no_token(tmp_path: Path) -> None:
    synthesis = _synth(tmp_path, f'Identity(role_arn="{ROLE}")')
    objects = _by_id(synthesis)
    account = objects["core.ServiceAccount.app.web"]
    assert account["metadata"]["annotations"] == {"eks.amazonaws.com/role-arn": ROLE}
    assert account["automountServiceAccountToken"] is False
    spec = pod(objects, "web")["spec"]
    assert spec["serviceAccountName"] == "web" and spec["automountServiceAccountToken"] is False
    assert synthesis.extras == {}  # an existing role: nothing for eksctl to create


def test_token_mounted_only_when_the_tier_asks(tmp_path: Path) -> None:
    objects = _by_id(_synth(tmp_path, "Identity()", ", service_account_token=True"))
    assert pod(objects, "web")["spec"]["automountServiceAccountToken"] is True
    assert "annotations" not in objects["core.ServiceAccount.app.web"]["metadata"]


def test_irsa_role_created_by_eksctl_is_listed(tmp_path: Path) -> None:
    synthesis = _synth(tmp_path, f'Identity(role_arn="{ROLE}", attach_policy_arns=["{POLICY}"])')
    assert synthesis.extras["cluster/eksctl-addons.yaml"] == {
        "apiVersion": "eksctl.io/v1alpha5",
        "kind": "ClusterConfig",
        "metadata": {"name": "prod", "region": "eu-west-1"},
        "iam": {
            "withOIDC": True,
            "serviceAccounts": [
                {
                    "metadata": {"name": "web", "namespace": "app"},
                    "roleName": "app-web",
                    "roleOnly": True,
                    "attachPolicyARNs": [POLICY],
                }
            ],
        },
    }


def test_pod_identity_association_and_its_agent(tmp_path: Path) -> None:
    synthesis = _synth(tmp_path, f'Identity(name="reader", pod_identity=True, role_arn="{ROLE}")')
    fragment = synthesis.extras["cluster/eksctl-addons.yaml"]
    assert fragment["iam"]["podIdentityAssociations"] == [
        {"namespace": "app", "serviceAccountName": "reader", "roleARN": ROLE, "createServiceAccount": False}
    ]
    assert fragment["addons"] == [{"name": "eks-pod-identity-agent"}]
    account = _by_id(synthesis)["core.ServiceAccount.app.reader"]
    assert "annotations" not in account["metadata"]  # no IRSA annotation with Pod Identity


def test_fragment_fits_eksctls_schema(tmp_path: Path) -> None:
    if not EKSCTL_SCHEMA.is_file():
        pytest.skip("the eksctl ClusterConfig schema is not in the reference folder")
    jsonschema = pytest.importorskip("jsonschema")  # jsonschema-rs refuses the schema's own $ref names

    validator = jsonschema.Draft7Validator(json.loads(EKSCTL_SCHEMA.read_text()))
    for identity in (
        f'Identity(role_arn="{ROLE}", attach_policy_arns=["{POLICY}"])',
        f'Identity(pod_identity=True, role_name="r", attach_policy_arns=["{POLICY}"])',
    ):
        fragment = _synth(tmp_path, identity).extras["cluster/eksctl-addons.yaml"]
        config = dict(fragment)
        errors = [e.message for e in validator.iter_errors(config)]
        assert errors == [], errors
    config["iam"] = {**config["iam"], "podIdentityAssociation": []}  # a misspelt key is caught
    assert list(validator.iter_errors(config))


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"role_arn": "arn:aws:iam::123:role/x"}, "not an IAM role ARN"),
        ({"role_arn": "app-web"}, "not an IAM role ARN"),
        ({"role_arn": ROLE, "attach_policy_arns": ["AmazonS3ReadOnlyAccess"]}, "not an IAM policy ARN"),
        ({"attach_policy_arns": [POLICY]}, "needs role_arn"),
        ({"pod_identity": True}, "needs role_arn or attach_policy_arns"),
        ({"pod_identity": True, "role_arn": ROLE, "attach_policy_arns": [POLICY]}, "not both"),
        ({"role_arn": ROLE, "role_name": "x"}, "role_name is for pod_identity"),
        ({"name": "Web"}, "DNS-1123"),
    ],
)
def test_identity_refusals(kwargs: dict[str, Any], expected: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=expected):
        Identity(**kwargs)


def test_two_tiers_one_account_name_different_roles_refused(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        f"""
        class App(Blueprint):
            tiers = [Tier(name="a", image="registry.example.com/app:1.0.0", identity=Identity(name="sa")),
                     Tier(name="b", image="registry.example.com/app:1.0.0",
                          identity=Identity(name="sa", role_arn="{ROLE}"))]
        """,
    )
    with pytest.raises(hagen.BlueprintError, match=r"tiers\[1\].identity: ServiceAccount 'sa'"):
        hagen.load_blueprints([path])


def test_shared_identity_is_one_service_account(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        """
        shared = Identity(name="sa")
        class App(Blueprint):
            tiers = [Tier(name="a", image="registry.example.com/app:1.0.0", identity=shared),
                     Tier(name="b", image="registry.example.com/app:1.0.0", identity=shared)]
        """,
    )
    accounts = [i for i in objects_of(path) if ".ServiceAccount." in i]
    assert accounts == ["core.ServiceAccount.app.sa"]


def test_iam_roles_to_create_need_the_clusters_name(tmp_path: Path) -> None:
    path = write_blueprint(
        tmp_path,
        f"""
        class App(Blueprint):
            tiers = [Tier(name="web", image="registry.example.com/app:1.0.0",
                          identity=Identity(pod_identity=True, attach_policy_arns=["{POLICY}"]))]
        """,
    )
    (spec,) = hagen.load_blueprints([path])
    with pytest.raises(hagen.BlueprintError) as info:
        hagen.synthesize(spec)
    message = str(info.value)
    assert "app.py: App: eks:" in message
    assert "the IAM roles (podIdentityAssociations)" in message and "EksCluster" in message

"""Golden output of the storage pieces: the seed's gp3 class, per-replica claims, a shared EFS claim.

Regenerate after an intended change with
``make golden`` and review the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hagen._storage import (
    CsiDriver,
    EfsStorageClass,
    EksCluster,
    StorageClass,
    Volume,
    cluster_fragment,
    plan_storage,
)
from hagen._yaml import dump_documents, load_documents

GOLDEN = Path(__file__).parent / "data" / "storage"

GP3 = StorageClass(name="gp3")
FAST = StorageClass(
    name="gp3-fast",
    iops=6000,
    throughput=500,
    encrypted=True,
    tags={"team": "platform", "pvc": "{{ .PVCNamespace }}/{{ .PVCName }}"},
    allow_volume_expansion=True,
    allowed_zones=("ap-northeast-2a", "ap-northeast-2c"),
    default_class=True,
)
EFS = EfsStorageClass(
    name="efs-shared", file_system_id="fs-0123abcd", uid=1000, gid=1000, base_path="/shared"
)


def per_replica() -> list[dict[str, Any]]:
    """A three-replica tier with its own gp3 volume each: the StatefulSet's volumeClaimTemplates."""
    data = Volume(name="data", size="20Gi", mount_path="/var/lib/data", storage_class=FAST)
    plan = plan_storage([data], replicas=3)
    assert plan.kind == "StatefulSet"
    return [
        FAST.to_object(),
        {"volumeClaimTemplates": [v.claim_template() for v in plan.templates]},
        {"volumeMounts": [data.volume_mount()]},
    ]


def shared_efs() -> list[dict[str, Any]]:
    """A four-replica tier sharing one EFS volume: one ReadWriteMany PVC mounted by every pod."""
    content = Volume(name="content", size="5Gi", mount_path="/srv/www", storage_class=EFS, access="shared")
    plan = plan_storage([content], replicas=4)
    assert plan.kind == "Deployment"
    return [
        EFS.to_object(),
        content.claim("web-content", "web"),
        {"volumes": [content.pod_volume("web-content")], "volumeMounts": [content.volume_mount()]},
    ]


CASES: dict[str, Callable[[], list[Any]]] = {
    "seed-gp3.yaml": lambda: [GP3.to_object()],
    "per-replica.yaml": per_replica,
    "shared-efs.yaml": shared_efs,
    "eksctl-addons.yaml": lambda: [
        cluster_fragment(
            [GP3, EFS],
            [CsiDriver(), CsiDriver(addon="aws-efs-csi-driver")],
            EksCluster(name="finalproject", region="ap-northeast-2"),
        )
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    text = dump_documents(CASES[name]())
    path = GOLDEN / name
    if os.environ.get("HAGEN_UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()
    assert load_documents(text) == CASES[name]()


@pytest.mark.parametrize("name", sorted(set(CASES) - {"eksctl-addons.yaml"}))
def test_kubernetes_objects_pass_the_openapi_schema(name: str) -> None:
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    for obj in CASES[name]():
        if "kind" in obj:  # the fragments without a kind are pieces of a pod spec, not objects
            kubernetes_validate.validate(obj, "1.33", strict=True)


def test_schema_check_can_fail() -> None:
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    bad = GP3.to_object() | {"reclaimPolicy": 7}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, "1.33", strict=True)

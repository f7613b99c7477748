"""EfsStorageClass: parameters, rendering and checks."""

from __future__ import annotations

import pytest

from hagen._errors import BlueprintError
from hagen._storage import EfsStorageClass


def test_minimal_efs_class() -> None:
    sc = EfsStorageClass(name="efs-sc", file_system_id="fs-0123abcd")
    assert sc.to_object() == {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": {"name": "efs-sc"},
        "provisioner": "efs.csi.aws.com",
        "parameters": {"provisioningMode": "efs-ap", "fileSystemId": "fs-0123abcd", "directoryPerms": "700"},
        "reclaimPolicy": "Delete",
    }
    assert sc.shared_access is True
    assert "ReadWriteMany" in sc.access_modes


def test_full_efs_class_renders_strings() -> None:
    sc = EfsStorageClass(
        name="shared",
        file_system_id="fs-0123456789abcdef0",
        directory_perms="0750",
        uid=1000,
        gid=1000,
        base_path="/dynamic",
        reclaim_policy="Retain",
        volume_binding_mode="Immediate",
        default_class=True,
    )
    obj = sc.to_object()
    assert obj["parameters"] == {
        "provisioningMode": "efs-ap",
        "fileSystemId": "fs-0123456789abcdef0",
        "directoryPerms": "0750",
        "uid": "1000",
        "gid": "1000",
        "basePath": "/dynamic",
    }
    assert obj["volumeBindingMode"] == "Immediate"
    assert obj["metadata"]["annotations"] == {"storageclass.kubernetes.io/is-default-class": "true"}


@pytest.mark.parametrize(
    "fs_id", ["fs-123", "fs-0123ABCD", "0123abcd", "fs-0123abcde", "fs-0123456789abcdef"]
)
def test_bad_file_system_ids(fs_id: str) -> None:
    with pytest.raises(BlueprintError, match="not an EFS file system id"):
        EfsStorageClass(name="e", file_system_id=fs_id)


@pytest.mark.parametrize("perms", ["800", "77", "rwx", "07777"])
def test_bad_directory_perms(perms: str) -> None:
    with pytest.raises(BlueprintError, match="octal mode"):
        EfsStorageClass(name="e", file_system_id="fs-0123abcd", directory_perms=perms)


def test_base_path_must_be_absolute() -> None:
    with pytest.raises(BlueprintError, match="absolute path"):
        EfsStorageClass(name="e", file_system_id="fs-0123abcd", base_path="dynamic")

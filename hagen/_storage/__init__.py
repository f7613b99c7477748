"""Storage as typed, checked declarations: EBS and EFS StorageClasses, tier volumes, CSI add-ons.

StorageClass(name="gp3")                    # the seed's class: gp3, ext4, Delete, WaitForFirstConsumer
Volume(name="home", size="20Gi", mount_path="/var/jenkins_home", storage_class=gp3)
CsiDriver(addon="aws-ebs-csi-driver")       # emit the eksctl add-on fragment with its IAM role
"""

from __future__ import annotations

from hagen._storage._addons import CsiDriver, EksCluster, cluster_fragment
from hagen._storage._collect import collect_classes
from hagen._storage._ebs import EBS_PROVISIONER, StorageClass
from hagen._storage._efs import EFS_PROVISIONER, EfsStorageClass
from hagen._storage._findings import storage_findings
from hagen._storage._limits import DEFAULT_LIMIT_SET, LIMIT_SETS, LimitSet, VolumeLimits, limits_for
from hagen._storage._volume import Volume
from hagen._storage._workload import StoragePlan, plan_storage

__all__ = [
    "DEFAULT_LIMIT_SET",
    "EBS_PROVISIONER",
    "EFS_PROVISIONER",
    "LIMIT_SETS",
    "CsiDriver",
    "EfsStorageClass",
    "EksCluster",
    "LimitSet",
    "StorageClass",
    "StoragePlan",
    "Volume",
    "VolumeLimits",
    "cluster_fragment",
    "collect_classes",
    "limits_for",
    "plan_storage",
    "storage_findings",
]

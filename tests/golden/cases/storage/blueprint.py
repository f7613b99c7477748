"""Storage wiring: per-replica volumes (StatefulSet), one replica with a volume (Deployment + Recreate),
a volume shared by every replica on EFS, and a gp3 class with performance settings."""

from hagen import (
    Blueprint,
    CsiDriver,
    EfsStorageClass,
    EksCluster,
    Port,
    StorageClass,
    Tier,
    Volume,
    separate,
    spread,
)

fast = StorageClass(name="gp3-fast", iops=6000, throughput=250, encrypted=True, allow_volume_expansion=True)
shared = EfsStorageClass(name="efs-shared", file_system_id="fs-0123456789abcdef0", directory_perms="700")


class Catalog(Blueprint):
    name = "catalog"
    eks = EksCluster(name="catalog-prod", region="eu-central-1")
    csi_drivers = [
        CsiDriver(addon="aws-ebs-csi-driver"),
        CsiDriver(addon="aws-efs-csi-driver", installed=True, well_known_policy=True),
    ]
    tiers = [
        Tier(
            name="db",
            image="postgres:16.4",
            replicas=3,
            ports=[Port(name="pg", port=5432)],
            volumes=[
                Volume(name="data", size="100Gi", mount_path="/var/lib/postgresql/data", storage_class=fast)
            ],
            writable_paths=["/tmp", "/var/run/postgresql"],
            run_as_user=999,
            fs_group=999,
            placement=[separate(), spread("zone")],
        ),
        Tier(
            name="search",
            image="registry.example.com/catalog/search:2.0.1",
            replicas=1,
            ports=[Port(name="http", port=9200)],
            volumes=[Volume(name="index", size="20Gi", mount_path="/index", storage_class=fast)],
        ),
        Tier(
            name="web",
            image="registry.example.com/catalog/web:3.2.0",
            replicas=2,
            ports=[Port(name="http", port=8080)],
            volumes=[
                Volume(
                    name="uploads", size="5Gi", mount_path="/uploads", storage_class=shared, access="shared"
                )
            ],
            placement=[separate(soft=True, weight=50)],
        ),
    ]

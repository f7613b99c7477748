"""The shop: a backend and a frontend, one complete set per node, and Jenkins on a gp3 volume.

This is the system of the original EKS write-up, declared once:

- backend pods repel each other (at most one per node);
- frontend pods repel each other and only run on a node that runs a backend pod;
- storage is a gp3 StorageClass provisioned by the AWS EBS CSI driver, whose add-on (with its IAM role)
  hagen emits as an eksctl fragment, because without it every PVC stays Pending;
- Jenkins comes from the jenkinsci/jenkins chart with its home on gp3 (not EFS) behind a LoadBalancer
  on port 8080.

Run `hagen synth` and read out/prod/shop/ (targets/ says how dev and prod differ).
"""

from hagen import (
    Admin,
    Blueprint,
    ClusterProfile,
    Controller,
    CsiDriver,
    EksCluster,
    Jenkins,
    Persistence,
    Port,
    Probe,
    Resources,
    StorageClass,
    Tier,
    colocate,
    separate,
)

gp3 = StorageClass(name="gp3")


class Shop(Blueprint):
    """Backend and frontend paired one per node over two nodes, so a node or zone can fail."""

    name = "shop"
    namespace = "shop"
    # The seed selects pods by the bare `tier` label; this namespace holds no other blueprint.
    bare_tier_selectors = True
    network_policies = True
    storage_classes = [gp3]
    csi_drivers = [CsiDriver(addon="aws-ebs-csi-driver")]
    # The EKS cluster the eksctl fragment names (`eksctl create addon -f` needs it); targets may replace it.
    eks = EksCluster(name="finalproject", region="ap-northeast-2")
    # Two m5.large-sized nodes in two zones: a zone can fail and every tier keeps a pod (`hagen place`).
    cluster = ClusterProfile.shorthand(nodes=2, zones=2, cpu="1930m", memory="7Gi")
    # `helm upgrade --install jenkins jenkins/jenkins -n jenkins -f out/shop/helm/jenkins/values.yaml`;
    # its home is a ReadWriteOnce gp3 volume (on EFS it broke within a day).
    releases = [
        Jenkins(
            persistence=Persistence(storage_class=gp3),
            controller=Controller(
                service_type="LoadBalancer",
                service_port=8080,
                admin=Admin(existing_secret="jenkins-admin"),
            ),
        )
    ]
    tiers = [
        Tier(
            name="backend",
            image="registry.example.com/shop/backend:1.4.2",
            replicas=2,
            ports=[Port(name="http", port=8080)],
            env={"LOG_LEVEL": "info"},
            resources=Resources(cpu="250m", memory="256Mi"),
            readiness=Probe(http_path="/healthz"),
            run_as_user=10001,
            placement=[separate()],
        ),
        Tier(
            name="frontend",
            image="nginxinc/nginx-unprivileged:1.27.3",
            replicas=2,
            ports=[Port(name="http", port=8080, service_port=80)],
            expose="LoadBalancer",
            resources=Resources(cpu="100m", memory="64Mi"),
            writable_paths=["/tmp", "/var/cache/nginx"],
            placement=[separate(), colocate("backend")],
            connects_to=["backend"],
        ),
    ]

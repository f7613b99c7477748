"""A real service: an NLB and an ALB in front, an autoscaled API, a migration Job before the rollout, a
nightly backup of the database's volume, a log-shipping sidecar, a node agent on every node, and a
Gateway API route."""

from hagen import (
    Alb,
    Autoscale,
    Blueprint,
    ClusterProfile,
    Container,
    CronJob,
    CsiDriver,
    DaemonSet,
    EksCluster,
    Gateway,
    HttpRoute,
    Job,
    Listener,
    LoadBalancer,
    Port,
    Probe,
    Resources,
    Route,
    SharedVolume,
    StorageClass,
    Tier,
    Volume,
    separate,
)

gp3 = StorageClass(name="gp3")
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"


class Orders(Blueprint):
    name = "orders"
    csi_drivers = [CsiDriver(addon="aws-ebs-csi-driver")]
    eks = EksCluster(name="orders-prod", region="eu-west-1")
    cluster = ClusterProfile.shorthand(nodes=3, zones=3, cpu="1930m", memory="7Gi")
    gateways = [
        Gateway(
            name="public",
            gateway_class="amazon-vpc-lattice",
            listeners=[Listener(name="https", port=443, protocol="HTTPS", certificate_secret="orders-tls")],
        )
    ]
    tiers = [
        Tier(
            name="db",
            image="postgres:16.4",
            ports=[Port(name="pg", port=5432)],
            volumes=[
                Volume(name="data", size="50Gi", mount_path="/var/lib/postgresql/data", storage_class=gp3)
            ],
            writable_paths=["/tmp", "/var/run/postgresql"],
            run_as_user=999,
            fs_group=999,
            suppress={"scheduling.node-failure-outage": "one replica by design; restored from backup"},
        ),
        Tier(
            name="api",
            image="registry.example.com/orders/api:2.3.0",
            ports=[Port(name="http", port=8080, service_port=80)],
            resources=Resources(cpu="250m", memory="256Mi"),
            readiness=Probe(http_path="/ready"),
            writable_paths=["/tmp", "/var/log/api"],
            placement=[separate()],
            autoscale=Autoscale(min_replicas=2, max_replicas=3, cpu=70, memory=80),
            ingress=Alb(
                routes=[Route(host="orders.example.com", path="/api")],
                scheme="internet-facing",
                certificate_arn=CERT,
            ),
            sidecars=[
                Container(
                    name="log-shipper",
                    image="fluent/fluent-bit:3.1.9",
                    shares=["/var/log/api"],
                    read_only_shares=True,
                )
            ],
            init_containers=[
                Container(
                    name="wait-for-db",
                    image="busybox:1.36.1",
                    command=["sh", "-c", "until nc -z db 5432; do sleep 2; done"],
                )
            ],
        ),
        Tier(
            name="grpc",
            image="registry.example.com/orders/grpc:2.3.0",
            replicas=2,
            ports=[Port(name="grpc", port=9090, service_port=443)],
            expose="LoadBalancer",
            load_balancer=LoadBalancer(
                scheme="internal",
                certificate_arn=CERT,
                source_ranges=["10.0.0.0/8"],
                cross_zone=True,
            ),
            placement=[separate()],
        ),
        Tier(
            name="web",
            image="nginxinc/nginx-unprivileged:1.27.3",
            replicas=2,
            ports=[Port(name="http", port=8080)],
            readiness=Probe(http_path="/"),
            writable_paths=["/tmp", "/var/cache/nginx"],
            ingress=HttpRoute(gateway="public", section="https", routes=[Route(host="shop.example.com")]),
            containers=[
                Container(
                    name="metrics",
                    image="nginx/nginx-prometheus-exporter:1.3.0",
                    ports=[Port(name="metrics", port=9113)],
                    readiness=Probe(http_path="/metrics"),
                )
            ],
        ),
        Tier(
            name="migrate",
            image="registry.example.com/orders/api:2.3.0",
            command=["/app/migrate", "up"],
            workload=Job(before_rollout="argocd", backoff_limit=1, active_deadline_seconds=600),
        ),
        Tier(
            name="backup",
            image="postgres:16.4",
            command=["sh", "-c", "pg_dump -h db -U orders orders > /backup/orders.sql"],
            run_as_user=999,
            workload=CronJob(schedule="0 3 * * *"),
            shared_volumes=[SharedVolume(tier="db", volume="data", mount_path="/var/lib/postgresql/data")],
        ),
        Tier(
            name="node-agent",
            image="fluent/fluent-bit:3.1.9",
            ports=[Port(name="http", port=2020)],
            expose="none",
            resources=Resources(cpu="50m", memory="64Mi"),
            workload=DaemonSet(tolerate_all=True),
        ),
    ]

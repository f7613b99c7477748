"""Write expected.json: what a cdk8s-plus-32 app synthesizes for the intents of the traffic example.

Run once by hand (needs Node.js): `.venv/bin/python tests/data/cdk8s_plus/generate.py`. The tests read
the committed JSON and compare it with hagen's output for the same intents (docs/blueprints.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import cdk8s
import cdk8s_plus_32 as kplus


def build() -> dict[str, list[dict[str, object]]]:
    app = cdk8s.App()
    out: dict[str, list[dict[str, object]]] = {}

    def chart(name: str) -> cdk8s.Chart:
        return cdk8s.Chart(app, name, namespace="orders", disable_resource_name_hashes=True)

    c = chart("service")
    api = kplus.Deployment(
        c,
        "api",
        containers=[
            kplus.ContainerProps(
                image="registry.example.com/orders/api:2.3.0",
                port_number=8080,
                resources=kplus.ContainerResources(
                    cpu=kplus.CpuResources(request=kplus.Cpu.millis(250)),
                    memory=kplus.MemoryResources(request=cdk8s.Size.mebibytes(256)),
                ),
            )
        ],
    )
    service = api.expose_via_service(
        service_type=kplus.ServiceType.LOAD_BALANCER, ports=[kplus.ServicePort(port=80, target_port=8080)]
    )
    kplus.HorizontalPodAutoscaler(
        c,
        "hpa",
        target=api,
        min_replicas=2,
        max_replicas=3,
        metrics=[kplus.Metric.resource_cpu(kplus.MetricTarget.average_utilization(70))],
    )
    ingress = kplus.Ingress(c, "ingress")
    ingress.add_host_rule(
        "orders.example.com",
        "/api",
        kplus.IngressBackend.from_service(service),
        kplus.HttpIngressPathType.PREFIX,
    )
    api.add_init_container(image="busybox:1.36.1", name="wait-for-db", command=["sh", "-c", "true"])
    api.add_init_container(
        image="fluent/fluent-bit:3.1.9",
        name="log-shipper",
        restart_policy=kplus.ContainerRestartPolicy.ALWAYS,
    )
    kplus.Job(
        c,
        "migrate",
        containers=[
            kplus.ContainerProps(
                image="registry.example.com/orders/api:2.3.0", command=["/app/migrate", "up"]
            )
        ],
    )
    kplus.CronJob(
        c,
        "backup",
        schedule=cdk8s.Cron.schedule(minute="0", hour="3"),
        containers=[kplus.ContainerProps(image="postgres:16.4")],
    )
    kplus.DaemonSet(c, "node-agent", containers=[kplus.ContainerProps(image="fluent/fluent-bit:3.1.9")])
    for obj in c.to_json():
        out.setdefault(obj["kind"], []).append(obj)
    return out


if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "expected.json"
    target.write_text(json.dumps(build(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {target}")

"""The seed system written as a cdk8s-plus app: backend and frontend, two replicas each, one of each per node.

backend.scheduling.spread() keeps backend pods apart (podAntiAffinity on themselves, per hostname);
frontend does the same and colocates with backend (podAffinity to backend pods, per hostname).
"""

from __future__ import annotations

import cdk8s_plus_32 as kplus
from cdk8s import App, Chart, Size

NAMESPACE = "shop"


def seed_chart(app: App) -> Chart:
    """Build the seed chart in `app`: the Deployments backend and frontend in namespace shop."""
    chart = Chart(app, "seed", namespace=NAMESPACE)
    tiers = {}
    for name, image in (
        ("backend", "registry.example.com/shop/backend:1.4.2"),
        ("frontend", "nginxinc/nginx-unprivileged:1.27.3"),
    ):
        tiers[name] = kplus.Deployment(
            chart,
            name,
            metadata={"name": name},
            replicas=2,
            containers=[
                kplus.ContainerProps(
                    name=name,
                    image=image,
                    port_number=8080,
                    resources=kplus.ContainerResources(
                        cpu=kplus.CpuResources(request=kplus.Cpu.millis(250)),
                        memory=kplus.MemoryResources(request=Size.mebibytes(256)),
                    ),
                )
            ],
        )
    tiers["backend"].scheduling.spread()
    tiers["frontend"].scheduling.spread()
    tiers["frontend"].scheduling.colocate(tiers["backend"])
    return chart

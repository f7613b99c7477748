"""The two-namespace project of tests/test_two_namespaces*.py: two services, `shop` and `billing`, each in
its own namespace with the same tier names (backend, frontend beside a backend, both separate()), different
replicas and resources, on one cluster profile (hagen.toml) with targets prod and dev."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hagen._yaml import load_objects

from .conftest import DATA, run_hagen

HAGEN_TOML = """
blueprints = ["blueprints"]
out = "out"
profile = { nodes = 2, zones = 2, cpu = "2", memory = "8Gi" }

[targets.prod]
cluster = "prod"

[targets.dev]
cluster = "dev"
profile = { nodes = 1, zones = 1 }

[gitops.flux]
source_name = "platform"
"""

BLUEPRINT = """
from hagen import Blueprint, Port, Resources, Tier, colocate, separate


class {cls}(Blueprint):
    name = "{name}"
    namespace = "{name}"
    bare_tier_selectors = True
    tiers = [
        Tier(name="backend", image="registry.example.com/{name}/backend:1.0.0", replicas={backends},
             ports=[Port(name="http", port=8080)], resources=Resources(cpu="{cpu}", memory="{memory}"),
             placement=[separate()]),
        Tier(name="frontend", image="registry.example.com/{name}/frontend:1.0.0", replicas={frontends},
             ports=[Port(name="http", port=8080, service_port=80)],
             resources=Resources(cpu="{front_cpu}", memory="{front_memory}"),
             placement=[separate(), colocate("backend")]),
    ]
"""

DEV = """
blueprints:
  billing:
    tiers:
      frontend:
        replicas: 1
  shop:
    tiers:
      backend:
        replicas: 1
"""

PINNED = str(DATA / "place" / "two-namespaces-pinned.yaml")
TOPOLOGY = str(DATA / "place" / "two-namespaces-topology.yaml")


def write_project(root: Path, node_cpu: str = "2") -> Path:
    (root / "blueprints").mkdir(parents=True)
    (root / "targets").mkdir()
    (root / "hagen.toml").write_text(HAGEN_TOML.replace('cpu = "2"', f'cpu = "{node_cpu}"'))
    (root / "targets" / "dev.yaml").write_text(DEV)
    shop = dict(cls="Shop", name="shop", backends=2, frontends=2, cpu="250m", memory="256Mi")
    billing = dict(cls="Billing", name="billing", backends=1, frontends=3, cpu="500m", memory="512Mi")
    shop |= dict(front_cpu="100m", front_memory="64Mi")
    billing |= dict(front_cpu="200m", front_memory="128Mi")
    (root / "blueprints" / "shop.py").write_text(BLUEPRINT.format(**shop))
    (root / "blueprints" / "billing.py").write_text(BLUEPRINT.format(**billing))
    return root


def synthesized(root: Path) -> Path:
    """The project written at `root` and synthesized (`hagen synth`, every target: all 30 files)."""
    write_project(root)
    proc = run_hagen("synth", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "hagen synth: 2 targets x 2 blueprints -> out/: 30 written, 0 unchanged, 0 removed\n"
        "  dev: 13 written, 0 unchanged, 0 removed\n"
        "  prod: 15 written, 0 unchanged, 0 removed\n"
        "  gitops: 2 written, 0 unchanged, 0 removed\n"
    )
    return root


def objects_in(root: Path) -> list[dict[str, Any]]:
    """Every object of the YAML files under `root`, files in sorted order."""
    return [o for f in sorted(root.rglob("*.yaml")) for o in load_objects(f.read_text(), str(f))]

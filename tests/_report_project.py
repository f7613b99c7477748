"""A small project for report tests: a git repository whose last change is refused by the API server
(a StorageClass parameter) and rolls a Deployment out, on one node where one api pod stays Pending."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_hagen

BLUEPRINT = """
from hagen import Blueprint, ClusterProfile, Port, StorageClass, Tier, Volume, separate

fast = StorageClass(name="fast")


class App(Blueprint):
    name = "app"
    namespace = "app"
    storage_classes = [fast]
    network_policies = True
    cluster = ClusterProfile.shorthand(nodes=1, zones=1, cpu="2", memory="4Gi")
    tiers = [
        Tier(name="api", image="registry.example.com/api:1.0.0", replicas=2,
             ports=[Port(name="http", port=8080)], placement=[separate()], connects_to=["db"]),
        Tier(name="db", image="registry.example.com/db:16.1", ports=[Port(name="pg", port=5432)],
             volumes=[Volume(name="data", size="10Gi", mount_path="/data", storage_class=fast)]),
    ]
"""


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def make_project(root: Path, tiers: int = 0) -> Path:
    """The project at `root`, committed, then changed (image bump, StorageClass iops) and synthesized."""
    (root / "blueprints").mkdir(parents=True)
    (root / "blueprints" / "app.py").write_text(BLUEPRINT)
    assert run_hagen("synth", cwd=root).returncode == 0
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    text = (root / "blueprints" / "app.py").read_text()
    text = text.replace("api:1.0.0", "api:1.1.0").replace(
        'StorageClass(name="fast")', 'StorageClass(name="fast", iops=4000)'
    )
    (root / "blueprints" / "app.py").write_text(text)
    assert run_hagen("synth", cwd=root).returncode == 0
    return root


def many_tiers(root: Path, count: int) -> Path:
    """A project of `count` tiers in blueprints of 20 (each frontend calls the backend before it), on a
    cluster too small for all of them, so that some pods stay Pending."""
    (root / "blueprints").mkdir(parents=True)
    for b in range(0, count, 20):
        lines = [
            "from hagen import Blueprint, ClusterProfile, Port, Resources, Tier",
            f"class B{b}(Blueprint):",
            f'    name = "b{b}"',
            f'    namespace = "b{b}"',
            "    network_policies = True",
            '    cluster = ClusterProfile.shorthand(nodes=4, zones=2, cpu="2", memory="8Gi")',
            "    tiers = [",
        ]
        for t in range(b, min(b + 20, count)):
            calls = f'connects_to=["t{t - 1}"], ' if t % 2 else ""
            lines.append(
                f'        Tier(name="t{t}", image="registry.example.com/t:1.0.{t}", replicas=2, {calls}'
                'ports=[Port(name="http", port=8080)], resources=Resources(cpu="300m", memory="256Mi")),'
            )
        lines.append("    ]")
        (root / "blueprints" / f"b{b}.py").write_text("\n".join(lines) + "\n")
    return root

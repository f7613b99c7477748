"""A tier that changes workload kind (a StatefulSet of 2 with its own claims becoming a Deployment of 1):
`hagen diff` calls it a recreate and names the claims left behind with their data."""

from __future__ import annotations

import json
from pathlib import Path

from tests._service import write_blueprint
from tests.conftest import run_hagen

DB = """
from hagen import StorageClass, Volume

class Shop(Blueprint):
    name = "shop"
    tiers = [Tier(name="db", image="registry.example.com/db:1.0", replicas={replicas},
                  ports=[Port(name="pg", port=5432)],
                  volumes=[Volume(name="data", size="10Gi", mount_path="/data",
                                  storage_class=StorageClass(name="gp3"))])]
"""


def test_statefulset_to_deployment_is_a_recreate_naming_the_claims(tmp_path: Path) -> None:
    path = write_blueprint(tmp_path / "bp", DB.format(replicas=2), "shop.py")
    assert run_hagen("synth", str(path), "-o", "out", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "shop" / "statefulset-db.yaml").is_file()
    write_blueprint(tmp_path / "bp", DB.format(replicas=1), "shop.py")
    proc = run_hagen("diff", str(path), "-o", "out", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    objects = {o["id"]: o for o in json.loads(proc.stdout)["objects"]}
    gone = objects["apps.StatefulSet.shop.db"]["verdict"]
    assert gone["name"] == "recreate"
    assert gone["volumes_at_risk"] == ["PersistentVolumeClaims data-db-0..1"]
    assert gone["notes"] == [
        "apps.StatefulSet.shop.db is deleted and apps.Deployment.shop.db created in its place",
        "its claims keep their data and no new pod mounts them",
    ]
    assert objects["apps.Deployment.shop.db"]["verdict"]["name"] == "in place"
    failing = run_hagen("diff", str(path), "-o", "out", "--fail-on", "recreate", cwd=tmp_path)
    assert failing.returncode == 1
    assert (
        "RECREATE apps.StatefulSet.shop.db: data at risk: PersistentVolumeClaims data-db-0..1"
        in failing.stdout
    )

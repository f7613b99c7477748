"""The golden traffic example through the real entry point: validate, check, place; and bad input refused
at load with file, blueprint, field, value and what is allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._goyaml import GoReader, golden_as_go_reads_it
from tests._tiers import write_app
from tests.conftest import run_hagen
from tests.golden.regenerate import CASES

TRAFFIC = CASES / "traffic"


def test_golden_traffic_output_validates() -> None:
    result = run_hagen("validate", str(TRAFFIC / "expected"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors in 0 objects" in result.stdout


def test_golden_traffic_has_no_findings() -> None:
    result = run_hagen("check", str(TRAFFIC / "blueprint.py"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == "0 errors, 0 warnings, 0 info (2 suppressed)"


def test_golden_traffic_places_every_pod_at_max_scale() -> None:
    result = run_hagen("place", str(TRAFFIC / "blueprint.py"))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "3 node(s), 13 pod(s): 13 running, 0 Pending"
    text = result.stdout
    for pod in ("api-3 (api)", "backup (backup)", "migrate (migrate)", "node-agent-node-3 (node-agent)"):
        assert pod in text
    # the backup runs beside the database: its ReadWriteOnce volume is attached there
    assert next(line for line in lines if "db-1 (db)" in line) == next(
        line for line in lines if "backup (backup)" in line
    )


def test_golden_traffic_reads_as_synthesized_in_the_go_reader(go_yaml: GoReader) -> None:
    synthesized, read = golden_as_go_reads_it(
        go_yaml, TRAFFIC / "blueprint.py", TRAFFIC / "expected" / "orders"
    )
    assert read == synthesized
    kinds = {object_id.split(".")[-3] for object_id in read}
    assert {
        "HorizontalPodAutoscaler",
        "Ingress",
        "HTTPRoute",
        "Gateway",
        "Job",
        "CronJob",
        "DaemonSet",
    } <= kinds


NAMES = (
    "Alb, Autoscale, Blueprint, ClusterProfile, Container, CronJob, LoadBalancer, Port, Route, Tier, separate"
)


def _write(folder: Path, body: str) -> Path:
    return write_app(folder, body, NAMES)


def test_max_replicas_beyond_separate_is_pending_in_place_and_a_finding(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        class App(Blueprint):
            cluster = ClusterProfile.shorthand(nodes=2, zones=2)
            tiers = [Tier(name="api", image="api:1.0", placement=[separate()],
                          autoscale=Autoscale(min_replicas=2, max_replicas=3))]
        """,
    )
    placed = run_hagen("place", str(path))
    assert placed.returncode == 1
    assert placed.stdout.splitlines()[0] == "2 node(s), 3 pod(s): 2 running, 1 Pending"
    checked = run_hagen("check", str(path))
    assert "autoscaling.max-exceeds-domains" in checked.stdout
    assert "allows 2: 1 pod(s) would stay Pending at maximum scale" in checked.stdout


CASES_BAD = [
    (
        'tiers = [Tier(name="web", image="w:1", ports=[Port(name="http", port=80)], expose="LoadBalancer",\n'
        '              load_balancer=LoadBalancer(controller="in-tree", target_type="ip"))]',
        [
            "app.py:4",
            "LoadBalancer",
            "target_type='ip' needs the AWS Load Balancer Controller",
            "target_type='instance'",
        ],
    ),
    (
        'tiers = [Tier(name="web", image="w:1", ports=[Port(name="http", port=80)],\n'
        '              ingress=Alb(routes=[Route(host="10.0.0.1")]))]',
        ["app.py:4", "Route.host", "'10.0.0.1' is an IP address", "host"],
    ),
    (
        'tiers = [Tier(name="web", image="w:1", ports=[Port(name="http", port=80)],\n'
        '              ingress=Alb(routes=[Route(host="shop.example.com", path="/a/../b")]))]',
        ["app.py:4", "Route.path", "'/a/../b'", "'/../'"],
    ),
    (
        'tiers = [Tier(name="web", image="w:1", ports=[Port(name="http", port=80)],\n'
        '              ingress=Alb(routes=[Route(host="shop.example.com", path_type="Regex")]))]',
        ["app.py:4", "Route.path_type", "'Regex'", "'Prefix' or 'Exact'"],
    ),
    (
        'tiers = [Tier(name="web", image="w:1", replicas=3, autoscale=Autoscale(max_replicas=5))]',
        ["app.py:3", "App", "Tier", "replicas=3 with autoscale", "set autoscale.min_replicas instead"],
    ),
    (
        'tiers = [Tier(name="b", image="b:1", workload=CronJob(schedule="0 3 * *"))]',
        ["app.py:3", "CronJob.schedule", "'0 3 * *'", "five fields"],
    ),
    (
        'tiers = [Tier(name="web", image="w:1",\n'
        '              sidecars=[Container(name="s", image="s:1", shares=["/logs"])])]',
        ["app.py:3", "App", "sidecars[0].shares", "'/logs' is not a mount of the tier", "/tmp"],
    ),
    (
        'tiers = [Tier(name="web", image="w:1", ports=[Port(name="http", port=8080)],\n'
        '              containers=[Container(name="m", image="m:1", ports=[Port(name="m", port=8080)])])]',
        ["app.py:3", "App", "containers[0].ports", "port 8080/TCP of container 'm'", "container 'web'"],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES_BAD)
def test_bad_input_is_refused_at_load(tmp_path: Path, body: str, expected: list[str]) -> None:
    _write(tmp_path / "bp", f"class App(Blueprint):\n    {body}\n")
    out = tmp_path / "out"
    result = run_hagen("synth", str(tmp_path / "bp"), "-o", str(out))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for fragment in expected:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert not out.exists()


def test_native_sidecars_are_refused_for_kubernetes_before_1_29(tmp_path: Path) -> None:
    result = run_hagen(
        "synth", str(TRAFFIC / "blueprint.py"), "-o", str(tmp_path / "out"), "--kube-version", "1.28"
    )
    assert result.returncode == 2
    assert (
        "apps.Deployment.orders.api [orders/api]: "
        "spec.template.spec.initContainers[1].restartPolicy: Forbidden: "
        "native sidecar containers (restartPolicy: Always on an init container) need Kubernetes 1.29+"
    ) in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def _synth_changed(tmp_path: Path, *replacements: tuple[str, str]) -> None:
    """The example with each (old, new) text replaced, synthesized into tmp_path/out."""
    changed = (TRAFFIC / "blueprint.py").read_text()
    for old, new in replacements:
        assert old in changed
        changed = changed.replace(old, new)
    (tmp_path / "bp").mkdir()
    (tmp_path / "bp" / "blueprint.py").write_text(changed)
    assert run_hagen("synth", str(tmp_path / "bp"), "-o", str(tmp_path / "out")).returncode == 0


def test_diff_reports_changes_to_the_new_kinds_field_by_field(tmp_path: Path) -> None:
    _synth_changed(
        tmp_path,
        ("0 3 * * *", "30 4 * * *"),
        ("max_replicas=3", "max_replicas=2"),
        ('"internal"', '"internet-facing"'),
    )
    result = run_hagen(
        "diff", str(TRAFFIC / "expected"), "--against", str(tmp_path / "out"), "--format", "json"
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = {(o["id"], c["path_str"], c["old"], c["new"]) for o in report["objects"] for c in o["changes"]}
    assert found == {
        ("batch.CronJob.orders.backup", "spec.schedule", "30 4 * * *", "0 3 * * *"),
        ("autoscaling.HorizontalPodAutoscaler.orders.api", "spec.maxReplicas", 2, 3),
        (
            "core.Service.orders.grpc",
            "metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']",
            "internet-facing",
            "internal",
        ),
    }


def test_diff_verdicts_know_hooks_and_load_balancer_replacement(tmp_path: Path) -> None:
    _synth_changed(
        tmp_path, ('"/app/migrate"', '"/app/migrate-v2"'), ('scheme="internal"', 'scheme="internet-facing"')
    )
    result = run_hagen("diff", str(tmp_path / "out"), "--against", str(TRAFFIC / "expected"))
    lines = result.stdout.splitlines()
    # the migration Job's template is immutable, but its Argo CD hook deletes it before creating it again
    assert "RECREATE batch.Job.orders.migrate: data at risk: no volume data at risk" in lines
    assert (
        "      the hook deletes the previous Job before creating it "
        "(argocd.argoproj.io/hook-delete-policy: BeforeHookCreation)"
    ) in lines
    assert "RECREATE core.Service.orders.grpc: data at risk: no volume data at risk" in lines
    assert any(
        "the load balancer controller replaces the cloud load balancer (a new DNS name" in ln for ln in lines
    )
    assert not any(line.startswith("REFUSED") for line in lines)


def test_diff_refuses_a_load_balancer_class_set_on_an_existing_load_balancer(tmp_path: Path) -> None:
    _synth_changed(tmp_path, ("cross_zone=True,", "cross_zone=True, load_balancer_class=True,"))
    result = run_hagen("diff", str(tmp_path / "out"), "--against", str(TRAFFIC / "expected"))
    lines = result.stdout.splitlines()
    assert "REFUSED core.Service.orders.grpc: spec.loadBalancerClass" in lines, result.stdout
    assert "RECREATE core.Service.orders.grpc: data at risk: no volume data at risk" not in lines

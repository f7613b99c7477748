"""`hagen synth --stdout` refuses what `hagen synth` refuses: objects failing the schema or the API server's
rules (exit 2: the blueprint is bad input), a cluster-scoped object two blueprints emit differently (exit
1: a finding); it prints nothing then."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from tests._service import write_blueprint
from tests.conftest import run_hagen

TIER = 'Tier(name="api", image="registry.example.com/app:1.0.0", ports=[Port(name="http", port=80)])'


def _patched(folder: Path, op: str) -> Path:
    """A blueprint whose Deployment (or Service) gets `op`, an RFC 6902 operation as Python text."""
    kind, version = ("Service", "v1") if "trafficDistribution" in op else ("Deployment", "apps/v1")
    return write_blueprint(
        folder,
        f"""
        class Web(Blueprint):
            name = "web"
            tiers = [{TIER}]
            patches = [JsonPatch(api_version="{version}", kind="{kind}", name="api", ops=[{op}])]
        """,
    )


REPLICAZ = '{"op": "add", "path": "/spec/replicaz", "value": 5}'
TRAFFIC = '{"op": "add", "path": "/spec/trafficDistribution", "value": "PreferClose"}'


def test_an_unknown_field_prints_nothing_and_exits_2(tmp_path: Path) -> None:
    path = _patched(tmp_path / "bp", REPLICAZ)
    proc = run_hagen("synth", str(path), "--stdout", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "spec.replicaz: unknown field 'replicaz'; did you mean 'replicas'?" in proc.stderr
    assert proc.stderr.rstrip().endswith("hagen synth: objects fail the Kubernetes schema; nothing printed")
    # to files the same blueprint is refused with the same finding
    files = run_hagen("synth", str(path), "-o", "out", cwd=tmp_path)
    assert files.returncode == 2 and "spec.replicaz: unknown field 'replicaz'" in files.stderr
    assert not (tmp_path / "out").exists()


def test_no_validate_prints_what_the_blueprint_makes(tmp_path: Path) -> None:
    path = _patched(tmp_path / "bp", REPLICAZ)
    proc = run_hagen("synth", str(path), "--stdout", "--no-validate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "  replicaz: 5\n" in proc.stdout
    assert proc.stdout == "".join(hagen.synthesize_stream([path], validate=False))


def test_the_kube_version_decides_as_for_files(tmp_path: Path) -> None:
    path = _patched(tmp_path / "bp", TRAFFIC)  # Service.spec.trafficDistribution: Kubernetes 1.30+
    old = run_hagen("synth", str(path), "--stdout", "--kube-version", "1.28", cwd=tmp_path)
    assert old.returncode == 2 and old.stdout == ""
    assert "spec.trafficDistribution" in old.stderr
    new = run_hagen("synth", str(path), "--stdout", "--kube-version", "1.33", cwd=tmp_path)
    assert new.returncode == 0 and "trafficDistribution: PreferClose" in new.stdout
    # the project's kube_version holds without the flag
    (tmp_path / "hagen.toml").write_text('blueprints = ["bp"]\nkube_version = "1.28"\n')
    assert run_hagen("synth", "--stdout", cwd=tmp_path).returncode == 2
    with pytest.raises(hagen.InvalidOutput) as caught:
        hagen.synthesize_stream(project=hagen.load_project(tmp_path))
    (report,) = caught.value.reports.values()
    assert report.kube_version == "1.28"
    assert [e.path for e in report.errors] == ["spec.trafficDistribution"]


def _two_with_a_class(folder: Path, first_fs: str, second_fs: str) -> Path:
    """Blueprints a and b, each declaring StorageClass gp3 with its own fs_type."""
    for name, fs in (("a", first_fs), ("b", second_fs)):
        write_blueprint(
            folder,
            f"""
            from hagen import StorageClass

            class {name.upper()}(Blueprint):
                name = "{name}"
                storage_classes = [StorageClass(name="gp3", fs_type="{fs}")]
                tiers = [{TIER}]
            """,
            f"{name}.py",
        )
    return folder


def test_a_conflict_between_blueprints_is_refused(tmp_path: Path) -> None:
    folder = _two_with_a_class(tmp_path / "bp", "ext4", "xfs")
    proc = run_hagen("synth", str(folder), "--stdout", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert "objects.cluster-scoped-conflict" in proc.stderr
    assert "storage.k8s.io.StorageClass._.gp3 is emit" in proc.stderr
    assert proc.stderr.rstrip().endswith("1 error finding; nothing printed")
    with pytest.raises(hagen.BlockingFindings) as caught:
        hagen.synthesize_stream([folder])
    assert [f.id for f in caught.value.findings] == ["objects.cluster-scoped-conflict"]


def test_the_warnings_of_a_write_are_printed_beside_the_stream(tmp_path: Path) -> None:
    # one definition in both, but each blueprint's own labels: a warning (the last apply's labels win)
    folder = _two_with_a_class(tmp_path / "bp", "xfs", "xfs")
    stream = hagen.synthesize_stream([folder])
    assert [(f.id, f.severity) for f in stream.findings] == [("objects.cluster-scoped-conflict", "warning")]
    assert sum(doc.count("kind: StorageClass") for doc in stream) == 2
    proc = run_hagen("synth", str(folder), "--stdout", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == "".join(stream)
    written = run_hagen("synth", str(folder), "-o", "out", cwd=tmp_path)
    assert written.returncode == 0
    warning = next(line for line in written.stderr.splitlines() if "cluster-scoped-conflict" in line)
    assert warning.startswith("warning") and "metadata.labels" in warning
    assert warning in proc.stderr.splitlines()


def test_the_example_stream_is_unchanged_and_valid() -> None:
    root = Path(__file__).resolve().parent.parent
    stream = hagen.synthesize_stream([root / "blueprints"])
    assert stream == hagen.synthesize_stream([root / "blueprints"], validate=False)
    objects = [o for s in hagen.synthesize_all([root / "blueprints"]) for o in s.objects]
    assert hagen.validate_objects(objects).ok


def test_a_targets_stream_is_checked_at_the_targets_version(tmp_path: Path) -> None:
    _patched(tmp_path / "bp", TRAFFIC)
    (tmp_path / "hagen.toml").write_text(
        'blueprints = ["bp"]\n[targets.old]\nkube_version = "1.28"\n[targets.new]\nkube_version = "1.33"\n'
    )
    old = run_hagen("synth", "--stdout", "--target", "old", cwd=tmp_path)
    assert old.returncode == 2 and old.stdout == "", old.stderr
    assert "spec.trafficDistribution" in old.stderr and "Kubernetes 1.28" in old.stderr
    new = run_hagen("synth", "--stdout", "--target", "new", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert "trafficDistribution: PreferClose" in new.stdout

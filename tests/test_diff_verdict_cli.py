"""`hagen diff` verdicts through the real entry point: call-outs in every format, --fail-on, ignore rules
from hagen.toml, similarity renames, the comment size limit, --base REV --resynth."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from hagen._diff import diff_trees, format_diff, tree_from_documents
from hagen._diff._format_markdown import format_markdown
from tests.conftest import run_hagen

SC = {
    "apiVersion": "storage.k8s.io/v1",
    "kind": "StorageClass",
    "metadata": {"name": "gp2"},
    "provisioner": "ebs.csi.aws.com",
    "parameters": {"type": "gp2"},
}


def deployment(image: str = "web:1", replicas: int = 2) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": image}]},
            },
        },
    }


def write(root: Path, docs: list[dict[str, Any]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "all.yaml").write_text(yaml.safe_dump_all(docs, sort_keys=False), encoding="utf-8")
    return root


def gp3() -> dict[str, Any]:
    return {**SC, "parameters": {"type": "gp3"}}


@pytest.mark.parametrize("fmt", ["human", "unified", "github", "markdown"])
def test_refused_is_called_out_first_in_every_format(tmp_path: Path, fmt: str) -> None:
    a = write(tmp_path / "a", [SC, deployment()])
    b = write(tmp_path / "b", [gp3(), deployment("web:2")])
    out = run_hagen("diff", "--format", fmt, str(a), str(b)).stdout
    callout = "REFUSED storage.k8s.io.StorageClass._.gp2: parameters.type"
    assert callout in out
    assert out.index(callout) < out.index("apps.Deployment.shop.web")
    assert "parameters: Forbidden: updates to parameters are forbidden." in out


def test_json_carries_the_verdict_and_the_callouts(tmp_path: Path) -> None:
    a = write(tmp_path / "a", [SC, deployment()])
    b = write(tmp_path / "b", [gp3(), deployment("web:2")])
    report = json.loads(run_hagen("diff", "--format", "json", str(a), str(b)).stdout)
    assert report["version"] == 2
    assert report["summary"]["verdicts"] == {"refused": 1, "rollout": 1}
    assert report["callouts"] == ["REFUSED storage.k8s.io.StorageClass._.gp2: parameters.type"]
    web = next(o for o in report["objects"] if o["kind"] == "Deployment")
    assert web["verdict"]["restarts"] == ["Deployment/shop/web"]
    sc = next(o for o in report["objects"] if o["kind"] == "StorageClass")
    assert sc["verdict"]["refusals"][0]["source"] == (
        "pkg/apis/storage/validation/validation.go ValidateStorageClassUpdate"
    )


@pytest.mark.parametrize(
    ("fail_on", "replica_only", "code"),
    [
        ("any", True, 1),
        ("rollout", True, 0),
        ("rollout", False, 1),
        ("recreate", False, 0),
        ("refused", False, 0),
    ],
)
def test_fail_on_sets_which_verdicts_fail(
    tmp_path: Path, fail_on: str, replica_only: bool, code: int
) -> None:
    a = write(tmp_path / "a", [deployment()])
    b = write(tmp_path / "b", [deployment(replicas=3) if replica_only else deployment("web:2")])
    assert run_hagen("diff", "--fail-on", fail_on, str(a), str(b)).returncode == code


def test_fail_on_refused_fails_on_a_refusal(tmp_path: Path) -> None:
    a = write(tmp_path / "a", [SC])
    b = write(tmp_path / "b", [gp3()])
    assert run_hagen("diff", "--fail-on", "refused", str(a), str(b)).returncode == 1


def test_ignore_rules_from_the_project_are_applied_and_reported(tmp_path: Path) -> None:
    (tmp_path / "hagen.toml").write_text(
        '[[diff.ignoreDifferences]]\ngroup = "apps"\nkind = "Deployment"\n'
        'jsonPointers = ["/spec/replicas"]\n\n'
        "[[diff.ignoreDifferences]]\n"
        'kind = "Deployment"\ngroup = "apps"\n'
        "jqPathExpressions = ['.spec.template.spec.containers[] | select(.name == \"web\") | .image']\n",
        encoding="utf-8",
    )
    write(tmp_path / "a", [deployment()])
    write(tmp_path / "b", [deployment("web:2", replicas=5)])
    proc = run_hagen("diff", "a", "b", cwd=tmp_path)
    assert proc.returncode == 0
    assert "1 change ignored by rule diff.ignoreDifferences[0] (apps/Deployment)" in proc.stdout
    assert "1 change ignored by rule diff.ignoreDifferences[1] (apps/Deployment)" in proc.stdout


def test_a_bad_jq_expression_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "hagen.toml").write_text(
        '[[diff.ignoreDifferences]]\nkind = "Deployment"\njqPathExpressions = [".spec[[["]\n',
        encoding="utf-8",
    )
    write(tmp_path / "a", [deployment()])
    proc = run_hagen("diff", "a", "a", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.count("\n") <= 2
        and "diff.ignoreDifferences[0] (Deployment): jqPathExpressions" in proc.stderr
    )


def configmap(name: str, data: dict[str, str]) -> dict[str, Any]:
    labels = {"app.kubernetes.io/name": "web", "app.kubernetes.io/part-of": "shop", "tier": "web"}
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": "shop", "labels": labels},
        "data": data,
    }


def test_a_configmap_with_a_new_hash_suffix_is_a_rename() -> None:
    old = tree_from_documents({"cm.yaml": [configmap("web-config-7f9c2", {"a": "1", "b": "2"})]})
    new = tree_from_documents({"cm.yaml": [configmap("web-config-b41d0", {"a": "1", "b": "3"})]})
    (obj,) = diff_trees(old, new).objects
    assert (obj.status, obj.old_id, obj.object_id) == (
        "moved",
        "core.ConfigMap.shop.web-config-7f9c2",
        "core.ConfigMap.shop.web-config-b41d0",
    )
    assert [c.path_str for c in obj.changes if c.path] == ["metadata.name", "data.b"]
    assert obj.verdict is not None and obj.verdict.name == "recreate"
    assert "no volume data at risk" in obj.verdict.notes


def test_unrelated_objects_are_not_paired() -> None:
    old = tree_from_documents({"cm.yaml": [configmap("a-one", {"x": "1", "y": "2", "z": "3"})]})
    new = tree_from_documents({"cm.yaml": [configmap("b-two", {"p": "1", "q": "2", "r": "3"})]})
    assert sorted(o.status for o in diff_trees(old, new).objects) == ["added", "removed"]


def test_markdown_fits_a_pull_request_comment_and_says_so() -> None:
    olds = [configmap(f"c{i:04d}", {"k": "v" * 50}) for i in range(2000)]
    news = [configmap(f"c{i:04d}", {"k": "w" * 50}) for i in range(2000)]
    result = diff_trees(tree_from_documents({"x.yaml": olds}), tree_from_documents({"x.yaml": news}))
    full = format_markdown(result, limit=10**9)
    text = format_diff(result, "markdown")
    assert len(full) > 65_536 >= len(text)
    assert "objects' details left out** to fit a comment (65,536 characters)" in text
    assert "core.ConfigMap.shop.c0000" in text  # the first objects' headings are still listed
    assert text.rstrip().endswith("more objects, not listed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_resynth_synthesizes_the_blueprints_at_the_base_revision(tmp_path: Path) -> None:
    blueprint = (Path(__file__).parent.parent / "blueprints" / "shop.py").read_text(encoding="utf-8")
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "shop.py").write_text(blueprint, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    same = run_hagen("diff", "--base", "HEAD", "--resynth", cwd=tmp_path)
    assert (same.returncode, same.stdout.strip()) == (0, "no drift")
    changed = blueprint.replace("replicas=2", "replicas=3", 1)
    assert changed != blueprint
    (tmp_path / "blueprints" / "shop.py").write_text(changed, encoding="utf-8")
    proc = run_hagen("diff", "--base", "HEAD", "--resynth", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "spec.replicas: 2 -> 3" in proc.stdout
    assert (tmp_path / "blueprints" / "shop.py").read_text(encoding="utf-8") == changed  # work tree untouched
    assert not (tmp_path / "out").exists()


def spread_deployment(image: str) -> dict[str, Any]:
    doc = deployment(image, replicas=3)
    labels = {"app": "web", "app.kubernetes.io/component": "web"}
    doc["spec"]["template"]["metadata"]["labels"] = labels
    doc["spec"]["template"]["spec"]["affinity"] = {
        "podAntiAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": [
                {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}
            ]
        }
    }
    return doc


@pytest.mark.parametrize(
    ("nodes", "says"), [(3, "the rollout hangs on the cluster profile"), (4, "finishes")]
)
def test_cluster_profile_says_whether_a_rollout_finishes(tmp_path: Path, nodes: int, says: str) -> None:
    a = write(tmp_path / "a", [spread_deployment("web:1")])
    b = write(tmp_path / "b", [spread_deployment("web:2")])
    profile = tmp_path / "cluster.yaml"
    names = [f"n{i}" for i in range(nodes)]
    profile.write_text(
        yaml.safe_dump({"nodes": [{"name": n, "labels": {"kubernetes.io/hostname": n}} for n in names]}),
        encoding="utf-8",
    )
    out = run_hagen("diff", "--cluster", str(profile), str(a), str(b)).stdout
    assert "verdict: rollout" in out
    assert says in out


def test_markdown_escapes_hostile_file_names_and_values(tmp_path: Path) -> None:
    name = "we`ird|a<b>\nc.yaml"
    for side, value in (("old", "1"), ("new", "2")):
        (tmp_path / side).mkdir()
        (tmp_path / side / name).write_text(
            f'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: "a``b|<i>{value}"\n'
        )
    result = run_hagen("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "markdown")
    assert result.returncode == 1, result.stderr
    assert "(we`ird|a&lt;b&gt; c.yaml)</summary>" in result.stdout
    assert "| changed | `data.k` | ```'a``b\\|<i>1'``` | ```'a``b\\|<i>2'``` |" in result.stdout


def test_markdown_code_span_fence_outgrows_backtick_runs() -> None:
    from hagen._diff._format_markdown import code

    assert code("a``b") == "```a``b```"
    assert code("`x") == "`` `x ``"
    assert code("plain\nline") == "`plain line`"

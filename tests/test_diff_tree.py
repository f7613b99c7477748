"""Reading trees: multi-document files, empty documents, List kinds, values files, untrusted input, git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hagen import InputError, UnsafeYAMLError
from hagen._diff import diff_paths, diff_revision, read_path

MULTI = """\
# a comment
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: ns}
data: {k: v}
---
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: s, namespace: ns}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: reader}
"""

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_multi_document_files_empty_documents_and_lists(tmp_path: Path) -> None:
    tree = read_path(write(tmp_path, {"all.yaml": MULTI}))
    assert sorted(tree.documents()) == [
        "core.ConfigMap.ns.a",
        "core.Service.ns.s",
        "rbac.authorization.k8s.io.ClusterRole._.reader",
    ]


def test_values_files_and_other_yaml_are_keyed_by_path(tmp_path: Path) -> None:
    files = {
        "app/helm/jenkins/values.yaml": "controller: {image: jenkins}\n",
        "values-prod.yaml": "replicas: 3\n",
        "notes.yaml": "- one\n---\n- two\n",
    }
    tree = read_path(write(tmp_path, files))
    assert sorted(tree.documents()) == [
        "app/helm/jenkins/values.yaml",
        "notes.yaml#1",
        "notes.yaml#2",
        "values-prod.yaml",
    ]
    assert {e.doc_kind for e in tree.entries("values-prod.yaml")} == {"values"}


def test_hidden_files_and_folders_are_skipped_and_symlinks_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hunter2\n")
    root = write(tmp_path / "tree", {".git/config": "x", ".hidden.yaml": "a: 1\n", "a.yaml": "a: 1\n"})
    os.symlink(secret, root / "link.yaml")
    tree = read_path(root)
    assert sorted(tree.texts) == ["a.yaml", "link.yaml"]
    assert "hunter2" not in tree.texts["link.yaml"]


def test_a_billion_laughs_document_is_refused(tmp_path: Path) -> None:
    old = write(tmp_path / "old", {"a.yaml": "a: 1\n"})
    new = write(tmp_path / "new", {"a.yaml": BILLION_LAUGHS})
    with pytest.raises(UnsafeYAMLError, match="aliases"):
        diff_paths(old, new)


def test_python_tags_are_refused(tmp_path: Path) -> None:
    old = write(tmp_path / "old", {"a.yaml": "a: 1\n"})
    new = write(tmp_path / "new", {"a.yaml": "a: !!python/object/apply:os.system ['true']\n"})
    with pytest.raises(UnsafeYAMLError, match="tag"):
        diff_paths(old, new)


def test_unreadable_yaml_names_the_file(tmp_path: Path) -> None:
    old = write(tmp_path / "old", {"a.yaml": "a: 1\n"})
    new = write(tmp_path / "new", {"a.yaml": "a: [1\n"})
    with pytest.raises(InputError, match=r"new/a\.yaml:2:1: not valid YAML"):
        diff_paths(old, new)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


def test_a_revision_is_read_from_git_without_touching_the_work_tree(tmp_path: Path) -> None:
    out = write(
        tmp_path / "out", {"cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n"}
    )
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    (out / "cm.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: w}\n")
    status = git(tmp_path, "status", "--porcelain")
    result = diff_revision(out, "HEAD")
    [change] = result.changes
    assert (change.path, change.old, change.new) == (("data", "k"), "v", "w")
    assert git(tmp_path, "status", "--porcelain") == status
    with pytest.raises(InputError, match="git"):
        diff_revision(out, "no-such-rev")


def test_many_files_each_under_the_alias_limit_are_refused_together(tmp_path: Path) -> None:
    # Each file expands to 10**6 nodes: under the per-file bound, over the tree's bound after a few files.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcde", "bcdef", strict=True)
    )
    old = write(tmp_path / "old", {"f0.yaml": "a: 1\n"})
    new = write(tmp_path / "new", {f"f{i}.yaml": bomb for i in range(6)})
    with pytest.raises(UnsafeYAMLError, match="together"):
        diff_paths(old, new)


def test_a_value_hagen_would_not_write_is_still_shown(tmp_path: Path) -> None:
    # .nan reads as a float NaN, which hagen's emitter refuses; the diff shows the committed value anyway.
    from hagen import format_diff

    long = ", ".join(["1"] * 30)
    for name, body in (("old", "x: {a: 1}"), ("new", f"x: {{a: 1, c: {{d: [.inf, {long}]}}}}")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "c.yaml").write_text(
            f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\n{body}\n"
        )
    text = format_diff(diff_paths(tmp_path / "old", tmp_path / "new"))
    assert "+ x.c:\n        d:\n        - .inf\n        - 1\n" in text

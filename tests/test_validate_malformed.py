"""Malformed input through the real CLI: one error line each (file, line, object, field, found, allowed).

The corpus is tests/data/malformed/. An object that reads as YAML but not as a Kubernetes object is a
validation error (exit 1); YAML that cannot be read (syntax, duplicate keys, refused tags, too large) is
an input error (exit 2). Never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, run_hagen

CORPUS = DATA / "malformed"

CASES = [
    ("list-items-not-a-list", 1, ":3: List: items: found an integer (5) where a list of objects is required"),
    (
        "list-item-not-a-mapping",
        1,
        ':4: List: items[0]: found a string ("hello") where an object (a mapping) is required',
    ),
    (
        "metadata-a-string",
        1,
        ':3: ConfigMap: metadata: found a string ("hello") where a mapping (ObjectMeta) is required',
    ),
    (
        "key-not-a-string",
        1,
        ":6: core.ConfigMap._.c: data: found an integer (1) as a key where keys must be strings (quote it)",
    ),
    # An explicit tag makes a key an integer whatever it looks like: found by the walk over the keys.
    (
        "tagged-key-not-a-string",
        1,
        ":6: core.ConfigMap._.c: data: found an integer (1) as a key where keys must be strings (quote it)",
    ),
    (
        "apiversion-a-list",
        1,
        ':1: ConfigMap c: apiVersion: found a list (["v1"]) where a string is required',
    ),
    (
        "kind-a-mapping",
        1,
        ':2: object c: kind: found a mapping ({"name": "ConfigMap"}) where a string is required',
    ),
    # The API server's reader keeps an unquoted timestamp as the text it is: wrong only where a string is.
    (
        "timestamp-for-an-integer",
        1,
        ':6: apps.Deployment._.web: spec.replicas: expected integer, got string "2024-01-01"',
    ),
    ("timestamp-for-a-string", 0, "1 object validated against Kubernetes"),
    (
        "duplicate-replicas",
        2,
        ":7: duplicate key 'replicas' (first at line 6); keys must be unique: the API server's strict "
        "field validation refuses a duplicate field",
    ),
    ("duplicate-metadata", 2, ":7: duplicate key 'metadata' (first at line 3)"),
    ("key-a-list", 2, ":6: not valid YAML: found unhashable key; keys must be strings"),
    ("unclosed-flow", 2, ":6:1: not valid YAML: did not find expected ',' or '}'"),
    ("document-a-list", 2, ": document 1 is a list, not a mapping"),
    ("language-tag", 2, ": refused YAML tag: could not determine a constructor for the tag"),
]


def test_every_corpus_file_has_a_case() -> None:
    assert sorted(p.stem for p in CORPUS.glob("*.yaml")) == sorted(name for name, _, _ in CASES)


@pytest.mark.parametrize(("name", "code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_one_clear_line(name: str, code: int, expected: str) -> None:
    file = CORPUS / f"{name}.yaml"
    proc = run_hagen("validate", str(file))
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    if code == 2:
        assert proc.stderr == f"hagen validate: error: {file}{expected}" + proc.stderr.split(expected, 1)[1]
        assert proc.stderr.count("\n") == 1 and not proc.stdout
    elif code == 1:
        errors = [line for line in proc.stdout.splitlines() if line.startswith("error: ")]
        assert errors == [f"error: {file}{expected}"], proc.stdout
    else:
        assert expected in proc.stdout and "error: " not in proc.stdout


@pytest.mark.parametrize("name", ["duplicate-replicas", "duplicate-metadata", "key-a-list", "unclosed-flow"])
def test_diff_refuses_unreadable_yaml_with_the_same_line(name: str, tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    file = CORPUS / f"{name}.yaml"
    proc = run_hagen("diff", str(tmp_path / "old"), str(file))
    expected = dict((n, e) for n, _, e in CASES)[name]
    assert proc.returncode == 2 and expected in proc.stderr and "Traceback" not in proc.stderr


def run_measured(*args: str, tmp: Path) -> tuple[int, str, float]:
    """(exit code, stderr, peak memory in MiB) of `hagen ARGS`, the peak of that process alone."""
    err = tmp / "stderr.txt"
    with err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "hagen", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr
        )
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err.read_text(), usage.ru_maxrss / 1024


def test_a_200_mb_file_is_refused_by_its_size_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk, and must not be read
    code, stderr, _ = run_measured("validate", str(big), tmp=tmp_path)
    assert code == 2
    assert stderr == (
        f"hagen validate: error: {big}: 200.0 MiB, larger than the 64.0 MiB hagen reads in one file; "
        "refused unread\n"
    )
    (tmp_path / "old").mkdir()
    code, stderr, _ = run_measured("diff", str(tmp_path / "old"), str(big), tmp=tmp_path)
    assert code == 2 and "200.0 MiB, larger than the 64.0 MiB" in stderr


def test_a_40_mb_configmap_is_refused_before_parsing(tmp_path: Path) -> None:
    keys = "".join(f"  k{i}: v\n" for i in range(3_000_000))
    big = tmp_path / "cm.yaml"
    big.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" + keys)
    size = big.stat().st_size / (1024 * 1024)
    for command in (["validate", str(big)], ["diff", str(tmp_path / "none.yaml"), str(big)]):
        (tmp_path / "none.yaml").write_text("{}\n")
        code, stderr, _ = run_measured(*command, tmp=tmp_path)
        assert code == 2, stderr
        assert f"{big}:1: a YAML document of {size:.1f} MiB; the API server accepts requests of at most " in (
            stderr
        )
        assert "etcd stores objects of at most 1.5 MiB; refused unread" in stderr


def test_objects_over_the_api_server_limits_are_one_error_each(tmp_path: Path) -> None:
    value = "x" * (600 * 1024)
    data = "".join(f"  k{i}: {value}\n" for i in range(2))  # 1.2 MiB of data, a 1.2 MiB document
    cm = tmp_path / "cm.yaml"
    cm.write_text(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n{data}")
    proc = run_hagen("validate", str(cm))
    assert proc.returncode == 1
    # The API server's ConfigMap rule (hagen._validate._api), after the schema: the same words.
    assert f"error: {cm}:1: core.ConfigMap._.big: Too long: may not be more than 1048576 bytes" in proc.stdout
    annotations = "".join(f"    a{i}: {value}\n" for i in range(3))  # 1.8 MiB: beyond etcd's 1.5 MiB
    pod = tmp_path / "pod.yaml"
    pod.write_text(f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n{annotations}")
    proc = run_hagen("validate", str(pod))
    assert proc.returncode == 1
    assert "core.Pod._.p: found 1,843,2" in proc.stdout
    assert "bytes of JSON where etcd stores at most 1,572,864 per object" in proc.stdout


def test_validate_does_not_follow_a_symlink_out_of_its_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: secret-elsewhere\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "inside.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: here\n")
    os.symlink(outside, tree / "link.yaml")
    os.symlink(tree / "inside.yaml", tree / "alias.yaml")  # inside the tree: followed
    os.symlink(tmp_path, tree / "up")  # a folder link: not descended into
    proc = run_hagen("validate", str(tree))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "secret-elsewhere" not in proc.stdout
    assert f"not validated: {tree}/link.yaml: {tree}/link.yaml: symlink to {outside}, outside {tree}; " in (
        proc.stdout
    )
    # Said, not silently skipped: a user whose out/prod is a link would otherwise read "0 errors".
    assert (
        f"not validated: {tree}/up: {tree}/up: symlinked folder (to {tmp_path}); not followed" in proc.stdout
    )
    assert "2 objects validated" in proc.stdout

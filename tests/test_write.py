"""The writer: all or nothing, unchanged files untouched, foreign files never touched, stale files removed."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from hagen._output import OWNED_RECORD, read_owned, write_tree


def test_first_write_records_what_it_owns(tmp_path: Path) -> None:
    report = write_tree({"a/x.yaml": "x\n", "a/y.yaml": "y\n"}, tmp_path)
    assert report.written == ["a/x.yaml", "a/y.yaml"]
    assert read_owned(tmp_path) == {"a/x.yaml", "a/y.yaml"}


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write_tree({"a/x.yaml": "x\n"}, tmp_path)
    before = (tmp_path / "a/x.yaml").stat()
    report = write_tree({"a/x.yaml": "x\n"}, tmp_path)
    after = (tmp_path / "a/x.yaml").stat()
    assert report.unchanged == ["a/x.yaml"] and report.written == []
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_stale_owned_files_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    write_tree({"a/x.yaml": "x\n", "a/helm/j/values.yaml": "v\n"}, tmp_path)
    report = write_tree({"a/x.yaml": "x\n"}, tmp_path)
    assert report.removed == ["a/helm/j/values.yaml"]
    assert not (tmp_path / "a/helm").exists()
    assert read_owned(tmp_path) == {"a/x.yaml"}


def test_foreign_file_in_the_way_stops_everything(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/y.yaml").write_text("mine\n")
    with pytest.raises(hagen.OutputError, match=r"did not generate a/y\.yaml"):
        write_tree({"a/x.yaml": "x\n", "a/y.yaml": "y\n"}, tmp_path)
    assert (tmp_path / "a/y.yaml").read_text() == "mine\n"
    assert not (tmp_path / "a/x.yaml").exists()
    assert not (tmp_path / OWNED_RECORD).exists()


def test_foreign_files_beside_output_are_left_alone(tmp_path: Path) -> None:
    write_tree({"a/x.yaml": "x\n"}, tmp_path)
    (tmp_path / "a/notes.md").write_text("keep\n")
    write_tree({}, tmp_path)
    assert (tmp_path / "a/notes.md").read_text() == "keep\n"
    assert not (tmp_path / "a/x.yaml").exists()


def test_removal_is_limited_to_scope(tmp_path: Path) -> None:
    write_tree({"a/x.yaml": "x\n", "b/y.yaml": "y\n"}, tmp_path)
    report = write_tree({"a/x.yaml": "x2\n"}, tmp_path, scope={"a"})
    assert report.removed == []
    assert (tmp_path / "b/y.yaml").exists()
    assert read_owned(tmp_path) == {"a/x.yaml", "b/y.yaml"}


def test_synth_of_example_matches_plan(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    hagen.synth([root / "blueprints"], tmp_path)
    planned = hagen.plan([root / "blueprints"])
    on_disk = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk == planned


def test_temporary_files_of_the_former_writer_are_removed_with_the_next_write(tmp_path: Path) -> None:
    write_tree({"a/x.yaml": "x\n"}, tmp_path)
    left = ["a/.x.yaml.k3v_9z1q.tmp", "a/.gone.yaml.abcdefgh.tmp"]
    kept = ["a/.notes.md.abcdefgh.tmp", "a/.x.yaml.tmp", "a/x.yaml.abcdefgh.tmp"]
    for rel in left + kept:
        (tmp_path / rel).write_text("partial")
    write_tree({"a/x.yaml": "x\n", "a/gone.yaml": "g\n"}, tmp_path)
    assert not (tmp_path / left[0]).exists() and not (tmp_path / left[1]).exists()
    assert all((tmp_path / rel).read_text() == "partial" for rel in kept)

"""A folder the write creates is built whole in the staging folder and moved into out/ by one rename.

The journal records that move as one step (``M``), which the next run repeats or skips like the others;
files in folders that already exist are still staged and renamed one by one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import hagen
from hagen._output import _journal, owned_record, recover_output, write_tree
from tests._write_trees import snapshot


def _files(out: Path) -> dict[str, str]:
    return {rel: text for rel, text in snapshot(out).items() if text != "/"}


class _CountingOs:
    """The os module, counting the renames the journal makes."""

    def __init__(self) -> None:
        self.replaced: list[str] = []

    def replace(self, src: str, dst: str) -> None:
        self.replaced.append(os.path.relpath(dst, self.out))
        os.replace(src, dst)

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)


def _write_counting(
    monkeypatch: pytest.MonkeyPatch, files: dict[str, str], out: Path
) -> tuple[hagen.WriteReport, list[str]]:
    counting = _CountingOs()
    counting.out = os.fspath(out)  # type: ignore[attr-defined]
    monkeypatch.setattr(_journal, "os", counting)
    report = write_tree(files, out)
    monkeypatch.undo()
    return report, counting.replaced


def test_a_new_folder_is_moved_in_by_one_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"shop/t{i}/deployment.yaml": f"d {i}\n" for i in range(50)} | {"shop/kustomization.yaml": "k\n"}
    out = tmp_path / "out"
    report, replaced = _write_counting(monkeypatch, files, out)
    assert replaced == ["shop", ".hagen-owned"]  # one rename for 51 files in 51 new folders, the record
    assert len(report.written) == 51
    assert _files(out) == files | {".hagen-owned": owned_record(files)}
    assert not (out / ".hagen-staging").exists()
    for rel in files:
        assert os.stat(out / rel).st_mode & 0o777 == 0o644


def test_files_in_existing_folders_are_renamed_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree({"shop/a.yaml": "a\n"}, out)
    files = {"shop/a.yaml": "a2\n", "shop/b.yaml": "b\n", "shop/new/c.yaml": "c\n", "web/d.yaml": "d\n"}
    _, replaced = _write_counting(monkeypatch, files, out)
    assert replaced == ["shop/new", "web", "shop/a.yaml", "shop/b.yaml", ".hagen-owned"]
    assert _files(out) == files | {".hagen-owned": owned_record(files)}


def test_a_killed_move_is_finished_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    staging = out / ".hagen-staging"
    (staging / "tree/shop/t1").mkdir(parents=True)
    (staging / "tree/shop/t1/deployment.yaml").write_text("d\n")
    (staging / "files").mkdir()
    (staging / "files/0").write_text("shop/t1/deployment.yaml\n")
    (staging / "journal").write_text("hagen journal 1\nM\tshop\nW\t0\t.hagen-owned\n")
    recover_output(out)
    assert _files(out) == {"shop/t1/deployment.yaml": "d\n", ".hagen-owned": "shop/t1/deployment.yaml\n"}
    # killed after the move: the step is skipped, the rest is done
    (staging / "files").mkdir(parents=True)
    (staging / "files/0").write_text("again\n")
    (staging / "journal").write_text("hagen journal 1\nM\tshop\nW\t0\t.hagen-owned\n")
    recover_output(out)
    assert _files(out) == {"shop/t1/deployment.yaml": "d\n", ".hagen-owned": "again\n"}


def test_a_move_never_goes_through_a_symlink(tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    staging = out / ".hagen-staging"
    (staging / "tree/a/shop").mkdir(parents=True)
    (out / "a").symlink_to(elsewhere)
    (staging / "journal").write_text("hagen journal 1\nM\ta/shop\n")
    with pytest.raises(hagen.OutputError, match=r"out/a: is a symbolic link; hagen never writes"):
        recover_output(out)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("entry", ["../x", "/abs", "a//b", ".hagen-lock", "a\\b"])
def test_a_move_step_outside_out_is_refused(tmp_path: Path, entry: str) -> None:
    out = tmp_path / "out"
    (out / ".hagen-staging").mkdir(parents=True)
    (out / ".hagen-staging/journal").write_text(f"hagen journal 1\nM\t{entry}\n")
    with pytest.raises(hagen.OutputError, match="is not a step hagen writes"):
        recover_output(out)

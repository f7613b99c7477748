"""The writer under hostile input and a failing environment: an ownership record pointing outside out/,
symlinks inside it, a full or read-only disk, a second writer. Each case asserts the message and that
nothing outside out/ (and, on error, nothing inside it) changed."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import hagen
from hagen._output import _journal, write_tree
from hagen._output._lock import out_lock
from tests._write_trees import snapshot
from tests.conftest import run_hagen

OLD = {"web/deployment.yaml": "old\n", "web/service.yaml": "svc\n"}
NEW = {"web/deployment.yaml": "new\n", "web/config.yaml": "cfg\n"}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    write_tree(OLD, folder)
    return folder


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("precious\n")
    return path


def _append(out: Path, line: str) -> None:
    with open(out / ".hagen-owned", "a") as record:
        record.write(line + "\n")


@pytest.mark.parametrize("entry", ["../victim.txt", "{victim}"], ids=["parent", "absolute"])
def test_record_entries_outside_out_are_refused(out: Path, victim: Path, entry: str) -> None:
    entry = entry.format(victim=victim)
    _append(out, entry)
    before = snapshot(out)
    with pytest.raises(hagen.OutputError) as caught:
        write_tree({}, out)  # every recorded file would be stale
    why = (
        "is an absolute path"
        if entry.startswith("/")
        else "leaves out/ or is not a plain relative path (empty, '.' or '..' part)"
    )
    assert str(caught.value).startswith(f"{out}/.hagen-owned: line 4: {entry!r} {why}; ")
    assert "nothing was written or removed" in str(caught.value)
    assert victim.read_text() == "precious\n" and snapshot(out) == before


def test_record_entry_outside_out_is_refused_by_the_cli_and_by_diff(
    out: Path, victim: Path, tmp_path: Path
) -> None:
    bp = tmp_path / "bp"
    bp.mkdir()
    (bp / "web.py").write_text(
        "from hagen import Blueprint\n\nclass Web(Blueprint):\n    name = 'web'\n    tiers = []\n"
    )
    _append(out, "../victim.txt")
    for command in ("synth", "diff"):
        result = run_hagen(command, str(bp), "-o", str(out))
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1
        assert (
            f"hagen {command}: error: {out}/.hagen-owned: line 4: '../victim.txt' leaves out/"
            in result.stderr
        )
    assert victim.read_text() == "precious\n"


def test_a_symlinked_folder_inside_out_is_never_written_through(out: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (out / "web").rename(elsewhere)
    (out / "web").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    with pytest.raises(
        hagen.OutputError, match=r"/out/web: is a symbolic link; hagen never writes or removes"
    ):
        write_tree(NEW, out)
    assert snapshot(elsewhere) == before


def test_a_record_entry_through_a_symlinked_folder_is_never_removed(out: Path, victim: Path) -> None:
    (out / "link").symlink_to(victim.parent)
    _append(out, "link/victim.txt")
    with pytest.raises(
        hagen.OutputError, match=r"/out/link: is a symbolic link; .*\(reaching link/victim\.txt\)"
    ):
        write_tree(OLD, out)
    assert victim.read_text() == "precious\n"


def test_a_dangling_symlink_at_a_generated_name_is_not_replaced(out: Path, tmp_path: Path) -> None:
    (out / "web/config.yaml").symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(hagen.OutputError) as caught:
        write_tree(NEW, out)
    assert str(caught.value) == (
        f"{out}/web/config.yaml: is a symbolic link, not a file hagen generated; hagen never writes or "
        "removes it (move it away, or choose another -o folder)"
    )
    assert os.readlink(out / "web/config.yaml") == str(tmp_path / "nowhere.yaml")
    assert not (tmp_path / "nowhere.yaml").exists() and (out / "web/deployment.yaml").read_text() == "old\n"


def test_an_owned_file_replaced_by_a_symlink_is_not_removed(out: Path, victim: Path) -> None:
    (out / "web/service.yaml").unlink()
    (out / "web/service.yaml").symlink_to(victim)
    with pytest.raises(hagen.OutputError, match=r"web/service\.yaml: is a symbolic link, not a file hagen"):
        write_tree(NEW, out)
    assert victim.read_text() == "precious\n" and (out / "web/service.yaml").is_symlink()


def _fail_writes(monkeypatch: pytest.MonkeyPatch, code: int, after: int) -> None:
    real = _journal._write_file
    calls = 0

    def failing(path: Path, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls > after:
            raise OSError(code, os.strerror(code))
        real(path, data)

    monkeypatch.setattr(_journal, "_write_file", failing)


def test_disk_full_midway_leaves_the_old_tree_and_reports_one_line(
    out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(out)
    _fail_writes(monkeypatch, errno.ENOSPC, after=1)  # web/config.yaml staged, then the disk is full
    from hagen._cli import main

    # The CLI calls the public API only: hagen.synth is the seam.
    monkeypatch.setattr(hagen, "synth", lambda *a, **k: write_tree(NEW, out))
    assert main(["synth", "-o", str(out), "blueprints"]) == 2
    err = capsys.readouterr().err
    reason = "cannot write: [Errno 28] No space left on device"
    assert err == f"hagen synth: error: {out}/web/deployment.yaml: {reason}\n"
    assert snapshot(out) == before


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_an_unwritable_folder_leaves_the_old_tree(
    out: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    before = snapshot(out)
    _fail_writes(monkeypatch, code, after=0)
    with pytest.raises(hagen.OutputError, match=rf"cannot write: \[Errno {code}\] {os.strerror(code)}$"):
        write_tree(NEW, out)
    assert snapshot(out) == before


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (skipped where mounting is not allowed)."""
    mount = tmp_path / "fs"
    mount.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_real_full_disk_and_a_real_read_only_file_system(small_tmpfs: Path) -> None:
    out = small_tmpfs / "out"
    write_tree({"a/small.yaml": "x\n"}, out)
    before = snapshot(out)
    with pytest.raises(
        hagen.OutputError, match=r"/out/a/big\.yaml: cannot write: \[Errno 28\] No space left"
    ):
        write_tree({"a/small.yaml": "y\n", "a/big.yaml": "z" * 200_000}, out)
    assert snapshot(out) == before
    subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
    assert write_tree({"a/small.yaml": "x\n"}, out).unchanged == ["a/small.yaml"]  # nothing to change
    with pytest.raises(
        hagen.OutputError, match=r"/out/\.hagen-lock: cannot write: \[Errno 30\] Read-only file"
    ):
        write_tree({"a/small.yaml": "y\n"}, out)
    assert snapshot(out) == before


def test_a_second_writer_is_refused_with_the_first_ones_pid(out: Path) -> None:
    before = snapshot(out)
    with out_lock(out), pytest.raises(hagen.OutputError) as caught:
        write_tree(NEW, out)
    assert str(caught.value) == (
        f"{out}: another hagen synth is writing this folder (pid {os.getpid()}); nothing written, run again "
        "when it has finished"
    )
    assert snapshot(out) == before
    write_tree(NEW, out)
    assert not (out / ".hagen-lock").exists() and not (out / ".hagen-staging").exists()

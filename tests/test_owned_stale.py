"""The ownership record and the stale-file rule: one parser and one rule, shared by the writer, `hagen diff`
and the targets code, so they cannot disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from hagen._diff import diff_planned
from hagen._output import kept_files, parse_owned, removal_scope, stale_files, write_tree
from tests._write_trees import snapshot


def test_one_comment_rule() -> None:
    text = "# head\n   # indented comment\n\n  web/a.yaml  \nweb/#b.yaml\n"
    assert parse_owned(text) == {"web/a.yaml", "web/#b.yaml"}


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ("../x", "leaves out/"),
        ("a/../../x", "leaves out/"),
        ("a//x", "leaves out/"),
        ("./x", "leaves out/"),
        ("/etc/passwd", "is an absolute path"),
        ("a\\..\\x", "backslash"),
        (".hagen-staging/journal", "names hagen's own bookkeeping"),
    ],
)
def test_entries_outside_out_are_refused(entry: str, why: str) -> None:
    with pytest.raises(hagen.OutputError, match=rf"^out/\.hagen-owned: line 2: .* {why}"):
        parse_owned(f"# head\n{entry}\n", "out/.hagen-owned")


def test_the_writer_and_diff_read_an_indented_comment_alike(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree({"web/a.yaml": "a: 1\n"}, out)
    record = out / ".hagen-owned"
    record.write_text(record.read_text() + "  # web/gone.yaml\n")
    assert hagen.read_owned(out) == {"web/a.yaml"}
    result = diff_planned({"web/a.yaml": "a: 1\n"}, out)
    assert not result.drift and result.foreign == ()
    assert write_tree({"web/a.yaml": "a: 1\n"}, out).removed == []


def test_the_stale_rule() -> None:
    owned = {"a/x.yaml", "a/y.yaml", "b/z.yaml", "prod/a/p.yaml", "prod/b/q.yaml"}
    produced = {"a/x.yaml", "prod/a/n.yaml"}
    assert stale_files(owned, produced, None) == owned - produced
    assert stale_files(owned, produced, removal_scope(False, ["a", "prod/a"])) == {
        "a/y.yaml",
        "prod/a/p.yaml",
    }
    assert stale_files(owned, produced, frozenset()) == set()
    kept = kept_files(owned, produced, frozenset({"a"}))
    assert kept == {"a/x.yaml", "prod/a/n.yaml", "b/z.yaml", "prod/a/p.yaml", "prod/b/q.yaml"}
    assert removal_scope(True, ["a"]) is None


def test_a_tampered_journal_is_refused_and_nothing_outside_out_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    write_tree({"web/a.yaml": "a\n"}, out)
    before = snapshot(out)
    (out / ".hagen-staging").mkdir()
    (out / ".hagen-staging/journal").write_text("hagen journal 1\nD\t../victim.txt\n")
    with pytest.raises(
        hagen.OutputError, match=r"journal: 'D\\t\.\./victim\.txt' is not a step hagen writes"
    ):
        write_tree({"web/a.yaml": "b\n"}, out)
    assert victim.read_text() == "precious\n"
    assert {k: v for k, v in snapshot(out).items() if not k.startswith(".hagen-staging")} == before


def test_a_symlinked_staging_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree({"web/a.yaml": "a\n"}, out)
    (tmp_path / "elsewhere").mkdir()
    (out / ".hagen-staging").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(hagen.OutputError, match=r"\.hagen-staging: is not a folder hagen made"):
        write_tree({"web/a.yaml": "b\n"}, out)
    assert (out / "web/a.yaml").read_text() == "a\n"

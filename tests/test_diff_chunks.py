"""Splitting YAML streams into document texts: only where YAML guarantees a new document starts."""

from __future__ import annotations

from hagen import InputError
from hagen._diff import diff_trees
from hagen._diff._chunks import split_documents
from hagen._diff._tree import Tree


def test_documents_split_at_start_markers_and_empty_ones_are_dropped() -> None:
    text = "# header\n---\na: 1\n--- # second\nb: |\n  ---\n  text\n---\n# only a comment\n---\n"
    assert split_documents(text) == ["---\na: 1\n", "--- # second\nb: |\n  ---\n  text\n"]


def test_streams_with_directives_or_end_markers_are_left_whole() -> None:
    assert split_documents("%YAML 1.1\n---\na: 1\n") is None
    assert split_documents("a: 1\n...\nb: 2\n") is None


def test_a_document_that_reads_as_null_falls_back_to_reading_whole_files() -> None:
    old = Tree({"x.yaml": "---\na: 1\n---\nb: 1\n"})
    new = Tree({"x.yaml": "--- ~\n---\na: 1\n---\nb: 1\n"})
    result = diff_trees(old, new)
    assert (result.objects, result.formatting_only) == ((), ("x.yaml",))


def test_errors_in_a_changed_document_name_the_line_in_the_file() -> None:
    old = Tree({"x.yaml": "---\na: 1\n---\nb: 1\n"}, "out/")
    new = Tree({"x.yaml": "---\na: 1\n---\nb: [1\n"}, "out/")
    try:
        diff_trees(old, new)
    except InputError as exc:
        assert "out/x.yaml:5:1" in str(exc)
    else:
        raise AssertionError("invalid YAML was accepted")

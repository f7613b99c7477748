"""The alias bound of the YAML reader: its tree walk runs only where something could expand.

Without an anchor (``&``) nothing in a stream is shared, so its tree has no more nodes than the text
spells; below a quarter of the node limit in characters the walk is skipped. Anything with an ``&``
(even inside a string) or longer than that is walked as before.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._yaml import _load, dump, load_documents


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    walk = _load._expanded_size

    def counted(root: Any, limit: int) -> int:
        calls.append(limit)
        return walk(root, limit)

    monkeypatch.setattr(_load, "_expanded_size", counted)
    return calls


def test_a_manifest_without_anchors_is_read_without_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    docs = load_documents("---\napiVersion: v1\nkind: ConfigMap\n---\nmetadata: {name: a}\n", "m.yaml")
    assert docs == [{"apiVersion": "v1", "kind": "ConfigMap"}, {"metadata": {"name": "a"}}]
    assert calls == []


def test_an_anchor_makes_the_walk_run_for_every_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    docs = load_documents("---\na: &x [1, 2]\nb: *x\n---\nc: 3\n", "m.yaml")
    assert docs == [{"a": [1, 2], "b": [1, 2]}, {"c": 3}]
    assert len(calls) == 2


def test_an_ampersand_inside_a_string_is_walked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    assert load_documents("q: 'a&b'\n", "m.yaml") == [{"q": "a&b"}]
    assert len(calls) == 1


def test_a_long_text_without_anchors_is_still_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    text = "k: " + "x" * _load._UNSHARED_MAX_CHARS + "\n"
    assert load_documents(text, "long.yaml") == [{"k": "x" * _load._UNSHARED_MAX_CHARS}]
    assert len(calls) == 1


def test_flow_collections_spell_at_most_one_node_per_character() -> None:
    # The densest spellings: a flow mapping of keys with null values, nested empty collections.
    for text in ("{a,b,c,d}", "[[],[],{}]", "{a: [b, {c}]}", "[a,b,c]"):
        (doc,) = load_documents(text, "dense.yaml")
        assert _load._expanded_size(doc, 10**6) <= len(text)


plain = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=5),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=4), kids, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(plain)
def test_unshared_trees_have_no_more_nodes_than_their_text_has_characters(data: Any) -> None:
    text = dump(data)  # hagen writes no anchors; an "&" in a string only makes the walk run
    (doc,) = load_documents("---\n" + text, "any.yaml") or [None]
    if doc is not None:
        assert _load._expanded_size(doc, 10**6) <= len(text) + 1

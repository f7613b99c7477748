"""Documents built straight from their nodes (`hagen._yaml._build`) equal what the strict loader builds.

The fast path must give the same data, types included (``1``, ``True`` and ``1.0`` compare equal in
Python, so values are compared with their types), and give up to the loader wherever the loader does
something else: explicit tags, merge keys, anchors, complex and repeated keys.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hagen import InputError, UnsafeYAMLError
from hagen._yaml import _load, dump, load_documents
from hagen._yaml._strict import StrictLoader


def _typed(value: Any) -> Any:
    """`value` with every scalar paired with its type, so 1, True and 1.0 differ (NaN equals NaN)."""
    if isinstance(value, dict):
        return {(type(k), _typed(k)): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return (float, "nan")
    return (type(value), value)


def _by_loader(text: str) -> list[Any]:
    return [d for d in yaml.load_all(text, Loader=StrictLoader) if d is not None]


CASES = [
    "a: 1\nb: y\nc: '1'\nd: 1e3\ne: 0x1F\nf: ~\ng: .inf\nh: 2024-01-01\ni: -_1\nj: 99999999999999999999\n",
    "- [a, {b: c}, []]\n- {}\n- !!str 12\n- !!int '7'\n- !!float '1.5'\n- !!bool 'yes'\n- !!null ''\n",
    "1: one\nfalse: no\nnull: nothing\n.5: half\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "---\na: 1\n---\n---\n- x\n...\n---\nlast\n",
    "k: <<\nq: 'a&b'\n",
    "v: .NaN\nw: -.inf\nx: 0o17\ny: 0b11\nz: 1_000\n",
]


def test_a_key_go_reads_as_another_is_refused_by_both_paths() -> None:
    text = "Y: null\n'true': 1\n"  # quoted: two keys; and Y, true: the same boolean key twice
    assert _typed(load_documents(text, "t.yaml")) == _typed(_by_loader(text))
    with pytest.raises(InputError, match="duplicate key True"):
        load_documents("Y: null\ntrue: null\n", "t.yaml")


@pytest.mark.parametrize("text", CASES)
def test_the_fast_path_gives_the_loaders_data(text: str) -> None:
    assert _typed(load_documents(text, "t.yaml")) == _typed(_by_loader(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: !!float 1\n",  # Go would read 1 as an int: the loader's reading of the tag
        "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",  # merge key and anchor
        "? [a, b]\n: c\n",  # a complex key: the loader's error
        "a: !!binary aGk=\n",
        "a: !!timestamp 2024-01-01\n",
        "s: !!set {a, b}\n",
    ],
)
def test_unusual_documents_take_the_loaders_path(text: str) -> None:
    try:
        expected: Any = _typed(_by_loader(text))
    except yaml.YAMLError as exc:
        expected = type(exc)
    try:
        got: Any = _typed(load_documents(text, "t.yaml"))
    except (InputError, UnsafeYAMLError) as exc:
        got = type(exc)
        expected = got if isinstance(expected, type) else expected
    assert got == expected


def test_a_repeated_key_still_names_both_lines() -> None:
    with pytest.raises(InputError, match=r"t.yaml:3: duplicate key 'a' \(first at line 1\)"):
        load_documents("a: 1\nb: 2\na: 3\n", "t.yaml")


def test_one_and_true_are_the_same_key_as_for_the_loader() -> None:
    with pytest.raises(InputError, match="duplicate key"):
        load_documents("1: a\ntrue: b\n", "t.yaml")


def test_nesting_deeper_than_python_recurses_is_read_by_the_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    depth = 990  # libyaml refuses 1,000 levels; Python's stack gives out first when it is in use
    text = "[" * depth + "]" * depth
    general = StrictLoader.construct_document
    calls: list[int] = []

    def counted(self: StrictLoader, node: Any) -> Any:
        calls.append(1)
        return general(self, node)

    monkeypatch.setattr(StrictLoader, "construct_document", counted)
    (doc,) = load_documents(text, "deep.yaml")
    assert calls == [1]
    for _ in range(depth - 1):
        (doc,) = doc
    assert doc == []


def test_the_fast_path_is_taken_for_a_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(StrictLoader, "construct_document", lambda self, node: calls.append(node))
    assert load_documents("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n") == [
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}
    ]
    assert calls == []


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=False)
    | st.text(max_size=6)
    | st.sampled_from(["y", "no", "~", "1e3", "0x1F", "-_1", "2024-01-01", "<<", ".inf", "1_0", "0o7"])
)


def _nested(kids: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.text(max_size=4) | st.integers(-5, 5) | st.booleans()
    return st.lists(kids, max_size=4) | st.dictionaries(keys, kids, max_size=4)


data = st.recursive(scalars, _nested, max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(data, st.sampled_from(["hagen", "block", "flow"]))
def test_any_text_reads_the_same_by_both_paths(value: Any, style: str) -> None:
    try:
        if style == "hagen":
            text = dump(value)
        else:
            text = yaml.safe_dump(value, default_flow_style=style == "flow", allow_unicode=True)
    except (InputError, yaml.YAMLError):
        return  # not writable: nothing to read
    try:
        expected: Any = _typed(_by_loader(text))
    except yaml.YAMLError as exc:
        expected = type(exc).__name__
    except InputError:  # a repeated key as Go reads it (`Y` and `true` are one key): refused by both
        expected = "refused"
    try:
        got: Any = _typed(_load.load_documents(text, "any.yaml"))
    except (InputError, UnsafeYAMLError):
        got = "refused"
        expected = "refused" if isinstance(expected, str) else expected
    assert got == expected

"""The emitter's text, exactly: where each collection starts beside a ``- ``, keys cached per indent, the
one-document and the stream functions giving the same bytes, and its caches never changing the output."""

from __future__ import annotations

from typing import Any

import pytest

import hagen
from hagen import InputError
from hagen._output import object_document
from hagen._yaml import _emit, dump, dump_document, dump_documents, iter_dump_documents


class _Labels(dict[str, Any]):
    """A dict subclass: takes the general path, must be written like a dict."""


class _Text(str):
    """A str subclass: takes the general path, must be written like its text."""


LONG = "k" * 1001  # beyond the implicit-key limit: an explicit ``? key`` entry


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"a": [[{"b": 1}]]}, "a:\n- - b: 1\n"),
        ([[["x"]], [{"k": "v", "n": {"m": True}}]], "- - - x\n- - k: v\n    'n':\n      m: true\n"),
        ({"a": [{LONG: 1, "b": False}]}, f"a:\n- ? {LONG}\n  : 1\n  b: false\n"),
        ({"a": [_Labels(x="1"), _Labels()]}, "a:\n- x: '1'\n- {}\n"),
        ({"a": ({"b": ()}, [], {}, None)}, "a:\n- b: []\n- []\n- {}\n- null\n"),
        ({_Text("k"): _Text("v"), "s": [_Text("yes")]}, "k: v\ns:\n- 'yes'\n"),
        ({"n": 2**63 - 1, "m": -(2**63), "t": True, "f": False, "z": 0}, None),
        ({"block": "one\ntwo\n", "list": ["a\nb"]}, "block: |\n  one\n  two\nlist:\n- |-\n  a\n  b\n"),
    ],
)
def test_collections_start_beside_their_dash_at_any_depth(data: Any, text: str | None) -> None:
    expected = text or "'n': 9223372036854775807\nm: -9223372036854775808\nt: true\nf: false\nz: 0\n"
    assert dump(data) == expected
    assert dump_document(data) == "---\n" + expected


def test_one_key_at_several_indents_keeps_each_indent() -> None:
    data = {"name": "a", "spec": {"name": "b", "items": [{"name": "c", "spec": {"name": "d"}}]}}
    again = dump(data)
    assert again == "name: a\nspec:\n  name: b\n  items:\n  - name: c\n    spec:\n      name: d\n"
    assert dump(data) == again  # the second run reads every key from the cache


def test_top_level_scalars_and_empty_collections() -> None:
    assert dump("text") == "text\n"
    assert dump("one\ntwo") == "|-\n  one\n  two\n"
    assert dump({}) == "{}\n"
    assert dump([]) == "[]\n"
    assert dump_document(None) == "---\nnull\n"


def test_stream_document_and_stream_functions_give_the_same_bytes() -> None:
    docs = [{"kind": "A", "n": [1, {"x": "y"}]}, ["a", "b"], "c\nd\n", {}]
    stream = dump_documents(docs, "made by\nhagen")
    assert stream.startswith("# made by\n# hagen\n---\nkind: A\n")
    assert stream == "".join(iter_dump_documents(docs, "made by\nhagen"))
    assert stream == "# made by\n# hagen\n" + "".join(dump_document(doc) for doc in docs)
    assert object_document(docs[0]) == dump_document(docs[0])  # type: ignore[arg-type]


def test_a_refused_value_names_its_field_in_every_entry_point() -> None:
    data = {"spec": {"ports": [{"port": 2**63}]}}
    for write in (dump, dump_document, lambda d: dump_documents([d])):
        with pytest.raises(InputError, match=r"cannot write spec\.ports\[0\]\.port as YAML: .*64 bits"):
            write(data)


def test_caches_full_or_cleared_never_change_the_output(monkeypatch: pytest.MonkeyPatch) -> None:
    objects = hagen.synthesize(hagen.load_blueprints(["blueprints"])[0]).objects
    expected = [dump_document(obj) for obj in objects]
    monkeypatch.setattr(_emit, "_CACHE_SIZE", 3)  # every cache is cleared again and again
    _emit._LINES.clear()
    _emit._KEYS.clear()
    assert [dump_document(obj) for obj in objects] == expected
    assert all(len(keys) <= 3 for keys in _emit._KEYS.values())
    assert len(_emit._LINES) <= 3

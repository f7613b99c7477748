"""YAML out reads back as the same data in every reader; YAML in is bounded and safe."""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from hagen import InputError, UnsafeYAMLError
from hagen._yaml import dump, dump_documents, load_documents, load_objects, needs_quotes

# Strings that the API server's YAML 1.1 reader (go-yaml v2) takes for something else when written plain.
GO_YAML_V2_NON_STRINGS = [
    "y",
    "Y",
    "yes",
    "Yes",
    "n",
    "NO",
    "on",
    "Off",
    "true",
    "False",
    "~",
    "null",
    "",
    "1e3",
    "1E3",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "12:30",
    "1.5",
    ".5",
    "-.inf",
    ".NaN",
    "2001-12-14",
    "=",
    "<<",
]


@pytest.mark.parametrize("value", GO_YAML_V2_NON_STRINGS)
def test_ambiguous_strings_are_quoted(value: str) -> None:
    assert needs_quotes(value)
    text = dump({"v": value})
    assert text.startswith("v: '") or text.startswith('v: "')
    assert yaml.safe_load(text) == {"v": value}


@pytest.mark.parametrize(
    "value", ["hello", "gp3", "ebs.csi.aws.com", "kubernetes.io/hostname", "8080/TCP", "v1.2"]
)
def test_plain_strings_stay_plain(value: str) -> None:
    assert not needs_quotes(value)
    assert dump({"v": value}) == f"v: {value}\n"


def _ruamel_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(GO_YAML_V2_NON_STRINGS),
    st.integers(-(2**63), 2**63 - 1),  # Kubernetes numbers are int64; larger ones are refused
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(documents)
def test_round_trip_yaml11_and_yaml12(data: Any) -> None:
    text = dump({"root": data})
    assert yaml.safe_load(text) == {"root": data}  # YAML 1.1, as the API server reads
    assert _ruamel_load(text) == {"root": data}  # YAML 1.2


@settings(max_examples=100)
@given(
    st.lists(
        st.dictionaries(st.text(min_size=1, max_size=8), scalars, min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    )
)
def test_streams_round_trip_and_start_with_marker(docs: list[dict[str, Any]]) -> None:
    text = dump_documents(docs, header="generated")
    assert text.startswith("# generated\n---")
    assert load_documents(text) == docs


def test_shared_objects_are_written_without_anchors() -> None:
    labels = {"a": "b"}
    text = dump({"x": labels, "y": labels})
    assert "&" not in text and "*" not in text


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(
            f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    with pytest.raises(UnsafeYAMLError, match="aliases"):
        load_documents("\n".join(lines), "bomb.yaml")


def test_python_tags_are_refused() -> None:
    with pytest.raises(UnsafeYAMLError):
        load_documents("!!python/object/apply:os.system ['true']", "evil.yaml")


def test_bad_yaml_names_file_and_line() -> None:
    with pytest.raises(InputError, match=r"broken.yaml:2:"):
        load_documents("a: 1\n b: [\n", "broken.yaml")


def test_list_kinds_are_unpacked() -> None:
    text = "kind: List\nitems:\n- kind: A\n- kind: B\n---\n---\nkind: C\n"
    assert [o["kind"] for o in load_objects(text)] == ["A", "B", "C"]


# The hand-written emitter against libyaml: same bytes on Kubernetes-shaped data, same data in any reader.
k8s_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-./", min_size=1, max_size=12)
k8s_scalars = st.one_of(
    k8s_words, st.integers(0, 70000), st.booleans(), st.sampled_from(GO_YAML_V2_NON_STRINGS)
)
k8s_documents = st.recursive(
    k8s_scalars,
    lambda c: st.one_of(
        st.lists(c, min_size=1, max_size=3), st.dictionaries(k8s_words, c, min_size=1, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300)
@given(st.dictionaries(k8s_words, k8s_documents, min_size=1, max_size=4))
def test_emitter_matches_libyaml_on_kubernetes_shaped_data(data: dict[str, Any]) -> None:
    from hagen._yaml import libyaml_dump

    assert dump(data) == libyaml_dump(data)


tricky = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "a: b",
            "- x",
            "#c",
            "x #y",
            " lead",
            "trail ",
            "a\nb\n",
            "a\n\n",
            "\n x",
            "|",
            "'q'",
            '"',
            "\t",
            "ünï",
            "😀",
            "\x7f",
            "\u2028",
            "a\r\nb",
            "key:",
            "? q",
            "*ref",
            "&anchor",
            "!tag",
            "%x",
            "@x",
            "`x",
        ]
    ),
    st.integers(-(2**63), 2**63 - 1),  # Kubernetes numbers are int64; larger ones are refused
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),  # NaN and infinities are refused (JSON has neither)
)


@settings(max_examples=1000)
@given(
    st.recursive(
        tricky,
        lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(max_size=10), c, max_size=4)),
        max_leaves=25,
    )
)
def test_emitter_round_trips_anything_in_both_readers(data: Any) -> None:
    text = dump_documents([{"root": data}])
    assert yaml.safe_load(text) == {"root": data}
    assert _ruamel_load(text) == {"root": data}


def test_deeply_nested_documents_load_without_recursion_errors() -> None:
    depth = 900
    text = "a: " + "[" * depth + "]" * depth + "\n"
    (doc,) = load_documents(text, "deep.yaml")
    for _ in range(depth - 1):
        doc = doc["a"] if isinstance(doc, dict) else doc[0]
    assert doc is not None


def test_recursive_aliases_are_refused() -> None:
    with pytest.raises(UnsafeYAMLError):
        load_documents("a: &x [*x]\n", "loop.yaml")

"""hagen's YAML against the reader Kubernetes uses (go-yaml v2 through ghodss/yaml), PyYAML and ruamel.

The corpus (tests/data/yaml-scalars.txt, one JSON string per line) holds tricky scalars: every token family
go-yaml v2, YAML 1.1 and YAML 1.2 type differently, indicators, whitespace, control and non-ASCII text.
"""

from __future__ import annotations

import datetime
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from hagen import InputError
from hagen._yaml import dump, dump_documents
from hagen._yaml._goload import GoLoader
from hagen._yaml._goresolve import go_plain

from ._goyaml import GoReader, GoYAMLError
from .conftest import DATA, ROOT

CORPUS: list[str] = [
    json.loads(line) for line in (DATA / "yaml-scalars.txt").read_text(encoding="utf-8").splitlines() if line
]
ISSUE_TOKENS = ["0X1F", "0O17", "0B11", "-0o7", "-0X1F", "0_x1F", "-_1", "1e_3", "1e3_", "1.5e_3"]


def _pyyaml_c(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _pyyaml_pure(text: str) -> Any:
    return yaml.load(text, Loader=yaml.SafeLoader)


def _ruamel(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def _all_readers(text: str, go: GoReader) -> dict[str, Any]:
    return {
        "go-yaml v2": go.load(text),
        "PyYAML (libyaml)": _pyyaml_c(text),
        "PyYAML (pure)": _pyyaml_pure(text),
        "ruamel.yaml 1.2": _ruamel(text),
    }


def _as_json(data: Any) -> Any:
    """What the API server receives: JSON, where tuples are arrays and keys are strings."""
    return json.loads(json.dumps(data))


def test_corpus_is_large_and_holds_the_issue_tokens() -> None:
    assert len(CORPUS) >= 200
    assert set(ISSUE_TOKENS) <= set(CORPUS)


@pytest.mark.parametrize("value", ISSUE_TOKENS)
def test_go_number_tokens_are_quoted(value: str, go_yaml: GoReader) -> None:
    text = dump({"v": value})
    assert text == f"v: '{value}'\n"
    assert go_yaml.load(f"v: {value}\n")["v"] != value  # written plain, Kubernetes reads a number
    assert {name: got["v"] for name, got in _all_readers(text, go_yaml).items()} == dict.fromkeys(
        ["go-yaml v2", "PyYAML (libyaml)", "PyYAML (pure)", "ruamel.yaml 1.2"], value
    )


def test_corpus_round_trips_through_all_four_readers(go_yaml: GoReader) -> None:
    wrong = []
    for value in CORPUS:
        for data in ({"v": value}, {value or "k": "v"}, [value], value):
            text = dump(data)
            for reader, got in _all_readers(text, go_yaml).items():
                if got != data:
                    wrong.append((reader, data, text, got))
    assert wrong == []


def _go_json(value: Any) -> Any:
    """The JSON go-yaml v2 + ghodss make of a value typed by `go_plain` (NaN and infinities are refused)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "refused"
    return _as_json(value)


def _same_typing(python: Any, go: Any) -> bool:
    """Equal values of the same JSON type (Go prints a float with integral value as an integer)."""
    if isinstance(python, float):
        return type(go) in (int, float) and float(go) == python
    return type(python) is type(go) and bool(python == go)


def _same_data(python: Any, go: Any) -> bool:
    """`_same_typing` throughout a document."""
    if isinstance(python, dict):
        return (
            isinstance(go, dict)
            and python.keys() == go.keys()
            and all(_same_data(v, go[k]) for k, v in python.items())
        )
    if isinstance(python, list):
        return isinstance(go, list) and len(python) == len(go) and all(map(_same_data, python, go))
    return _same_typing(python, go)


def _go_reading(text: str, go: GoReader) -> Any:
    try:
        return go.load(text)
    except GoYAMLError as exc:
        assert "unsupported value" in str(exc)
        return "refused"


def _plain_scalars(values: list[str]) -> list[str]:
    """The values a YAML parser reads as one plain scalar when written after ``v: ``."""
    plain = []
    for value in values:
        try:
            node = yaml.compose(f"v: {value}\n", Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue
        scalar = node.value[0][1] if isinstance(node, yaml.MappingNode) and len(node.value) == 1 else None
        if isinstance(scalar, yaml.ScalarNode) and scalar.style is None and scalar.value == value:
            plain.append(value)
    return plain


def test_python_loader_types_the_corpus_as_go_does(go_yaml: GoReader) -> None:
    scalars = _plain_scalars(CORPUS)
    assert len(scalars) > 150
    wrong = []
    for value in scalars:
        text = f"v: {value}\n"
        go = _go_reading(text, go_yaml)
        python = _go_json(yaml.load(text, Loader=GoLoader)["v"])
        go_value = go if go == "refused" else go["v"]
        if not _same_typing(python, go_value):
            wrong.append((value, go_value, python))
    assert wrong == []


number_like = st.text(alphabet="0123456789+-._eExXoObBabcdefABCDEF", min_size=1, max_size=12)


@settings(max_examples=400)
@given(value=number_like)
def test_python_resolver_types_number_like_scalars_as_go_does(value: str, go_yaml: GoReader) -> None:
    for scalar in _plain_scalars([value]):
        go = _go_reading(f"v: {scalar}\n", go_yaml)
        assert _same_typing(_go_json(go_plain(scalar)[1]), go if go == "refused" else go["v"]), scalar


strings = st.one_of(st.text(max_size=30), st.sampled_from(CORPUS))
keys = st.one_of(strings, st.text(min_size=1025, max_size=1300, alphabet="ab: #'\"-"))
scalars = st.one_of(
    strings,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
        st.tuples(children, children),
    ),
    max_leaves=12,
)


@settings(max_examples=250)
@given(data=documents)
def test_any_document_reads_back_in_all_four_readers(data: Any, go_yaml: GoReader) -> None:
    text = dump(data)
    expected = _as_json(data)
    assert _same_data(expected, go_yaml.load(text))
    for reader in (_pyyaml_c, _pyyaml_pure, _ruamel):
        assert _as_json(reader(text)) == expected


def test_multi_line_top_level_string_reads_back(go_yaml: GoReader) -> None:
    for value in ["a\nb", "a\nb\n", "a\n\nb\n\n", "x: y\n- z\n"]:
        assert dump(value).startswith("|")
        assert set(map(repr, _all_readers(dump(value), go_yaml).values())) == {repr(value)}


def test_keys_over_1024_characters_are_explicit(go_yaml: GoReader) -> None:
    key = "k" * 1500
    text = dump({key: {"a": [1]}, "b": 2})
    assert text.startswith(f"? {key}\n:\n")
    for got in _all_readers(text, go_yaml).values():
        assert got == {key: {"a": [1]}, "b": 2}


def test_dates_and_tuples_are_written_as_kubernetes_reads_them(go_yaml: GoReader) -> None:
    utc = datetime.UTC
    data = {"day": datetime.date(2024, 2, 29), "at": datetime.datetime(2024, 2, 29, 8, 0, tzinfo=utc)}
    text = dump({**data, "pair": ("a", 1)})
    assert text == "day: '2024-02-29'\nat: '2024-02-29T08:00:00Z'\npair:\n- a\n- 1\n"
    expected = {"day": "2024-02-29", "at": "2024-02-29T08:00:00Z", "pair": ["a", 1]}
    assert go_yaml.load(text) == expected
    assert _pyyaml_c(text) == _ruamel(text) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"env": ["ok", "a\ud800b"]}, r"cannot write env\[1\] as YAML: 'a\\ud800b' holds a lone surrogate"),
        ({"at": datetime.datetime(2024, 1, 1)}, "cannot write at as YAML: .* has no time zone"),
        ({"n": 2**64}, "cannot write n as YAML: 18446744073709551616 is beyond 64 bits"),
        ({"s": {1, 2}}, "cannot write s as YAML: set .* has no YAML form Kubernetes reads"),
        ({"f": [1.5, float("nan")]}, r"cannot write f\[1\] as YAML: nan is not a finite number; .* JSON"),
        (
            {"f": float("-inf")},
            "cannot write f as YAML: -inf is not a finite number; Kubernetes objects are JSON",
        ),
    ],
)
def test_values_no_reader_reads_back_are_refused(data: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        dump(data)


def _out_files() -> list[Path]:
    return sorted(p for p in (ROOT / "out").rglob("*") if p.suffix in (".yaml", ".yml"))


def test_example_output_reads_the_same_in_go_and_pyyaml(go_yaml: GoReader) -> None:
    files = _out_files()
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        python = [doc for doc in yaml.load_all(text, Loader=yaml.CSafeLoader) if doc is not None]
        assert _same_data(_as_json(python), go_yaml.load_all(text)), path


def test_streams_split_as_kubectl_splits_them(go_yaml: GoReader) -> None:
    text = dump_documents([{"a": "---"}, {"b": ["..."]}], header="generated")
    assert go_yaml.load_all(text) == [{"a": "---"}, {"b": ["..."]}]

"""Deep merge of values layers and the precedence of a release's values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hagen._helm import Chart, HelmRelease, coalesce, deep_merge, merge_layers

keys = st.sampled_from(["a", "b", "c", "d"])
scalars = st.one_of(st.integers(), st.text(max_size=3), st.booleans(), st.none())
values_trees: st.SearchStrategy[dict[str, Any]] = st.recursive(
    st.dictionaries(keys, scalars, max_size=3),
    lambda children: st.dictionaries(
        keys, st.one_of(scalars, children, st.lists(scalars, max_size=2)), max_size=3
    ),
    max_leaves=12,
)


def leaf_paths(tree: dict[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Path -> value for every non-mapping value (and every empty mapping) in `tree`."""
    out: dict[tuple[str, ...], Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict) and value:
            out.update(leaf_paths(value, (*prefix, key)))
        else:
            out[(*prefix, key)] = value
    return out


@given(values_trees)
def test_empty_layers_are_identities(tree: dict[str, Any]) -> None:
    assert deep_merge({}, tree) == tree
    assert deep_merge(tree, {}) == tree


@given(values_trees, values_trees)
def test_every_override_leaf_wins(base: dict[str, Any], override: dict[str, Any]) -> None:
    merged = deep_merge(base, override)
    for path, value in leaf_paths(override).items():
        node: Any = merged
        for key in path:
            node = node[key]
        if value == {}:
            assert isinstance(node, dict)
        else:
            assert node == value


# Trees where a key always holds the same kind of value (m, n: mappings; x, y, z: scalars), as values files
# written for one chart do. Replacing a mapping by a scalar or null breaks associativity (Helm folds files
# left to right, and so does merge_layers), so the property is stated for consistent trees.
consistent_trees: st.SearchStrategy[dict[str, Any]] = st.recursive(
    st.dictionaries(st.sampled_from(["x", "y", "z"]), st.integers(0, 3), max_size=3),
    lambda children: st.builds(
        lambda scalars, maps: {**scalars, **maps},
        st.dictionaries(st.sampled_from(["x", "y", "z"]), st.integers(0, 3), max_size=2),
        st.dictionaries(st.sampled_from(["m", "n"]), children, max_size=2),
    ),
    max_leaves=10,
)


@given(consistent_trees, consistent_trees, consistent_trees)
def test_merge_is_associative_on_consistent_trees(
    a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]
) -> None:
    assert deep_merge(deep_merge(a, b), c) == deep_merge(a, deep_merge(b, c))


@given(values_trees, values_trees, values_trees)
def test_layers_fold_left_like_repeated_helm_f(
    a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]
) -> None:
    assert merge_layers([a, b, c]) == deep_merge(deep_merge(a, b), c)


@given(values_trees, values_trees)
def test_merge_is_idempotent_on_the_override(a: dict[str, Any], b: dict[str, Any]) -> None:
    once = deep_merge(a, b)
    assert deep_merge(once, b) == once


@given(values_trees, values_trees)
def test_inputs_are_not_modified(base: dict[str, Any], override: dict[str, Any]) -> None:
    before = (repr(base), repr(override))
    merged = deep_merge(base, override)
    assert (repr(base), repr(override)) == before
    for key, value in merged.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            assert value is not base[key]


def test_lists_and_scalars_replace_mappings_merge() -> None:
    base = {
        "controller": {
            "installPlugins": ["git:1", "kubernetes:2"],
            "servicePort": 80,
            "admin": {"userKey": "u"},
        }
    }
    override = {"controller": {"installPlugins": ["git:3"], "admin": {"passwordKey": "p"}}}
    assert deep_merge(base, override) == {
        "controller": {
            "installPlugins": ["git:3"],
            "servicePort": 80,
            "admin": {"userKey": "u", "passwordKey": "p"},
        }
    }


def test_none_overrides_and_then_deletes_the_chart_default() -> None:
    merged = deep_merge(
        {"persistence": {"size": "8Gi", "storageClass": "gp3"}}, {"persistence": {"size": None}}
    )
    # kept as null in the written values, so that Helm also drops the chart's own default
    assert merged == {"persistence": {"size": None, "storageClass": "gp3"}}
    chart_defaults = {"persistence": {"size": "8Gi", "accessMode": "ReadWriteOnce"}}
    assert coalesce(chart_defaults, merged) == {
        "persistence": {"accessMode": "ReadWriteOnce", "storageClass": "gp3"}
    }


def test_release_precedence_typed_then_files_in_order_then_inline(tmp_path: Path) -> None:
    # (not `y` as a key: Helm reads a plain `y` as the boolean true, and so does hagen)
    (tmp_path / "one.yaml").write_text("a: {x: one, v: one}\nlist: [1, 2]\n")
    (tmp_path / "two.yaml").write_text("a: {v: two, z: two}\n")

    class Typed(HelmRelease):
        def typed_values(self) -> dict[str, Any]:
            return {"a": {"w": "typed", "x": "typed"}, "list": [0]}

    release = Typed(
        name="demo",
        namespace="demo",
        chart=Chart(name="demo", repository="https://example.org/charts"),
        version="1.0.0",
        values_files=("one.yaml", "two.yaml"),
        values={"a": {"z": "inline"}},
    )
    assert release.merged_values(tmp_path) == {
        "a": {"w": "typed", "x": "one", "v": "two", "z": "inline"},
        "list": [1, 2],
    }

"""Invariants of the diff: self-diff is empty, every single mutation is reported at exactly its path,
reordering is formatting-only, and applying the reported changes to the old tree gives the new one."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hagen._diff import Named, Tree, apply_changes, compare, diff_trees, same, tree_from_documents
from hagen._yaml import dump_documents

# "name" is left out of free keys: a list of dicts is named only where the strategy means it to be.
KEYS = st.sampled_from(["a", "b", "c", "image", "port", "value", "app.kubernetes.io/part-of", "x y"])
TEXT = st.text(alphabet="abcxyz019 :-", max_size=8)
SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | TEXT | st.floats(-1e6, 1e6, allow_nan=False)
NAMES = st.sampled_from(["app", "sidecar", "init", "web", "PORT", "LOG"])


def named_lists(children: st.SearchStrategy[Any]) -> st.SearchStrategy[list[dict[str, Any]]]:
    item = st.tuples(NAMES, st.dictionaries(KEYS, children, max_size=3))
    items = st.lists(item, max_size=4, unique_by=lambda pair: pair[0])
    return items.map(lambda pairs: [{"name": name, **body} for name, body in pairs])


VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4) | named_lists(children)
    ),
    max_leaves=20,
)
SPECS = st.dictionaries(KEYS, VALUES, max_size=5)


@st.composite
def objects(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=5, unique=True))
    return [
        {
            "apiVersion": draw(st.sampled_from(["v1", "apps/v1"])),
            "kind": "ConfigMap",
            "metadata": {"name": name, "namespace": "ns"},
            "spec": draw(SPECS),
        }
        for name in names
    ]


def files_of(docs: list[dict[str, Any]], split: int) -> dict[str, list[Any]]:
    return {"one.yaml": docs[:split], "two.yaml": docs[split:]}


@settings(max_examples=150)
@given(objects(), st.integers(0, 5))
def test_a_tree_diffed_with_itself_is_empty(docs: list[dict[str, Any]], split: int) -> None:
    tree = tree_from_documents(files_of(docs, split))
    again = Tree(dict(tree.texts))
    result = diff_trees(tree, again, parse_identical=True)
    assert not result.drift and result.changes == ()


@settings(max_examples=300)
@given(SPECS, SPECS)
def test_applying_the_changes_gives_the_new_document(old: dict[str, Any], new: dict[str, Any]) -> None:
    changes = compare(old, new, object_id="x")
    applied = apply_changes({"x": old}, changes)
    assert same(applied["x"], new)
    assert (changes == []) == same(old, new)


@settings(max_examples=150)
@given(objects(), objects(), st.integers(0, 5))
def test_applying_tree_changes_gives_the_new_tree(old: list[Any], new: list[Any], split: int) -> None:
    old_tree, new_tree = (
        tree_from_documents(files_of(old, split)),
        tree_from_documents(files_of(new, 5 - split)),
    )
    result = diff_trees(old_tree, new_tree, parse_identical=True)
    applied = apply_changes(old_tree.documents(), result.changes)
    expected = new_tree.documents()
    assert sorted(applied) == sorted(expected)
    assert all(same(applied[key], expected[key]) for key in expected)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in a document a mutation can target (never the `name` of a named item)."""
    out: list[tuple[Any, ...]] = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            if key != "name":
                out.extend(_places(child, (*path, key)))
    elif isinstance(value, list):
        names = [item.get("name") for item in value if isinstance(item, dict)]
        named = (
            len(names) == len(value)
            and all(isinstance(n, str) for n in names)
            and len(set(names)) == len(names)
        )
        for i, child in enumerate(value):
            out.extend(_places(child, (*path, Named(child["name"]) if named and value else i)))
    return out


def _resolve(doc: Any, path: tuple[Any, ...]) -> Any:
    for seg in path:
        doc = next(i for i in doc if i["name"] == seg.name) if isinstance(seg, Named) else doc[seg]
    return doc


def _is_named(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "name" in i for i in value)


@settings(max_examples=400)
@given(SPECS.filter(bool), st.data())
def test_every_single_mutation_is_reported_at_exactly_its_path(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    places = [p for p in _places(doc) if p]
    path = data.draw(st.sampled_from(places))
    parent, last = _resolve(doc, path[:-1]), path[-1]
    target = _resolve(doc, path)
    new = copy.deepcopy(doc)
    new_parent = _resolve(new, path[:-1])
    index = None
    op = data.draw(st.sampled_from(["change", "delete", "add", "insert"]))
    if op == "add" and isinstance(target, dict):
        key = data.draw(KEYS.filter(lambda k: k not in target))
        target_new = _resolve(new, path)
        target_new[key] = data.draw(VALUES)
        expected = ("added", (*path, key))
    elif op == "insert" and _is_named(target):
        name = data.draw(st.sampled_from(["new1", "new2"]))
        index = data.draw(st.integers(0, len(target)))
        _resolve(new, path).insert(index, {"name": name, "image": "x"})
        expected = ("added", (*path, Named(name)))
    elif op == "delete" and not isinstance(last, int):
        if isinstance(last, Named):
            new_parent.remove(_resolve(new, path))
        else:
            del new_parent[last]
        expected, index = ("removed", path), None
    else:
        value = data.draw(SCALARS.filter(lambda v: not same(v, target)))
        if isinstance(last, Named):
            value = {"name": last.name, "v": value}  # keep the item's name: it is how the item is found
            if same(value, target):
                return
            changes = compare(doc, new_doc := _replace(new, path, value))
            assert all(c.path[: len(path)] == path for c in changes) and changes
            assert same(apply_changes({"": doc}, changes)[""], new_doc)
            return
        new_parent[last] = value
        expected = ("changed", path)
    changes = compare(doc, new)
    assert [(c.kind, c.path) for c in changes] == [expected]
    assert changes[0].index == index
    assert parent is not None


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    parent = _resolve(doc, path[:-1])
    position = parent.index(_resolve(doc, path))
    parent[position] = value
    return doc


@st.composite
def shuffled(draw: st.DrawFn, value: Any) -> Any:
    if isinstance(value, dict):
        keys = draw(st.permutations(list(value)))
        return {key: draw(shuffled(value[key])) for key in keys}
    if isinstance(value, list):
        return [draw(shuffled(item)) for item in value]
    return value


@settings(max_examples=150)
@given(objects(), st.data())
def test_reordering_keys_or_documents_is_formatting_only(
    docs: list[dict[str, Any]], data: st.DataObject
) -> None:
    old = tree_from_documents({"all.yaml": docs})
    reordered = data.draw(st.permutations([data.draw(shuffled(doc)) for doc in docs]))
    new = Tree({"all.yaml": "# reformatted\n" + dump_documents(reordered)})
    result = diff_trees(old, new)
    assert result.objects == ()
    assert result.formatting_only == ("all.yaml",)
    assert result.drift


@settings(max_examples=200)
@given(named_lists(SCALARS), st.data())
def test_reordered_named_items_are_reported_and_reapplied(
    items: list[dict[str, Any]], data: st.DataObject
) -> None:
    reordered = data.draw(st.permutations(items))
    dropped = data.draw(st.integers(0, len(items)))
    new = {"env": [*reordered[:dropped], {"name": "added", "value": 1}, *reordered[dropped:]]}
    changes = compare({"env": items}, new, object_id="x")
    moved = [c for c in changes if c.kind == "moved"]
    assert bool(moved) == ([i["name"] for i in items] != [i["name"] for i in reordered])
    assert same(apply_changes({"x": {"env": items}}, changes)["x"], new)


@settings(max_examples=150)
@given(objects(), st.data())
def test_skipping_unchanged_documents_finds_the_same_changes(
    docs: list[dict[str, Any]], data: st.DataObject
) -> None:
    """Diffing only the documents whose text differs gives what parsing everything gives."""
    new_docs = [data.draw(st.sampled_from([doc, {**doc, "spec": data.draw(SPECS)}])) for doc in docs]
    new_docs = data.draw(st.permutations(new_docs))[: data.draw(st.integers(1, len(docs)))]
    old = tree_from_documents(files_of(docs, data.draw(st.integers(0, 5))))
    new = tree_from_documents(files_of(new_docs, data.draw(st.integers(0, 5))))
    fast, full = diff_trees(old, new), diff_trees(old, new, parse_identical=True)
    assert fast.objects == full.objects
    assert fast.formatting_only == full.formatting_only

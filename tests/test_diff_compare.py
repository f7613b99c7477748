"""Field-level comparison: named lists by name, other lists by position, strict scalars, moves, renames."""

from __future__ import annotations

import copy
from typing import Any

from hagen._diff import Named, apply_changes, compare, diff_trees, path_string, tree_from_documents


def deployment(name: str = "web", **spec: Any) -> dict[str, Any]:
    containers = [
        {"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
        {"name": "sidecar", "image": "proxy:1", "ports": [{"containerPort": 80}]},
    ]
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "shop", "labels": {"app.kubernetes.io/name": name}},
        "spec": {"replicas": 2, "template": {"spec": {"containers": containers}}, **spec},
    }


CONTAINERS = ("spec", "template", "spec", "containers")


def test_inserting_a_container_reports_only_that_container() -> None:
    old = deployment()
    new = copy.deepcopy(old)
    new["spec"]["template"]["spec"]["containers"].insert(0, {"name": "init", "image": "busybox"})
    changes = compare(old, new)
    assert [(c.kind, c.path, c.index) for c in changes] == [("added", (*CONTAINERS, Named("init")), 0)]
    assert not changes[0].by_position


def test_lists_without_names_compare_by_position_and_say_so() -> None:
    old = deployment()
    new = copy.deepcopy(old)
    new["spec"]["template"]["spec"]["containers"][1]["ports"][0]["containerPort"] = 8080
    [change] = compare(old, new)
    assert change.path == (*CONTAINERS, Named("sidecar"), "ports", 0, "containerPort")
    assert change.by_position
    assert change.path_str == "spec.template.spec.containers[name=sidecar].ports[0].containerPort"


def test_key_order_is_not_a_change_but_types_are() -> None:
    old = {"a": 1, "b": True, "c": "1"}
    assert compare(old, {"c": "1", "b": True, "a": 1}) == []
    kinds = {c.path: (c.old, c.new) for c in compare(old, {"a": 1.5, "b": 1, "c": 1})}
    assert kinds == {("a",): (1, 1.5), ("b",): (True, 1), ("c",): ("1", 1)}


def test_nan_on_both_sides_is_no_change() -> None:
    nan = float("nan")
    assert compare({"a": nan, "b": [nan]}, {"a": nan, "b": [nan]}) == []
    [change] = compare({"a": nan}, {"a": 1.5})
    assert change.path == ("a",) and change.new == 1.5


def test_reordering_env_is_reported_because_order_matters() -> None:
    old = deployment()
    new = copy.deepcopy(old)
    env = new["spec"]["template"]["spec"]["containers"][0]["env"]
    env.reverse()
    [change] = compare(old, new, object_id="x")
    assert change.kind == "moved"
    assert change.path == (*CONTAINERS, Named("app"), "env")
    assert (change.old, change.new) == (["A", "B"], ["B", "A"])
    assert apply_changes({"x": old}, [change]) == {"x": new}


def test_a_dict_replaced_by_a_scalar_is_one_change() -> None:
    [change] = compare({"spec": {"a": {"b": 1}}}, {"spec": {"a": "none"}})
    assert (change.kind, change.path, change.old, change.new) == ("changed", ("spec", "a"), {"b": 1}, "none")


def test_path_strings_quote_keys_that_are_not_identifiers() -> None:
    assert (
        path_string(("metadata", "labels", "app.kubernetes.io/name"))
        == "metadata.labels['app.kubernetes.io/name']"
    )
    assert path_string(("a", Named("x"), 3, "b")) == "a[name=x][3].b"
    assert path_string(()) == "."


def test_objects_are_matched_across_files_and_a_move_is_reported() -> None:
    old = tree_from_documents({"a.yaml": [deployment("web"), deployment("api")]})
    new = tree_from_documents({"a.yaml": [deployment("api")], "b.yaml": [deployment("web")]})
    result = diff_trees(old, new)
    [obj] = result.objects
    assert (obj.status, obj.object_id, obj.old_file, obj.file) == (
        "moved",
        "apps.Deployment.shop.web",
        "a.yaml",
        "b.yaml",
    )
    assert [c.kind for c in obj.changes] == ["moved"]


def test_same_content_under_another_name_is_a_rename() -> None:
    old_doc = deployment("web")
    new_doc = copy.deepcopy(old_doc)
    new_doc["metadata"]["name"] = "www"
    result = diff_trees(
        tree_from_documents({"a.yaml": [old_doc]}), tree_from_documents({"a.yaml": [new_doc]})
    )
    [obj] = result.objects
    assert (obj.status, obj.old_id, obj.object_id) == (
        "moved",
        "apps.Deployment.shop.web",
        "apps.Deployment.shop.www",
    )
    assert [(c.kind, c.path) for c in obj.changes] == [("moved", ()), ("changed", ("metadata", "name"))]
    docs = apply_changes({"apps.Deployment.shop.web": old_doc}, result.changes)
    assert docs == {"apps.Deployment.shop.www": new_doc}


def test_a_different_object_under_another_name_is_added_and_removed() -> None:
    result = diff_trees(
        tree_from_documents({"a.yaml": [deployment("web")]}),
        tree_from_documents({"a.yaml": [deployment("www", paused=True)]}),
    )
    assert sorted((o.status, o.object_id) for o in result.objects) == [
        ("added", "apps.Deployment.shop.www"),
        ("removed", "apps.Deployment.shop.web"),
    ]


def test_duplicate_ids_are_kept_apart() -> None:
    tree = tree_from_documents({"a.yaml": [deployment(), deployment(replicas=3)]})
    assert sorted(tree.documents()) == ["apps.Deployment.shop.web", "apps.Deployment.shop.web#2"]


def test_identical_files_are_not_even_parsed() -> None:
    old = tree_from_documents({"a.yaml": [deployment()]})
    new = tree_from_documents({"a.yaml": [deployment()]})
    new.texts["a.yaml"] = old.texts["a.yaml"] = "not: [valid"  # would raise if read
    assert not diff_trees(old, new).drift


def test_colour_only_when_asked() -> None:
    from hagen._diff import format_diff

    result = diff_trees(
        tree_from_documents({"a.yaml": [deployment()]}),
        tree_from_documents({"a.yaml": [deployment(replicas=3)]}),
    )
    assert "\x1b[" in format_diff(result, "human", color=True)
    assert "\x1b[" not in format_diff(result, "human", color=False)

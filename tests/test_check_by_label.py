"""The label index of `hagen check`'s selector rules selects exactly the workloads a check of every
selector against every workload selects, in the same order."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hagen._check._context import Workload
from hagen._check._selectors import ByLabel, selector_matches

KEYS = st.sampled_from(["tier", "app", "app.kubernetes.io/instance"])
VALUES = st.sampled_from(["a", "b", "c", "1"])
LABELS = st.dictionaries(KEYS, VALUES, max_size=3)
EXPRESSION = st.fixed_dictionaries(
    {
        "key": KEYS,
        "operator": st.sampled_from(["In", "NotIn", "Exists", "DoesNotExist"]),
        "values": st.lists(st.one_of(VALUES, st.integers(0, 2)), max_size=3),
    }
)
SELECTOR = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "matchLabels": st.dictionaries(KEYS, st.one_of(VALUES, st.integers(0, 2)), max_size=2),
            "matchExpressions": st.lists(EXPRESSION, max_size=2),
        },
    ),
)


def _workload(n: int, labels: dict[str, str]) -> Workload:
    return Workload({}, "Deployment", f"w{n}", "default", 1, {}, labels, None, None)


@given(st.lists(LABELS, max_size=8), SELECTOR)
def test_the_index_selects_what_a_full_scan_selects(labels: list[dict[str, str]], selector: Any) -> None:
    workloads = [_workload(n, each) for n, each in enumerate(labels)]
    expected = [w for w in workloads if selector_matches(selector, w.pod_labels)]
    assert ByLabel(workloads).matching(selector) == expected


def test_an_in_expression_narrows_to_its_values_in_workload_order() -> None:
    workloads = [_workload(n, {"tier": t}) for n, t in enumerate("abcab")]
    selector = {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["b", "a"]}]}
    assert [w.name for w in ByLabel(workloads).matching(selector)] == ["w0", "w1", "w3", "w4"]
    assert ByLabel(workloads).matching({}) == workloads and ByLabel(workloads).matching(None) == []

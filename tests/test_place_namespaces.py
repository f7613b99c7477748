"""Pods of several namespaces in one placement are told apart (namespace/name) and coloured per namespace
and tier; pods of one namespace keep their short names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hagen._place import ClusterProfile
from hagen._report._placement import placement_section
from hagen._yaml import load_objects

from .conftest import run_hagen

DATA = Path(__file__).parent / "data" / "place"
TWO_NAMESPACES = str(DATA / "two-namespaces.yaml")
SMALL = ("--nodes", "1", "--node-cpu", "3", "--node-memory", "8Gi")


def test_text_names_pods_by_namespace_and_name() -> None:
    proc = run_hagen("place", TWO_NAMESPACES, *SMALL)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[3:8] == [
        "  node-1  cpu 2500m/3        memory 2Gi/8Gi           pods 2/110",
        "    shop/api-1 (api), billing/api-1 (api)",
        "",
        "Pending (1):",
        "  billing/api-2 (api): 0/1 nodes are available: 1 Insufficient cpu.",
    ]


def test_json_lists_qualified_names_and_keeps_the_object_name() -> None:
    data = json.loads(run_hagen("place", TWO_NAMESPACES, *SMALL, "--format", "json").stdout)
    assert data["zones"][0]["nodes"][0]["pods"] == ["shop/api-1", "billing/api-1"]
    assert data["pending"] == ["billing/api-2"]
    assert [(p["namespace"], p["name"]) for p in data["placements"]] == [
        ("shop", "api-1"),
        ("billing", "api-1"),
        ("billing", "api-2"),
    ]


def test_svg_colours_and_legend_per_namespace_and_tier(tmp_path: Path) -> None:
    svg = tmp_path / "p.svg"
    run_hagen("place", TWO_NAMESPACES, *SMALL, "--svg", str(svg))
    text = svg.read_text()
    chips = dict(re.findall(r'fill="(#[0-9a-f]{6})"><title>(\S+) \(api\)</title>', text))
    assert chips == {"#0072b2": "billing/api-1", "#e69f00": "shop/api-1"}
    assert re.findall(r"<text [^>]*>(\w+/api)</text>", text)[-2:] == ["billing/api", "shop/api"]
    assert 'aria-label="1 node, 3 pods, 1 Pending"' in text


def test_report_section_names_pods_by_namespace() -> None:
    objects = load_objects(Path(TWO_NAMESPACES).read_text())
    section = placement_section(objects, (), ClusterProfile.shorthand(1, 1, "3", "8Gi"))
    assert section["nodes"][0]["pods"] == ["shop/api-1 (api)", "billing/api-1 (api)"]
    assert [p["pod"] for p in section["pending"]] == ["billing/api-2"]
    assert section["summary"] == "1 node, 3 pods: 2 running, 1 Pending"


def test_one_namespace_keeps_short_names() -> None:
    proc = run_hagen("place", str(DATA / "pairs.yaml"), "--nodes", "1", "--format", "json")
    data = json.loads(proc.stdout)
    assert data["pending"] == ["backend-2", "frontend-2"]

"""The placement picture: every tier of a picture has its own colour; the bytes are stable."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hagen._place._svg import NO_TIER, PALETTE, text_color, tier_colors
from tests.conftest import ROOT, run_hagen


@given(st.lists(st.text(alphabet="abcdefghij-", min_size=1, max_size=8), max_size=len(PALETTE), unique=True))
def test_tiers_of_one_picture_never_share_a_colour(tiers: list[str]) -> None:
    colors = tier_colors(tiers)
    assert len({colors[t] for t in tiers}) == len(tiers)
    assert colors[None] == NO_TIER and NO_TIER not in {colors[t] for t in tiers}


def test_example_picture_colours_backend_and_frontend_apart(tmp_path: Path) -> None:
    svg = tmp_path / "place.svg"
    result = run_hagen("place", str(ROOT / "blueprints"), "--nodes", "1", "--svg", str(svg))
    assert result.returncode == 1  # one node: the second pair stays Pending
    text = svg.read_text()
    chips = set(re.findall(r'rx="3" fill="(#[0-9a-f]{6})">', text))  # placed pods
    pending = set(re.findall(r'rx="3" fill="#ffffff" stroke="(#[0-9a-f]{6})"', text))
    assert len(chips & set(PALETTE)) == 2 and pending == chips  # backend and frontend, placed and Pending


def test_chip_text_contrasts_with_its_tier_colour() -> None:
    assert text_color("#000000") == "#ffffff" and text_color("#0072b2") == "#ffffff"
    assert text_color("#f0e442") == "#000000" and text_color("#e69f00") == "#000000"

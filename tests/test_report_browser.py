"""The report's pages in a real browser (headless Chromium): what a reviewer must see is in the DOM, the
page raises no console error, fetches nothing, and fits a phone's width without a page-wide scrollbar."""

from __future__ import annotations

from pathlib import Path

import pytest

import hagen
from tests._browser import chromium, open_page
from tests._report_project import make_project, many_tiers
from tests.conftest import ROOT, run_hagen


@pytest.fixture(autouse=True)
def _browser() -> None:
    chromium()


def _fits_phone(path: Path) -> bool:
    with open_page(path, width=390, height=844) as (page, errors):
        assert errors == []
        return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_example_page_shows_graph_placement_and_no_errors(tmp_path: Path) -> None:
    result = run_hagen("report", "--target", "prod", "-o", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    page_file = tmp_path / "r" / "prod.html"
    with open_page(page_file) as (page, errors):
        nodes = page.eval_on_selector_all("#graph svg g.node > title", "els => els.map(e => e.textContent)")
        assert {"blueprint", "tier:backend", "tier:frontend", "outside", "release:jenkins"} <= set(nodes)
        graph_text = page.inner_text("#graph")
        assert "tier backend" in graph_text and "Deployment backend" in graph_text
        assert page.get_attribute("#graph svg", "role") == "img"
        chips = page.eval_on_selector_all("#placement svg rect > title", "els => els.map(e => e.textContent)")
        assert sorted(chips) == [
            "backend-1 (backend)",
            "backend-2 (backend)",
            "frontend-1 (frontend)",
            "frontend-2 (frontend)",
        ]
        page.screenshot(path=str(tmp_path / "prod.png"), full_page=True)
        assert errors == []
    assert _fits_phone(page_file)


def test_graph_scrolls_in_its_frame_on_a_phone_rather_than_shrinking_illegibly(tmp_path: Path) -> None:
    assert run_hagen("report", "--target", "prod", "-o", str(tmp_path / "r")).returncode == 0
    with open_page(tmp_path / "r" / "prod.html", width=390, height=844) as (page, errors):
        scale, scrolls = page.evaluate(
            """() => { const svg = document.querySelector('#graph svg'), frame = svg.parentElement;
            return [svg.getBoundingClientRect().width / svg.width.baseVal.value,
                    frame.scrollWidth > frame.clientWidth]; }"""
        )
        assert scale >= 0.49 and scrolls  # 10pt labels at half size at least, the rest a scroll away
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert errors == []


def test_change_page_shows_banner_and_every_pending_reason(tmp_path: Path) -> None:
    project = make_project(tmp_path / "proj")
    assert run_hagen("report", "--base", "HEAD", cwd=project).returncode == 0
    placed = hagen.place(
        [o for s in hagen.synthesize_all([project / "blueprints"]) for o in s.objects],
        hagen.load_blueprints([project / "blueprints"])[0].cluster,
    ).simulation
    expected = {p.pod.name: placed.message(p) for p in placed.pending}
    with open_page(project / "report" / "index.html") as (page, errors):
        banner = page.inner_text("#verdict-banner")
        assert "REFUSED" in banner and "storage.k8s.io.StorageClass._.fast: parameters.iops" in banner
        assert page.is_visible("#verdict-banner")
        rows = page.eval_on_selector_all(
            "#pending-table tr.pending-pod",
            "rows => rows.map(r => [r.querySelector('code').textContent, r.cells[1].textContent])",
        )
        assert dict(rows) == expected and expected  # every Pending pod, with the scheduler's message
        marked = page.inner_text("#graph")
        assert "(changed, rollout)" in marked
        assert errors == []


def test_two_hundred_tiers(tmp_path: Path) -> None:
    project = many_tiers(tmp_path / "big", 200)
    result = run_hagen("report", cwd=project)
    assert result.returncode == 0, result.stderr
    page_file = project / "report" / "index.html"
    with open_page(page_file) as (page, errors):
        tiers = page.eval_on_selector_all(
            "#graph svg g.node > title", "els => els.filter(e => e.textContent.startsWith('tier:')).length"
        )
        assert tiers == 200
        reasons = page.eval_on_selector_all(
            "#pending-table tr.pending-pod td:nth-child(3)", "els => els.length"
        )
        messages = page.eval_on_selector_all(
            "#pending-table tr.pending-pod td:nth-child(2)", "els => els.map(e => e.textContent)"
        )
        assert reasons == len(messages) > 0
        assert all("Insufficient cpu" in m for m in messages)
        assert errors == []
    assert _fits_phone(page_file)


if __name__ == "__main__":  # pragma: no cover - the README's screenshot: python -m tests.test_report_browser
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "proj")
        assert run_hagen("report", "--base", "HEAD", cwd=project).returncode == 0
        with open_page(project / "report" / "index.html", width=1280, height=1100) as (page, _):
            page.screenshot(path=str(ROOT / "docs" / "report.png"))

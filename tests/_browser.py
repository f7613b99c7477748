"""Opening a report page in the system's Chromium through Playwright (its driver ships in the pip
package; no browser is downloaded: `executable_path` points at Debian's chromium).

Playwright rather than `chromium --dump-dom`: it reports console messages and uncaught page errors as
events, blocks and records any request for something other than the page's own file, sets the viewport
for the phone-width check and takes screenshots, all in one browser session.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


def chromium() -> str:
    """The Chromium binary; skips the test without one, except under CI=true, where it fails."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        found = None
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium (apt-get install chromium) and playwright are needed under CI")
        pytest.skip("no Chromium or playwright on this machine")
    return found


@contextmanager
def open_page(path: Path, width: int = 1280, height: int = 900) -> Iterator[tuple[Any, list[str]]]:
    """(page, errors): the file loaded in headless Chromium; `errors` collects console errors, uncaught
    exceptions and every request that is not the page itself (a report fetches nothing)."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    url = path.resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on(
                "console",
                lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))

            def route(r: Any) -> None:
                if r.request.url == url:
                    r.continue_()
                else:
                    errors.append(f"request: {r.request.url}")
                    r.abort()

            page.route("**/*", route)
            page.goto(url, wait_until="load")
            yield page, errors
        finally:
            browser.close()

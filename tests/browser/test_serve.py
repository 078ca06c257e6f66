"""The served app in a real browser: headless Chromium, driven by Playwright, on ``imr-search serve``.

Debian's ``chromium`` (``/usr/bin/chromium``) is the browser: nothing here
downloads one (never ``playwright install``). The terminal is drawn on a
canvas, so what is on screen is read from the WebSocket's frames, the
terminal output textual.js receives. Every request the page makes must go
to the server (no web font or script from another host). The screenshot is
saved under the test's temporary folder and its path printed (``-s``). Then
`e` exports the results: a download the browser receives, read back with
python-docx.
"""

from __future__ import annotations

import time
from pathlib import Path

import docx
import pytest

from imr_search import open_index
from imr_search.export import entries_for_query

from ..integration.served import READY, RESULTS, Served, screen_text, served_index

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "tok-browser-3f9a-test"
QUERY = "lumbar"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no chromium installed: apt-get install chromium")


def test_a_browser_searches_the_served_app(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'")
    index = served_index(tmp_path)
    top = open_index(index).search(QUERY, limit=1).letters[0].case_number
    screen: list[str] = []
    requests: list[str] = []

    def until(found: str | object, seconds: float = 20, since: int = 0) -> None:
        """Wait for ``found`` in the frames received (from frame ``since`` on)."""
        deadline = time.monotonic() + seconds
        while not (RESULTS.search("".join(screen[since:])) if found is RESULTS else found in "".join(screen[since:])):
            assert time.monotonic() < deadline, f"{found!r} never on screen; last: {''.join(screen)[-300:]!r}"
            page.wait_for_timeout(50)  # Playwright delivers frames while it waits

    with Served(index, TOKEN) as served, sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS, viewport={"width": 1280, "height": 800}
        )
        try:
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("websocket", lambda ws: ws.on("framereceived", lambda data: screen.append(screen_text(data) if isinstance(data, bytes) else "")))
            page.goto(f"{served.url}?token={TOKEN}")
            until(READY)
            page.focus(".xterm-helper-textarea")
            page.keyboard.type(QUERY, delay=30)
            until(RESULTS)
            until(top)
            page.wait_for_timeout(300)  # the last frame painted
            shot = tmp_path / "served-app.png"
            page.screenshot(path=str(shot))
            print(f"\nscreenshot: {shot}")
            cookies = {c["name"]: c for c in context.cookies()}

            # `e` on the results: served, only the format is asked (Word is first) and the file is a download.
            moved = len(screen)
            page.keyboard.press("ArrowDown")  # into the results (escape then e would reach the app as alt+e)
            until("Similar", since=moved)  # the results' keys in the footer: an `e` now is no letter typed in the box
            page.keyboard.press("e")
            until("Download as")
            with page.expect_download(timeout=20_000) as started:
                page.keyboard.press("Enter")
            download = started.value
            word = tmp_path / download.suggested_filename
            download.save_as(str(word))
        finally:
            context.close()
    assert shot.stat().st_size > 10_000
    assert cookies["imr_search_pass"]["httpOnly"] and cookies["imr_search_pass"]["sameSite"] == "Strict"
    assert requests and all(url.startswith(served.url) for url in requests), requests
    assert word.name == f"imr-{QUERY}.docx"
    authorities = docx.Document(str(word)).tables[0]
    assert [row.cells[0].text for row in authorities.rows] == ["Case", *(e.name for e in entries_for_query(open_index(index), QUERY))]
    assert not list(Path.cwd().glob("imr-*.docx")), "nothing written on the server"

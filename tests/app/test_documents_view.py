"""A letter that lists the documents the reviewer looked at shows them: in `show` and in the app's letter view."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.pilot import Pilot

from imr_search.cli import main
from imr_search.index import build
from imr_search.tui.app import IMRSearchApp
from imr_search.tui.messages import OpenLetter
from imr_search.tui.screens.letter import LetterScreen

from ..unit.test_parse_layouts import MAXIMUS, NOTICE
from .test_tui import run_app, screen_text, settle


def _index(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "CM14-0101010.txt").write_text(MAXIMUS)
    build([tmp_path / "corpus"], tmp_path / "index", jobs=1)
    return tmp_path / "index"


def test_show_lists_the_documents_reviewed(tmp_path: Path) -> None:
    index = _index(tmp_path)
    out = CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["--index", str(index), "show", "CM14-0101010"]).stdout.splitlines()
    at = out.index("DOCUMENTS REVIEWED")
    assert out[at + 1 : at + 3] == [
        "  - Utilization review letters, 2014-06-30",
        "  - Treating physician notes, Coastal Spine Group, 2014-01-06 to 2014-06-02",
    ]
    assert "  note: item 1: rationale has no closing sentence" in out


def test_the_letter_view_lists_the_documents_reviewed(tmp_path: Path) -> None:
    index = _index(tmp_path)
    seen: list[str] = []

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        app.post_message(OpenLetter("CM14-0101010"))
        await settle(pilot)
        seen.append(screen_text(app))

    run_app(index, scenario, size=(120, 60))
    (shown,) = seen
    assert "Documents reviewed (2)" in shown
    assert "· Treating physician notes, Coastal Spine Group, 2014-01-06 to 2014-06-02" in shown


def test_an_item_line_that_says_more_than_the_request_is_shown_and_its_hits_marked(tmp_path: Path) -> None:
    """An older letter's determination sentence is the item's line: shown as written, hits walkable with n."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "CM13-0045678.txt").write_text(NOTICE)
    build([tmp_path / "corpus"], tmp_path / "index", jobs=1)
    seen: list[tuple[str, list[tuple[int | None, str]]]] = []

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        app.post_message(OpenLetter("CM13-0045678", query='"has determined the request"'))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LetterScreen)
        seen.append((screen_text(app), [(h.item, h.field) for h in screen.document.hits]))
        for _ in range(len(screen.document.hits) + 1):  # every hit has a block to mark
            await pilot.press("n")
        assert screen.document.current_hit == 0 and app.is_running

    run_app(tmp_path / "index", scenario, size=(120, 60))
    ((shown, hits),) = seen
    assert "As the letter writes it" in shown
    assert {(1, "line"), (2, "line")} <= set(hits)

"""The citator screen (`a`) and the citation-ready line (`Y`), driven by keyboard with Pilot on the app tests' index.

Their snapshots are taken with the other screens' (``test_tui.test_snapshots_of_the_main_screens``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from imr_search.query import SearchIndex
from imr_search.query.order import ordered
from imr_search.records import citation_line
from imr_search.tui.app import IMRSearchApp
from imr_search.tui.screens import citator
from imr_search.tui.screens.citator import CitatorScreen
from imr_search.tui.screens.letter import LetterScreen
from imr_search.tui.screens.search import SearchScreen
from imr_search.tui.screens.similar import SimilarScreen

from .test_tui import QUERY, idx, index_dir, run_app, screen_text, search, settle  # noqa: F401  (fixtures)


def test_authorities_lists_the_guidelines_and_the_letters_citing_one(index_dir: Path, idx: SearchIndex) -> None:  # noqa: F811
    rows = idx.citations(QUERY)
    second = rows[1]
    citing = idx.citing(QUERY, second)

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape", "a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CitatorScreen) and screen.search_query == QUERY
        assert screen.citations.rows == rows  # what the query layer answers, in its order
        assert second.name()[:30] in screen_text(app)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.row == second
        assert [(c.id, c.item) for c in screen.citing.items] == [(c.id, c.item) for c in citing]
        assert app.focused is screen.citing
        await pilot.press("Y")
        await settle(pilot)
        letter = idx.letter(citing[0].id)
        assert letter is not None
        assert app.clipboard == citation_line(letter.letter, letter.letter.items[citing[0].item - 1])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen) and app.screen.letter_id == citing[0].id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.row == second
        await pilot.press("escape")  # from the letters back to the rows
        await settle(pilot)
        assert screen.row is None and app.focused is screen.citations and screen.citations.display
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)

    run_app(index_dir, scenario)


def test_capital_y_copies_a_citation_ready_line_on_search_letter_and_similar(index_dir: Path, idx: SearchIndex) -> None:  # noqa: F811
    hit = ordered(idx.search(QUERY, limit=30).letters, "relevance")[0]
    view = idx.letter(hit.id)
    assert view is not None
    letter = view.letter
    similar = idx.similar(hit.id, limit=20)
    assert similar

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape", "Y")
        await settle(pilot)
        first = letter.items[hit.items[0].item - 1]
        assert app.clipboard == citation_line(letter, first)
        assert app.clipboard.startswith(f"{letter.case_number or letter.id} (IMR, ")
        await pilot.press("y")
        assert app.clipboard == (letter.case_number or letter.id)  # y still copies the case number
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen)
        await pilot.press("n", "Y")  # at the first hit: its item
        await settle(pilot)
        doc = app.screen.document
        item = doc.hits[doc.current_hit].item or 1
        assert app.clipboard == citation_line(letter, letter.items[item - 1])
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SimilarScreen)
        await pilot.press("Y")
        await settle(pilot)
        other = idx.letter(similar[0].id)
        assert other is not None
        assert app.clipboard == citation_line(other.letter, other.letter.items[similar[0].item - 1])

    run_app(index_dir, scenario)


def test_a_rows_letters_are_the_newest_few_with_the_rows_count(index_dir: Path, idx: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(citator, "CITING_SHOWN", 3)
    first = idx.citations(QUERY)[0]
    assert first.items > 3

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape", "a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CitatorScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.citing.items == idx.citing(QUERY, first)[:3]
        assert f"{first.items} items, the newest 3 listed" in " ".join(screen_text(app).split())

    run_app(index_dir, scenario)

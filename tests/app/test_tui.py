"""The terminal app, driven by Textual's Pilot on a real index of generated letters.

Ground truth is the query API itself: what the app shows must be what
``SearchIndex`` answers for the same query text (the app adds nothing but
filters-as-query-text). One index is built per test module (per xdist
worker), from generated letters plus one hand-made letter whose rationale
holds Rich markup, to prove letter text is shown as text.

Screenshots: ``tests/app/snapshots/tui/*.svg`` (for people) and ``*.txt`` (the
same screen as plain text, for a readable diff) are compared exactly; the
app's clock is pinned so the times shown do not move. After a deliberate
change to the look, regenerate them with

    IMR_UPDATE_SNAPSHOTS=1 python -m pytest tests/app/test_tui.py -k snapshot

and look at the SVGs before committing them.
"""

from __future__ import annotations

import asyncio
import difflib
import io
import os
import random
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioSet, Static

from imr_search import open_index
from imr_search.cli import main as cli_main
from imr_search.query import SearchIndex
from imr_search.index.writer import build
from imr_search.query.results import LetterView
from imr_search.synth import make_letter, render, write_corpus
from imr_search.tui import run as tui_run
from imr_search.tui import text
from imr_search.tui.app import IMRSearchApp
from imr_search.tui.filters import Filters
from imr_search.tui.messages import OpenLetter
from imr_search.tui.screens import build as build_screen
from imr_search.tui.screens.build import BuildScreen
from imr_search.tui.messages import OpenCompare, OpenSimilar, OpenStats
from imr_search.tui.screens.compare import CompareScreen
from imr_search.tui.screens.detail import DetailScreen
from imr_search.tui.screens.help import HelpScreen, describe
from imr_search.tui.screens.letter import LetterScreen
from imr_search.tui.screens.search import SearchScreen
from imr_search.tui.screens.similar import SimilarScreen
from imr_search.tui.screens.stats import StatsScreen
from imr_search.tui.widgets.comparison import Comparison
from imr_search.tui.widgets.filter_panel import FilterPanel
from imr_search.tui.widgets.letter_document import LetterDocument
from imr_search.tui.widgets.outcome_bars import OutcomeBars
from imr_search.query.order import ordered
from imr_search.tui.widgets.search_box import SearchBox
from imr_search.tui.widgets.similar_list import SimilarList

from ..integration.noted_index import build_noted

SNAPSHOTS = Path(__file__).parent / "snapshots" / "tui"
UPDATE = os.environ.get("IMR_UPDATE_SNAPSHOTS") == "1"
MARKUP_CASE = "CM16-0999999"
MARKUP = "[bold]x[/bold] and [link=https://example.com]click[/link]"
QUERY = "acupuncture"
SNAP_QUERY = "acupuncture functional improvement"
"""Fewer matching letters than a page, so the whole set is fetched and its order is the same every build."""


# -- fixtures and helpers ----------------------------------------------------


def _markup_letter(out: Path) -> None:
    """A letter whose first rationale holds Rich markup (the parser keeps it; the app must show it)."""
    letter = make_letter(random.Random(7), MARKUP_CASE)
    first = letter.items[0]
    cut = first.rationale.find(". ") + 2
    first = msgspec.structs.replace(first, rationale=f"{first.rationale[:cut]}The notes say {MARKUP} here. {first.rationale[cut:]}")
    letter = msgspec.structs.replace(letter, items=[first, *letter.items[1:]])
    (out / f"{MARKUP_CASE}.txt").write_text(render(letter, "html-text"), encoding="utf-8")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tui")
    corpus = root / "corpus"
    write_corpus(corpus, 240, seed=11)
    _markup_letter(corpus)
    build([corpus], root / "index", jobs=1)
    return root / "index"


@pytest.fixture(scope="module")
def idx(index_dir: Path) -> SearchIndex:
    return open_index(index_dir)


def run_app(
    index_dir: Path,
    scenario: Callable[[Pilot[int], IMRSearchApp], Awaitable[None]],
    size: tuple[int, int] = (80, 24),
    notifications: bool = False,
) -> IMRSearchApp:
    """Run ``scenario`` against a fresh app on ``index_dir`` with the clock pinned at 0.

    ``notifications``: show them on screen (Textual's tests leave them out by default).
    """
    app = IMRSearchApp(index_dir, clock=lambda: 0.0)

    async def go() -> None:
        async with app.run_test(size=size, notifications=notifications) as pilot:
            await settle(pilot)
            await scenario(pilot, app)

    asyncio.run(go())
    return app


async def settle(pilot: Pilot[int]) -> None:
    """Let the debounce fire, every worker finish and the screen catch up."""
    await pilot.pause(0.06)
    for _ in range(20):  # a worker's answer may start another (a letter, then the cases like it)
        workers = list(pilot.app.workers)
        if not workers:
            break
        # A failed worker is the app's to report (tests look for its message), not the waiter's.
        await asyncio.gather(*(worker.wait() for worker in workers), return_exceptions=True)
        await pilot.pause()


async def until(pilot: Pilot[int], done: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait for what a message handler will do (a failed worker's report reaches its screen as a message)."""
    for _ in range(int(seconds / 0.02)):
        if done():
            return
        await pilot.pause(0.02)


async def search(pilot: Pilot[int], query: str) -> None:
    """Type ``query`` into the focused text box at once (a fast typist; Pilot's key by key is slow)."""
    box = pilot.app.focused
    assert isinstance(box, Input)
    box.insert_text_at_cursor(query)
    await settle(pilot)


def screen_text(app: IMRSearchApp) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


def shown_ids(app: IMRSearchApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    results = screen.results_list
    return [results.get_option_at_index(i).id or "" for i in range(results.option_count)]


def ids(results, sort: str = "relevance") -> list[str]:  # type: ignore[no-untyped-def]
    """The letter ids of a SearchResults in the order the app lists them (ties broken by id)."""
    return [h.id for h in ordered(results.letters, sort)]


def footer_keys(app: IMRSearchApp) -> dict[str, str]:
    """Keys the footer shows now: key -> description."""
    return {key: b.binding.description for key, b in app.screen.active_bindings.items() if b.binding.show and b.enabled}


# -- searching ---------------------------------------------------------------


def test_typing_shows_the_letters_the_index_returns(index_dir: Path, idx: SearchIndex) -> None:
    expected = idx.search(QUERY, limit=30)

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        assert isinstance(app.focused, SearchBox), "the search box has focus on open"
        await pilot.press(*QUERY)  # real keystrokes, once
        await settle(pilot)
        assert shown_ids(app) == ids(expected)
        shown = screen_text(app)
        assert f"{expected.total_items} matching items" in shown
        first = ordered(expected.letters, "relevance")[0]
        assert (first.case_number or first.id) in shown
        assert ("✗ upheld" in shown) or ("✓ overturned" in shown), "outcome as symbol and word"

    run_app(index_dir, scenario)


def test_empty_box_lists_the_newest_letters(index_dir: Path, idx: SearchIndex) -> None:
    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        assert shown_ids(app) == ids(idx.search("", limit=30, sort="date"), "date")
        assert f"{idx.letters_count:,} letters in the index" in screen_text(app)

    run_app(index_dir, scenario)


def test_typing_is_debounced_and_only_the_last_query_shows(index_dir: Path, idx: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        real = app.index.search

        def counting(query: str, limit: int = 20, sort: str = "relevance"):  # type: ignore[no-untyped-def]
            sent.append(query)
            return real(query, limit=limit, sort=sort)  # type: ignore[arg-type]

        monkeypatch.setattr(app.index, "search", counting)
        box = app.screen.query_one(SearchBox)
        typed = "physical therapy"
        for n in range(1, len(typed) + 1):  # a burst of keystrokes, faster than the debounce
            box.value = typed[:n]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.shown_key is not None and screen.shown_key[0] == "physical therapy"
        assert shown_ids(app) == ids(idx.search("physical therapy", limit=30))
        # the first key after a pause searches at once; the rest of the burst waits for its end
        assert sent[-1] == "physical therapy" and len(sent) <= 2, f"every keystroke searched: {sent}"

    run_app(index_dir, scenario)


def test_stale_results_are_dropped(index_dir: Path, idx: SearchIndex) -> None:
    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        before = shown_ids(app)
        screen._deliver(("physical therapy", "relevance", 30), idx.search("physical therapy", limit=30))
        assert shown_ids(app) == before, "an answer for a query no longer typed must not show"

    run_app(index_dir, scenario)


def test_status_shows_hints_and_corrections(index_dir: Path, idx: SearchIndex) -> None:
    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, 'acupuncture "elbow')
        assert "ignored an unbalanced quote" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k")
        await search(pilot, "acupunctre")
        corrected = idx.search("acupunctre").corrected
        assert corrected and f"showing results for {corrected}" in screen_text(app)

    run_app(index_dir, scenario)


# -- a letter ----------------------------------------------------------------


def test_open_letter_shows_sections_and_walks_hits(index_dir: Path, idx: SearchIndex) -> None:
    first = ordered(idx.search(QUERY, limit=30).letters, "relevance")[0]
    view = idx.letter(first.id, query=QUERY)
    assert view is not None and view.hits

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LetterScreen) and screen.letter_id == first.id
        doc = screen.query_one(LetterDocument)
        shown = "\n".join(str(s.content) for s in doc.query("Static"))
        for heading in ("Clinical case summary", "Claims administrator's guideline", "Reviewer's guideline", "Citations", "Rationale"):
            assert heading in shown
        for it in view.letter.items:
            assert f"Item {it.item} of {len(view.letter.items)}" in shown
            assert text.OUTCOME_MARK[it.outcome] in shown
        assert len(doc.hits) == len(view.hits)
        # every hit is a styled span over exactly its range
        for hit in view.hits:
            block = doc._blocks[(hit.item or 0, hit.field)]
            spans = {(s.start, s.end) for s in block.visual.spans}  # type: ignore[attr-defined]
            assert (hit.start, hit.end) in spans
        assert f"{len(view.hits)} hits" in screen_text(app)
        await pilot.press("n")
        assert doc.current_hit == 0 and f"hit 1 of {len(view.hits)}" in screen_text(app)
        await pilot.press("n")
        assert doc.current_hit == 1 % len(view.hits)
        await pilot.press("N", "N")
        assert doc.current_hit == len(view.hits) - 1
        current = doc.hits[doc.current_hit]
        block = doc._blocks[(current.item or 0, current.field)]
        assert any(s.style == text.CURRENT_HIT for s in block.visual.spans)  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)

    run_app(index_dir, scenario)


def test_letter_text_is_never_markup(index_dir: Path) -> None:
    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        app.post_message(OpenLetter(MARKUP_CASE, query="notes"))
        await settle(pilot)
        doc = app.screen.query_one(LetterDocument)
        block = doc._blocks[(1, "rationale")]
        assert MARKUP in block.visual.plain  # type: ignore[attr-defined]
        doc.scroll_to_widget(block, animate=False, top=True)
        await pilot.pause()
        assert "[bold]x[/bold]" in screen_text(app)
        assert "[link=https://example.com]click[/link]" in screen_text(app)

    run_app(index_dir, scenario)


def test_the_parsers_notes_are_shown_near_the_facts_as_text(tmp_path: Path) -> None:
    """A letter the parser had to guess at shows its notes (muted, under the facts); one without shows none."""
    notes = ["item 2: rationale has no closing sentence", f"odd text {MARKUP} and a bell\x07"]
    _, letters = build_noted(tmp_path, 3, {1: notes})

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        app.post_message(OpenLetter(letters[1].id))
        await settle(pilot)
        doc = app.screen.query_one(LetterDocument)
        (block,) = doc.query(".doc-notes")
        children = list(doc.children)
        assert children.index(block) == 2  # after the title and the facts, before the summary
        shown = screen_text(app)
        assert "Parser notes" in shown and "item 2: rationale has no closing sentence" in shown
        assert f"odd text {MARKUP} and a bell␇" in shown and "\x07" not in shown
        await pilot.press("escape")
        app.post_message(OpenLetter(letters[0].id))
        await settle(pilot)
        assert not app.screen.query_one(LetterDocument).query(".doc-notes")
        assert "Parser notes" not in screen_text(app)

    run_app(tmp_path / "index", scenario, size=(120, 40))


def test_one_of_a_thing_is_counted_in_the_singular(tmp_path: Path) -> None:
    """An index of one letter and a query matching one item: "1 letter", "1 matching item", "1 item"."""
    _, (letter,) = build_noted(tmp_path, 1, {})
    query = f'treatment:"{letter.items[0].request}"'

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        assert app.sub_title == "1 letter"
        assert "1 letter in the index" in screen_text(app)
        await search(pilot, query)
        assert "1 matching item · 1 letter shown · " in screen_text(app)
        await pilot.press("escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        title = str(app.screen.query_one("#stats-title", Static).content)
        assert "\n1 item · " in title

    run_app(tmp_path / "index", scenario, size=(120, 40))


def test_control_characters_never_reach_the_terminal(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser strips escapes, but the app must not rely on it: feed it a letter that has them."""
    evil = "Pain \x1b[31mred\x1b[0m, a bell\x07, a \x9b CSI, [bold]x[/bold] \u202egnidaer"

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        real = app.index.letter

        def tainted(letter_id: str, query: str | None = None) -> LetterView | None:
            view = real(letter_id, query)
            if view is None:
                return None
            letter = msgspec.structs.replace(view.letter, summary=evil + " " + view.letter.summary)
            return LetterView(letter=letter, hits=[])

        monkeypatch.setattr(app.index, "letter", tainted)
        await search(pilot, QUERY)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        shown = screen_text(app)
        assert "Pain ␛[31mred␛[0m, a bell␇" in shown
        assert "[bold]x[/bold]" in shown
        for ch in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert ch not in shown
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg

    run_app(index_dir, scenario)


@given(st.text())
def test_clean_keeps_offsets_and_drops_controls(raw: str) -> None:
    safe = text.clean(raw)
    assert len(safe) == len(raw), "highlight offsets must stay valid"
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E for c in safe)


# -- filters -----------------------------------------------------------------


def test_filter_by_outcome(index_dir: Path, idx: SearchIndex) -> None:
    expected = idx.search("outcome:overturned therapy", limit=30)
    assert expected.letters

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, "therapy")
        await pilot.press("escape", "f")
        await settle(pilot)
        assert isinstance(app.focused, RadioSet), "f opens the panel with the outcome in focus"
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.filters.outcome == "overturned"
        assert shown_ids(app) == ids(expected)
        assert all(it.outcome == "overturned" for h in screen.results.letters for it in h.items)  # type: ignore[union-attr]
        assert "outcome:overturned" in screen_text(app)
        await pilot.press("escape")
        assert not screen.show_filters and app.focused is screen.results_list
        assert screen.filters.outcome == "overturned", "closing the panel keeps the filters"

    run_app(index_dir, scenario)


def test_filter_dates_specialty_and_citation_become_query_text(index_dir: Path, idx: SearchIndex) -> None:
    specialty = idx.known_values()["specialty"][0]

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, "therapy")
        await pilot.press("escape", "f")
        await settle(pilot)
        panel = app.screen.query_one(FilterPanel)
        panel.query_one("#f-from", Input).value = "2015"
        panel.query_one("#f-to", Input).value = "2019-06"
        await settle(pilot)
        panel.query_one("#f-cites").value = "ODG"  # type: ignore[attr-defined]
        panel.query_one("#f-specialty").value = specialty  # type: ignore[attr-defined]
        await settle(pilot)
        want = Filters(decided_from="2015", decided_to="2019-06", cites="ODG", specialty=specialty)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.filters == want
        assert shown_ids(app) == ids(idx.search(want.apply("therapy"), limit=30))
        panel.query_one("#f-to", Input).value = "2019-"  # half typed: marked, not applied
        await settle(pilot)
        assert panel.query_one("#f-to", Input).has_class("-invalid")
        assert screen.filters.decided_to == "2019-06"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not screen.filters
        assert shown_ids(app) == ids(idx.search("therapy", limit=30))

    run_app(index_dir, scenario)


def test_pick_a_fuzzy_treatment_suggestion_from_a_typo(index_dir: Path, idx: SearchIndex) -> None:
    typo = "acupunctre"
    matches = idx.treatments(typo, limit=8)
    assert matches and matches[0].treatment == "acupuncture"

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await pilot.press("escape", "f")
        await settle(pilot)
        app.screen.query_one("#treatment-input", Input).focus()
        await pilot.pause()
        await search(pilot, typo)
        suggestions = app.screen.query_one("#treatment-suggestions", OptionList)
        assert suggestions.display and suggestions.option_count == len(matches)
        top = str(suggestions.get_option_at_index(0).prompt)
        m = matches[0]
        assert "acupuncture" in top and f"{m.items:,}" in top and f"{m.upheld:,} ✗" in top and f"{m.overturned:,} ✓" in top
        await pilot.press("down", "enter")  # into the list, take the top suggestion
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.filters.treatment == "acupuncture"
        assert not suggestions.display
        assert shown_ids(app) == ids(idx.search('treatment:"acupuncture"', limit=30))

    run_app(index_dir, scenario)


# -- similar and compare -----------------------------------------------------


def test_similar_opposite_and_compare(index_dir: Path, idx: SearchIndex) -> None:
    first = ordered(idx.search(QUERY, limit=30).letters, "relevance")[0]
    similar = idx.similar(first.id, limit=20) or []
    contrast = idx.similar(first.id, contrast=True, limit=20) or []
    assert similar and contrast

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SimilarScreen) and not screen.contrast
        assert [(s.id, s.item) for s in screen.similar.items] == [(s.id, s.item) for s in similar]
        await pilot.press("o")
        await settle(pilot)
        assert screen.contrast
        assert [(s.id, s.item) for s in screen.similar.items] == [(s.id, s.item) for s in contrast]
        assert "decided the other way" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        cmp = app.screen
        assert isinstance(cmp, CompareScreen)
        assert (cmp.left_id, cmp.right_id) == (first.id, contrast[0].id)
        shown = "\n".join(str(s.content) for s in cmp.query_one(Comparison).query("Static"))
        for section in ("Facts", "Items and outcomes", "Citations", "Rationale"):
            assert section in shown
        assert "the outcomes differ" in shown, "a contrast case is decided the other way"
        assert "shared" in shown
        assert "≠" in shown
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("enter")  # open the similar case: it remembers where we came from
        await settle(pilot)
        letter = app.screen
        assert isinstance(letter, LetterScreen) and letter.compare_with == first.id
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen) and app.screen.right_id == contrast[0].id

    run_app(index_dir, scenario)


def test_similar_from_the_results_and_by_item(index_dir: Path, idx: SearchIndex) -> None:
    multi = next(h for h in idx.search("", limit=100, sort="date").letters if len(idx.letter(h.id).letter.items) > 1)  # type: ignore[union-attr]

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, f"case:{multi.id}")
        await pilot.press("escape", "o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SimilarScreen) and screen.contrast and screen.letter_id == multi.id
        await pilot.press("i")
        await settle(pilot)
        assert screen.item == 1
        assert [(s.id, s.item) for s in screen.similar.items] == [
            (s.id, s.item) for s in idx.similar(multi.id, item=1, contrast=True, limit=20) or []
        ]

    run_app(index_dir, scenario)


# -- every key ---------------------------------------------------------------


def test_keys_move_open_copy_and_go_back(index_dir: Path, idx: SearchIndex) -> None:
    letters = ordered(idx.search(QUERY, limit=30).letters, "relevance")

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "quit" not in {b.binding.action for b in app.screen.active_bindings.values()}, "q types while in the box"
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and screen.query_one(SearchBox).value == QUERY + "q"
        await pilot.press("backspace")
        await settle(pilot)
        await pilot.press("escape")
        assert app.focused is screen.results_list
        keys = footer_keys(app)
        for key in ("s", "f", "t", "y", "q", "question_mark"):
            assert key in keys, f"footer lacks {key}: {keys}"
        await pilot.press("j")
        assert screen.results_list.highlighted == 1
        await pilot.press("k")
        assert screen.results_list.highlighted == 0
        await pilot.press("down", "down", "up")
        assert screen.results_list.highlighted == 1
        await pilot.press("y")
        assert app.clipboard == (letters[1].case_number or letters[1].id)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen) and app.screen.letter_id == letters[1].id
        await pilot.press("y")
        assert app.clipboard == (letters[1].case_number or letters[1].id)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SimilarScreen)
        await pilot.press("slash")  # from two screens deep, straight back to the box
        await settle(pilot)
        assert app.screen is screen and isinstance(app.focused, SearchBox)
        await pilot.press("escape", "d")
        await settle(pilot)
        assert screen.sort == "date"
        assert shown_ids(app) == ids(idx.search(QUERY, limit=30, sort="date"), "date")
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    run_app(index_dir, scenario)


def test_stats_help_and_palette(index_dir: Path, idx: SearchIndex) -> None:
    rows, _ = idx.stats(QUERY)

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape", "t")
        await settle(pilot)
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        years = stats.query_one("#bars-year", OutcomeBars).rows
        assert sum(r.items for r in years) == sum(r.items for r in rows if r.dimension == "year")
        for dim in ("year", "treatment", "cites"):
            assert stats.query_one(f"#bars-{dim}", OutcomeBars).rows
        shown = screen_text(app)
        assert "By year decided" in shown and "█" in shown and "✗ upheld" in shown and "✓ overturned" in shown
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = "\n".join(str(s.content) for s in app.screen.query(".help-group"))
        for words in ("Search  (you are here)", "Letter", "Similar cases", "Compare", "Stats", "Filter panel", "Command palette",
                      "Jump to the next hit", "Toggle: only cases decided the other way", "Copy", "Quit the app"):
            assert words in listed, words
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Similar", "Filters", "Stats", "Copy no.", "Quit", "Keys", "Sort: newest first / best first", "Clear filters", "Reload the index"):
            assert title in commands, commands
        commands["Sort: newest first / best first"].callback()
        await settle(pilot)
        assert app.screen.sort == "date"  # type: ignore[attr-defined]
        assert shown_ids(app) == ids(idx.search(QUERY, limit=30, sort="date"), "date")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Stats")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)

    run_app(index_dir, scenario)


def test_letter_screen_footer_and_palette_offer_its_keys(index_dir: Path, idx: SearchIndex) -> None:
    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("enter")
        await settle(pilot)
        keys = footer_keys(app)
        for key in ("escape", "n", "N", "s", "o", "y"):
            assert key in keys, keys
        assert "c" not in keys, "nothing to compare with when opened from the results"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Next hit", "Prev hit", "Similar", "Opposite", "Copy no.", "Back"} <= titles

    run_app(index_dir, scenario)


# -- detail screens and failures ----------------------------------------------


def test_detail_screens_go_back_scroll_and_refuse_unknown_letters(index_dir: Path, idx: SearchIndex) -> None:
    first = ordered(idx.search(QUERY, limit=30).letters, "relevance")[0]
    like = (idx.similar(first.id, limit=20) or [])[0]
    unknown = "CM99-0000000"

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        search_screen = app.screen
        for opener in (OpenLetter(first.id, query=QUERY), OpenSimilar(first.id), OpenCompare(first.id, like.id), OpenStats("")):
            app.post_message(opener)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DetailScreen), opener
            assert not screen.body.loading and app.focused is screen.body, "the body has focus once it arrived"
            if isinstance(screen.body, SimilarList):  # the list's own j/k move its cursor
                await pilot.press("j")
                assert screen.body.highlighted == 1
                await pilot.press("k")
                assert screen.body.highlighted == 0
            else:
                await pilot.press("j", "j")
                await pilot.wait_for_scheduled_animations()
                assert screen.body.scroll_y == 2, opener
                await pilot.press("k")
                await pilot.wait_for_scheduled_animations()
                assert screen.body.scroll_y == 1, opener
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is search_screen, opener
        for opener in (OpenLetter(unknown), OpenSimilar(unknown), OpenCompare(first.id, unknown)):
            app.post_message(opener)
            await settle(pilot)
            assert app.screen is search_screen, opener
            assert f"No letter {unknown} in the index" in await notices(pilot, app), opener

    run_app(index_dir, scenario, notifications=True)


def test_help_lists_each_place_once_with_the_focused_widgets_meaning() -> None:
    similar = describe("Similar cases", [SimilarScreen, SimilarList], [], False).plain
    assert "esc" in similar and "Back to where you came from" in similar, "the detail screens' shared keys are listed"
    assert "Next case" in similar and "Scroll down" not in similar, "the list's j, which has focus, is what j does"
    compare = describe("Compare", [CompareScreen], [], True).plain
    assert [line.split()[0] for line in compare.splitlines()[1:]] == ["esc", "j", "k", "i"]


def _damage(index_dir: Path, ending: str) -> None:
    """Overwrite the open index's ``*.ending`` files with zeros, in place: the app's open index reads the zeros."""
    version = index_dir / (index_dir / "CURRENT").read_text().strip()
    damaged = list(version.glob(f"*.{ending}"))
    assert damaged
    for path in damaged:
        with path.open("r+b") as f:
            f.write(bytes(path.stat().st_size))


@pytest.fixture
def small_index(tmp_path: Path) -> tuple[Path, str]:
    """A throwaway index of 40 letters (it gets damaged), and a letter past the app's first page."""
    write_corpus(tmp_path / "corpus", 40, seed=5)
    build([tmp_path / "corpus"], tmp_path / "index", jobs=1)
    unseen = open_index(tmp_path / "index").search("", limit=100, sort="date").letters[-1].id
    return tmp_path / "index", unseen


async def notices(pilot: Pilot[int], app: IMRSearchApp) -> str:
    """The screen as text once the notifications (toasts) have been laid out."""
    await pilot.pause(0.3)
    shown = screen_text(app)
    app.clear_notifications()
    return shown


async def open_failing_letter(pilot: Pilot[int], app: IMRSearchApp, letter_id: str) -> str:
    """Open a letter that cannot be read; its spinner must stop. The screen, notifications included."""
    app.post_message(OpenLetter(letter_id))
    await settle(pilot)
    letter = app.screen
    assert isinstance(letter, LetterScreen)
    await until(pilot, lambda: not letter.document.loading)
    assert not letter.document.loading
    return await notices(pilot, app)


def test_a_failed_worker_says_what_failed_and_stops_its_spinner(small_index: tuple[Path, str]) -> None:
    index_dir, unseen = small_index

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        _damage(index_dir, "term")  # the term dictionaries: each fails when first read
        await pilot.press("escape", "s")
        await settle(pilot)
        similar = app.screen
        assert isinstance(similar, SimilarScreen)
        await until(pilot, lambda: not similar.similar.loading)
        assert not similar.similar.loading
        shown = await notices(pilot, app)
        assert "Similar cases failed: ValueError" in shown and "could not search" in shown
        await pilot.press("escape")
        assert "Loading the letter failed: ValueError" in await open_failing_letter(pilot, app, unseen)
        await pilot.press("slash")
        await search(pilot, "therapy")
        assert isinstance(app.screen, SearchScreen)
        assert "⚠ Search failed: ValueError" in screen_text(app), "a failed search is said in the status line"
        await pilot.press("escape", "t")
        await settle(pilot)
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        await until(pilot, lambda: not stats.body.loading)
        assert not stats.body.loading
        assert "Counting outcomes failed: ValueError" in await notices(pilot, app)
        assert app.is_running

    run_app(index_dir, scenario, size=(120, 40), notifications=True)


def test_a_panic_in_the_index_is_reported_like_any_failure(small_index: tuple[Path, str]) -> None:
    """Tantivy panics on a damaged store; the query layer turns the panic (not an Exception) into IndexDamaged."""
    index_dir, unseen = small_index

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        _damage(index_dir, "store")
        shown = await open_failing_letter(pilot, app, unseen)
        assert "Loading the letter failed: the index at" in shown and "is damaged" in shown

    run_app(index_dir, scenario, size=(120, 40), notifications=True)


def test_importing_the_app_sets_nothing_running_it_sets_the_frame_rate(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    probe = (
        "import os, sys; import imr_search.tui, imr_search.tui.app; print(os.environ.get('TEXTUAL_FPS'));"
        f"imr_search.tui.run(__import__('pathlib').Path({str(tmp_path / 'none')!r})); print(os.environ.get('TEXTUAL_FPS'))"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["None", "120"]


# -- start-up ----------------------------------------------------------------


def test_missing_explicit_index_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tui_run(tmp_path / "nope") == 1
    assert "no index at" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists(), "nothing is built for an explicit --index"
    result = CliRunner().invoke(cli_main, ["--index", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "no index at" in result.output


def test_first_run_builds_the_default_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "sample_corpus"
    write_corpus(corpus, 20, seed=3)
    app = IMRSearchApp(tmp_path / "index", build_from=corpus, clock=lambda: 0.0)
    seen: list[str] = []
    real_build = build_screen.build

    def slow_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.5)  # 20 letters build faster than a test can look
        return real_build(*args, **kwargs)

    monkeypatch.setattr(build_screen, "build", slow_build)

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.1)
            seen.append(type(app.screen).__name__)
            if isinstance(app.screen, BuildScreen):
                seen.append(screen_text(app))
            for _ in range(200):
                if isinstance(app.screen, SearchScreen):
                    break
                await pilot.pause(0.05)
            await settle(pilot)
            assert isinstance(app.screen, SearchScreen)
            assert app.screen.results_list.option_count == 20

    asyncio.run(go())
    assert seen[0] == "BuildScreen" and "No index at" in seen[1] and "Building one" in seen[1]
    assert open_index(tmp_path / "index").letters_count == 20


# -- screenshots -------------------------------------------------------------


def _compare(app: IMRSearchApp, name: str, problems: list[str]) -> None:
    svg = app.export_screenshot(title=f"imr-search {name}")
    plain = screen_text(app)
    svg_path, txt_path = SNAPSHOTS / f"{name}.svg", SNAPSHOTS / f"{name}.txt"
    if UPDATE or not svg_path.exists():
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        svg_path.write_text(svg, encoding="utf-8")
        txt_path.write_text(plain, encoding="utf-8")
        if not UPDATE:
            problems.append(f"{name}: no snapshot yet; wrote {svg_path.name} (check it, commit it)")
        return
    want_txt = txt_path.read_text(encoding="utf-8")
    if plain != want_txt:
        diff = "\n".join(difflib.unified_diff(want_txt.splitlines(), plain.splitlines(), "expected", "actual", lineterm=""))
        problems.append(f"{name}: the screen's text changed:\n{diff}")
    elif svg != svg_path.read_text(encoding="utf-8"):
        problems.append(f"{name}: same text, different styles (colours, highlights)")
    if problems and problems[-1].startswith(name):  # left beside the expected ones for a look (not committed)
        (SNAPSHOTS / f"{name}.actual.svg").write_text(svg, encoding="utf-8")
        (SNAPSHOTS / f"{name}.actual.txt").write_text(plain, encoding="utf-8")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshots_of_the_main_screens(index_dir: Path, size: tuple[int, int]) -> None:
    problems: list[str] = []
    tag = f"{size[0]}x{size[1]}"

    async def shoot(pilot: Pilot[int], app: IMRSearchApp, name: str) -> None:
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await settle(pilot)
        _compare(app, f"{name}-{tag}", problems)

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, SNAP_QUERY)
        await shoot(pilot, app, "search")
        await pilot.press("escape", "f")
        await shoot(pilot, app, "filters")
        await pilot.press("escape", "enter")
        await settle(pilot)
        await pilot.press("n")
        await shoot(pilot, app, "letter")
        await pilot.press("o")
        await shoot(pilot, app, "similar")
        await pilot.press("c")
        await shoot(pilot, app, "compare")
        await pilot.press("slash", "escape", "t")
        await shoot(pilot, app, "stats")
        await pilot.press("escape", "a")
        await shoot(pilot, app, "citator")
        await pilot.press("enter")
        await shoot(pilot, app, "citing")
        await pilot.press("escape", "escape", "question_mark")
        await shoot(pilot, app, "help")

    run_app(index_dir, scenario, size=size)
    assert not problems, "\n\n".join(problems) + "\n\nRegenerate after a deliberate change: IMR_UPDATE_SNAPSHOTS=1 python -m pytest tests/app/test_tui.py -k snapshot"


def test_app_keeps_searching_during_a_rebuild_and_picks_up_the_new_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30, seed=77)
    build([corpus], tmp_path / "index", jobs=1)
    letter = make_letter(random.Random(3), "CM24-7777777")
    text_ = render(letter, "pdf-text").replace("Decision rationale:", "Decision rationale: Xylophonic reasoning aside,", 1)

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, "xylophonic")
        assert shown_ids(app) == []
        (corpus / "CM24-7777777.txt").write_text(text_)
        build([corpus], tmp_path / "index", jobs=1)  # a rebuild finishes while the app runs
        await search(pilot, " ")  # the old index still answers until the app reloads
        assert shown_ids(app) == []
        app._reload()  # what the app's timer does every few seconds
        await settle(pilot)
        assert shown_ids(app) == ["CM24-7777777"]

    run_app(tmp_path / "index", scenario)

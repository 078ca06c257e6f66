"""The precedent packet and saved searches in the app, driven with the keyboard through Pilot.

Real indexes of generated letters in temporary folders; the user's folder
is a temporary one too (``tests/conftest.py``), so the packet and the saved
searches the app writes are read back from disk, and a second app run in
the same test finds them there.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from imr_search import open_index
from imr_search.index.writer import build
from imr_search.query.order import ordered
from imr_search.synth import make_letter, render, write_corpus
from imr_search.tui.app import IMRSearchApp
from imr_search.tui.screens.ask import AskScreen
from imr_search.tui.screens.packet import PacketScreen
from imr_search.tui.screens.saved import SavedScreen
from imr_search.tui.screens.search import SearchScreen
from imr_search.tui.screens.similar import SimilarScreen
from imr_search.tui.widgets.status_line import StatusLine
from imr_search.userdata import saved
from imr_search.userdata.packet import Packet, PacketEntry, load_packet, save_packet

from .test_tui import _compare, run_app, screen_text, search, settle

QUERY = "physical therapy"


@pytest.fixture()
def corpus_index(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 80, seed=11)
    build([corpus], tmp_path / "index", jobs=1)
    return corpus, tmp_path / "index"


async def type_in(pilot: Pilot[int], text: str) -> None:
    """Type into the focused box at once and press enter."""
    box = pilot.app.focused
    assert isinstance(box, Input)
    box.insert_text_at_cursor(text)
    await pilot.press("enter")
    await settle(pilot)


def test_mark_from_two_screens_reorder_note_remove_and_find_it_after_a_restart_and_a_rebuild(corpus_index: tuple[Path, Path]) -> None:
    corpus, index = corpus_index
    idx = open_index(index)
    letters = ordered(idx.search(QUERY, limit=30).letters, "relevance")
    similar = idx.similar(letters[0].id, limit=20) or []
    third = next(s for s in similar if (s.id, s.item) not in {(h.id, h.items[0].item) for h in letters[:2]})
    marked = [(letters[0].id, letters[0].items[0].item), (letters[1].id, letters[1].items[0].item), (third.id, third.item)]

    async def mark(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape", "space", "j", "space")  # the first two results' best items
        await settle(pilot)
        assert "Packet: 2" in str(app.screen.query_one(StatusLine).content)
        await pilot.press("k", "s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SimilarScreen)
        for _ in range(similar.index(third)):
            await pilot.press("j")
        await pilot.press("space")
        await settle(pilot)
        assert "Packet: 3" in screen_text(app) and "●" in screen_text(app)
        assert [(e.letter_id, e.item) for e in load_packet().entries] == marked, "saved at once, in marking order"

        await pilot.press("p")
        await settle(pilot)
        packet = app.screen
        assert isinstance(packet, PacketScreen)
        assert "Precedent packet · 3 items" in screen_text(app)
        await pilot.press("J")  # the first item moves down
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        await type_in(pilot, "same treatment, decided the other way")
        await pilot.press("j", "x")  # remove the last one
        await settle(pilot)
        assert [(e.letter_id, e.item, e.note) for e in load_packet().entries] == [
            (marked[1][0], marked[1][1], ""),
            (marked[0][0], marked[0][1], "same treatment, decided the other way"),
        ]
        await pilot.press("k", "enter")  # open the first item's letter
        await settle(pilot)
        assert app.screen.__class__.__name__ == "LetterScreen"

    run_app(index, mark)

    async def restart(pilot: Pilot[int], app: IMRSearchApp) -> None:
        assert "Packet: 2" in screen_text(app)
        await pilot.press("escape", "p")
        await settle(pilot)
        shown = screen_text(app)
        assert "same treatment, decided the other way" in shown and "not in the index" not in shown

    run_app(index, restart)

    gone = marked[1][0]
    (corpus / f"{gone}.txt").unlink()
    build([corpus], index, jobs=1)  # a full rebuild without one of the letters

    async def rebuilt(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await pilot.press("escape", "p")
        await settle(pilot)
        shown = screen_text(app)
        assert f"{gone} item {marked[1][1]}  not in the index" in shown
        assert "1 not in the index" in shown and "2 items" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PacketScreen), "a missing letter does not open"

    run_app(index, rebuilt)
    assert len(load_packet().entries) == 2, "a missing item is shown, never dropped"


def test_save_a_search_see_new_letters_after_an_update_open_it_and_see_them_cleared(corpus_index: tuple[Path, Path]) -> None:
    corpus, index = corpus_index

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        await type_in(pilot, "pt")
        assert saved.load_saved()["pt"].query == QUERY

        rng = random.Random(5)
        for n in range(30):
            letter = make_letter(rng, f"CM26-{n:07d}")
            (corpus / f"{letter.case_number}.txt").write_text(render(letter, "html-text"))
        build([corpus], index, jobs=1, update=True)
        app._reload()  # what the app's timer does every few seconds
        await settle(pilot)
        expected = app.index.count_new(QUERY, saved.load_saved()["pt"].last_seen)
        assert expected.new > 0

        await pilot.press("escape", "l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SavedScreen)
        assert screen.rows["pt"].new == expected.new and screen.rows["pt"].letters == expected.letters
        assert f"{expected.new} new" in screen_text(app)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.effective_query == QUERY
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, SavedScreen) and app.screen.rows["pt"].new == 0
        assert "0 new" in screen_text(app)
        await pilot.press("x")
        assert saved.load_saved() == {}

    run_app(index, scenario)


@pytest.fixture(scope="module")
def snap_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packet-snap")
    write_corpus(root / "corpus", 60, seed=11)
    build([root / "corpus"], root / "index", jobs=1)
    return root / "index"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshots_of_the_packet_and_saved_searches(snap_index: Path, size: tuple[int, int]) -> None:
    idx = open_index(snap_index)
    first, second = (h for h in idx.search("", limit=2, sort="date").letters)
    save_packet(
        Packet(
            [
                PacketEntry(letter_id=second.id, item=second.items[0].item, case_number=second.case_number, note="the closest facts"),
                PacketEntry(letter_id="CM13-0000001", item=2, case_number="CM13-0000001", note="kept from an older index"),
                PacketEntry(letter_id=first.id, item=first.items[0].item, case_number=first.case_number),
            ]
        )
    )
    long_ago, later = datetime(2020, 1, 2, 3, 4, tzinfo=timezone.utc), datetime(2099, 1, 1, tzinfo=timezone.utc)
    saved.add("pt after fusion", '"physical therapy" outcome:upheld', long_ago)
    saved.add("overturned, ODG", "cites:ODG outcome:overturned", later)
    problems: list[str] = []
    tag = f"{size[0]}x{size[1]}"

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await pilot.press("escape", "p")
        await settle(pilot)
        _compare(app, f"packet-{tag}", problems)
        await pilot.press("escape", "l")
        await settle(pilot)
        _compare(app, f"saved-{tag}", problems)

    run_app(snap_index, scenario, size=size)
    assert not problems, "\n\n".join(problems)

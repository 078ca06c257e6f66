"""Export from the app (`e`), driven with the keyboard through Pilot: the packet and a query's items, read back.

Real indexes of generated letters in temporary folders; the user's folder is
a temporary one (``tests/conftest.py``) and so is the current folder, where
the app proposes to write. Every file the app writes is read back as its
reader would: python-docx for Word, the csv and json modules for the rest.
"""

from __future__ import annotations

import asyncio
import csv
import json
from datetime import date
from pathlib import Path

import docx
import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from imr_search import open_index
from imr_search.export import entries_for_query
from imr_search.index.writer import build
from imr_search.query.order import ordered
from imr_search.synth import write_corpus
from imr_search.tui.app import IMRSearchApp
from imr_search.tui.screens.base import EXPORT_DELIVERY
from imr_search.tui.screens.export import ExportChoice, ExportScreen
from imr_search.tui.screens.packet import PacketScreen
from imr_search.tui.screens.similar import SimilarScreen
from imr_search.userdata.packet import Packet, PacketEntry, load_packet, save_packet

from .test_packet_saved import type_in
from .test_tui import _compare, run_app, search, settle

QUERY = "physical therapy"
NOTE = "same treatment | decided *the other* way"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export-app")
    write_corpus(root / "corpus", 80, seed=11)
    build([root / "corpus"], root / "index", jobs=1)
    return root / "index"


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's current folder: where a file name without a folder goes."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def said(app: IMRSearchApp) -> list[str]:
    return [n.message for n in app._notifications]


async def ask_export(pilot: Pilot[int], app: IMRSearchApp) -> ExportScreen:
    await pilot.press("e")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def path_box(screen: ExportScreen) -> Input:
    return screen.query_one("#export-path", Input)


def test_mark_reorder_note_and_export_the_packet_to_each_format(index: Path, here: Path) -> None:
    idx = open_index(index)
    letters = ordered(idx.search(QUERY, limit=30).letters, "relevance")
    similar = idx.similar(letters[0].id, limit=20) or []
    third = next(s for s in similar if (s.id, s.item) not in {(h.id, h.items[0].item) for h in letters[:2]})
    marked = [(letters[0].id, letters[0].items[0].item), (letters[1].id, letters[1].items[0].item), (third.id, third.item)]
    order = [marked[1], marked[0], marked[2]]  # after the first is moved down
    names = [idx.letter(letter_id).letter.case_number or letter_id for letter_id, _ in order]  # type: ignore[union-attr]
    today = date.today().isoformat()

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape", "space", "j", "space", "k", "s")
        await settle(pilot)
        assert isinstance(app.screen, SimilarScreen)
        for _ in range(similar.index(third)):
            await pilot.press("j")
        await pilot.press("space", "p")
        await settle(pilot)
        assert isinstance(app.screen, PacketScreen)
        await pilot.press("J", "n")
        await settle(pilot)
        await type_in(pilot, NOTE)
        assert [(e.letter_id, e.item) for e in load_packet().entries] == order

        # Word, under the name proposed, in the current folder.
        screen = await ask_export(pilot, app)
        assert path_box(screen).value == f"packet-{today}.docx" and screen.fmt == "docx"
        await pilot.press("enter")
        await settle(pilot)
        word = here / f"packet-{today}.docx"
        assert isinstance(app.screen, PacketScreen)
        assert said(app)[-1] == f"Exported 3 items to {word}"
        document = docx.Document(str(word))
        assert [row.cells[0].text for row in document.tables[0].rows] == ["Case", *names]
        assert NOTE in "\n".join(p.text for p in document.paragraphs)

        # Markdown: the extension typed picks the format.
        screen = await ask_export(pilot, app)
        path_box(screen).value = "binder.md"
        await pilot.pause()
        assert screen.fmt == "md" and screen.query_one("#export-format", OptionList).highlighted == 1
        await pilot.press("enter")
        await settle(pilot)
        markdown = (here / "binder.md").read_text(encoding="utf-8")
        assert [markdown.index(f"| {name} |") for name in names] == sorted(markdown.index(f"| {name} |") for name in names)
        assert "same treatment \\| decided \\*the other\\* way" in markdown

        # CSV: the format picked in the list gives the name its extension.
        screen = await ask_export(pilot, app)
        await pilot.press("tab", "down", "down")
        assert path_box(screen).value == f"packet-{today}.csv"
        await pilot.press("enter")
        await settle(pilot)
        with (here / f"packet-{today}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert [(r["id"], int(r["item"])) for r in rows] == order
        assert [r["packet_note"] for r in rows] == ["", NOTE, ""]

        # NDJSON: a name without an extension gets the format's, in the folder typed.
        (here / "out").mkdir()
        screen = await ask_export(pilot, app)
        path_box(screen).value = "out/items"
        await pilot.press("tab", "end", "enter")
        await settle(pilot)
        lines = (here / "out" / "items.ndjson").read_text(encoding="utf-8").splitlines()
        objects = [json.loads(line) for line in lines]
        assert [(o["id"], o["item"]) for o in objects] == order and objects[1]["packet_note"] == NOTE
        assert said(app)[-1] == f"Exported 3 items to {here / 'out' / 'items.ndjson'}"

        # The same name again: replaced, and said.
        await ask_export(pilot, app)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app)[-1] == f"Exported 3 items to {word} (it replaced the file there)"

    run_app(index, scenario)
    assert sorted(p.name for p in here.rglob("*")) == sorted(["binder.md", f"packet-{today}.csv", f"packet-{today}.docx", "out", "items.ndjson"]), "no temporary file left"


def test_e_on_the_results_exports_the_items_the_query_finds(index: Path, here: Path) -> None:
    query = "physical therapy outcome:overturned"
    expected = [(e.letter_id, e.item_no) for e in entries_for_query(open_index(index), query)]
    assert len(expected) > 1

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, query)
        await pilot.press("e")
        assert not isinstance(app.screen, ExportScreen), "typing in the box, e is a letter"
        await pilot.press("backspace", "escape")
        await settle(pilot)
        screen = await ask_export(pilot, app)
        assert path_box(screen).value == "imr-physical-therapy-outcome-overturned.docx"
        assert str(screen.query_one("#export-detail").render()) == f"The items matching {query}, best first"
        path_box(screen).value = "found.csv"
        await pilot.press("enter")
        await settle(pilot)
        assert said(app)[-1] == f"Exported {len(expected)} items to {here / 'found.csv'}"
        (here / "sub").mkdir()
        screen = await ask_export(pilot, app)
        path_box(screen).value = "sub/"  # a folder: the proposed name, in it
        await pilot.press("enter")
        await settle(pilot)
        assert (here / "sub" / "imr-physical-therapy-outcome-overturned.docx").is_file()
        screen = await ask_export(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)

    run_app(index, scenario)
    with (here / "found.csv").open(encoding="utf-8", newline="") as f:
        assert [(r["id"], int(r["item"])) for r in csv.DictReader(f)] == expected
    assert sorted(p.name for p in here.rglob("*")) == ["found.csv", "imr-physical-therapy-outcome-overturned.docx", "sub"], "escape writes nothing"


def test_nothing_to_export_or_nowhere_to_write_is_said_and_nothing_is_written(index: Path, here: Path) -> None:
    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, "xylophonic")
        await pilot.press("escape", "e")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert said(app)[-1] == "No items match 'xylophonic': nothing written"

        await pilot.press("p", "e")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert said(app)[-1].startswith("The packet is empty")

        save_packet(Packet([PacketEntry(letter_id="CM13-0000001", item=2, case_number="CM13-0000001")]))
        app.packet = load_packet()
        for typed, problem in [
            (str(here / "no" / "such" / "folder.docx"), f"there is no folder {here / 'no' / 'such'}"),
            ("/proc/packet.docx", "cannot write /proc/packet.docx: "),
        ]:
            screen = await ask_export(pilot, app)
            path_box(screen).value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PacketScreen)
            assert said(app)[-1].startswith(f"Not exported: {problem}") and said(app)[-1].endswith("; nothing written")

        screen = await ask_export(pilot, app)
        path_box(screen).value = "  "
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and said(app)[-1] == "Give the file a name"
        path_box(screen).value = "gone.md"
        await pilot.press("enter")
        await settle(pilot)
        assert said(app)[-1] == f"Exported 1 item (1 not in the index, listed as missing) to {here / 'gone.md'}"

    run_app(index, scenario)
    assert not (here / "no").exists()
    assert [p.name for p in here.iterdir()] == ["gone.md"]


def test_served_the_question_is_only_the_format_and_nothing_is_written_off_the_browser(index: Path, here: Path) -> None:
    save_packet(Packet([PacketEntry(letter_id="CM13-0000001", item=2)]))
    app = IMRSearchApp(index, served=True, clock=lambda: 0.0)
    answers: list[ExportChoice | None] = []

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("escape", "p", "e")
            await settle(pilot)
            assert isinstance(app.screen, PacketScreen), "under Pilot the driver is no browser: a download would be a file on the server"
            assert said(app)[-1].startswith("An export from the served app is a browser download")
            app.push_screen(ExportScreen("1 packet item", "packet", ask_path=False), answers.append)
            await settle(pilot)
            assert not app.screen.query(Input) and app.focused is app.screen.query_one("#export-format")
            await pilot.press("down", "enter")
            await settle(pilot)

    asyncio.run(go())
    assert answers == [ExportChoice("md", None)]
    assert list(here.iterdir()) == []


def test_a_browser_download_that_fails_is_said(index: Path) -> None:
    """Textual reports only its own screenshots' failed deliveries; an export's failure reaches the user too."""
    app = IMRSearchApp(index, served=True, clock=lambda: 0.0)

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.post_message(events.DeliveryFailed(key="k", exception=OSError("connection closed"), name=EXPORT_DELIVERY))
            app.post_message(events.DeliveryFailed(key="s", exception=OSError("closed"), name="screenshot"))
            await settle(pilot)
            assert [m for m in said(app) if "export" in m] == ["The export did not reach the browser: connection closed"]

    asyncio.run(go())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshots_of_the_export_question(index: Path, size: tuple[int, int]) -> None:
    problems: list[str] = []

    async def scenario(pilot: Pilot[int], app: IMRSearchApp) -> None:
        await search(pilot, QUERY)
        await pilot.press("escape")
        screen = await ask_export(pilot, app)
        path_box(screen).cursor_blink = False
        await settle(pilot)
        _compare(app, f"export-{size[0]}x{size[1]}", problems)

    run_app(index, scenario, size=size)
    assert not problems, "\n\n".join(problems)

"""The app as ``imr-search serve`` runs it for each browser (``--served``): read-only, following rebuilds.

Driven by Pilot like tests/app/test_tui.py, on real indexes in temporary
folders. Under Pilot the driver is not the web driver, which is the case to
guard: off the web driver, Textual's "Screenshot" command saves a file in a
folder of the server.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from textual.pilot import Pilot

from imr_search.index import build, store
from imr_search.synth import make_letter, render, write_corpus
from imr_search.tui import run as tui_run
from imr_search.tui.app import SCREENSHOT, IMRSearchApp

from .test_tui import search, settle, shown_ids


def drive(app: IMRSearchApp, scenario) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(go())


@pytest.fixture()
def corpus_and_index(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 20, seed=41)
    build([corpus], tmp_path / "index", jobs=1)
    return corpus, tmp_path / "index"


def test_served_palette_offers_nothing_that_writes_a_file(corpus_and_index: tuple[Path, Path]) -> None:
    _, index = corpus_and_index
    titles: dict[bool, set[str]] = {}
    for served in (False, True):
        app = IMRSearchApp(index, served=served)

        async def scenario(pilot: Pilot[int], app: IMRSearchApp = app, served: bool = served) -> None:
            titles[served] = {c.title for c in app.get_system_commands(app.screen)}

        drive(app, scenario)
    assert SCREENSHOT in titles[False] and SCREENSHOT not in titles[True]
    assert titles[False] - titles[True] == {SCREENSHOT}
    assert {"Theme", "Quit", "Keys", "Reload the index"} <= titles[True]


def test_served_app_never_builds_a_missing_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("IMR_SEARCH_INDEX", str(tmp_path / "none"))
    monkeypatch.chdir(tmp_path)
    assert tui_run(None, served=True) == 1
    assert capsys.readouterr().err == f"error: no index at {tmp_path / 'none'}: build one with `imr-search index CORPUS`\n"
    assert not (tmp_path / "none").exists()


def test_served_app_follows_rebuilds_and_never_opens_a_half_published_one(corpus_and_index: tuple[Path, Path]) -> None:
    corpus, index = corpus_and_index
    letter = make_letter(random.Random(3), "CM24-7777777")
    text = render(letter, "pdf-text").replace("Decision rationale:", "Decision rationale: Xylophonic reasoning aside,", 1)
    app = IMRSearchApp(index, served=True)

    async def scenario(pilot: Pilot[int]) -> None:
        await search(pilot, "xylophonic")
        assert shown_ids(app) == []
        live = store.current(index)
        # A version named by the pointer but gone or unreadable (a second rebuild removed it between
        # the reader's look at CURRENT and its opening): the open version answers on.
        (index / "v0-broken").mkdir()
        (index / store.POINTER).write_text("v0-broken\n")
        app._reload()
        await search(pilot, " ")
        assert shown_ids(app) == [] and app.index._snap.version == live
        (index / "v0-broken").rmdir()
        (index / store.POINTER).write_text(live.name + "\n")
        (corpus / "CM24-7777777.txt").write_text(text)
        build([corpus], index, jobs=1)  # the keeper rebuilds while the session runs
        app._reload()  # what the app's timer does every few seconds
        await settle(pilot)
        assert shown_ids(app) == ["CM24-7777777"]

    drive(app, scenario)

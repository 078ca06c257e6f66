"""The parser's notes (what it had to guess) are shown: ``parse`` and ``show`` print them, ``index`` counts them.

The index here is real (written by the writer from the JSON a worker sends,
see ``noted_index``); the outputs are compared exactly.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from imr_search.cli import main
from imr_search.cli.text import letter_summary
from imr_search.parse import parse_text
from imr_search.records import Letter
from imr_search.synth import make_letter, render

from .noted_index import build_noted

NOTES = {1: ["item 2: rationale has no closing sentence", "decision date read from the footer"], 3: ["no reviewer specialty"]}


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Letter], int]:
    root = tmp_path_factory.mktemp("noted")
    report, letters = build_noted(root, 5, NOTES)
    return root / "index", letters, report.noted


def invoke(*args: str) -> tuple[str, str]:
    result = CliRunner(env={"NO_COLOR": "1"}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_the_writer_counts_the_letters_with_notes(noted: tuple[Path, list[Letter], int]) -> None:
    _, letters, count = noted
    assert count == 2 == sum(bool(letter.notes) for letter in letters)


def test_show_prints_each_note_after_the_items(noted: tuple[Path, list[Letter], int]) -> None:
    index, letters, _ = noted
    letter = letters[1]
    lines = invoke("show", letter.id, "--index", str(index))[0].split("\n")
    after_items = 2 + len(letter.items)
    assert lines[after_items : after_items + 3] == [
        "  note: item 2: rationale has no closing sentence",
        "  note: decision date read from the footer",
        "",
    ]
    plain = invoke("show", letters[0].id, "--index", str(index))[0].split("\n")
    assert plain[2 + len(letters[0].items)] == "" and not any("note:" in line for line in plain)


def test_parse_prints_notes_in_text() -> None:
    letter = make_letter(random.Random(3), "CM18-0000042")
    parsed = parse_text(render(letter, "html-text"), "CM18-0000042.txt")
    noted = msgspec.structs.replace(parsed, notes=["item 1: request read from the rationale"])
    assert letter_summary(noted) == letter_summary(parsed) + "\n  note: item 1: request read from the rationale"


def test_index_summary_counts_letters_items_and_notes_in_words(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    letter = make_letter(random.Random(3), "CM18-0000042")
    (corpus / "CM18-0000042.txt").write_text(render(letter, "html-text"), encoding="utf-8")
    items = len(letter.items)
    _, err = invoke("index", str(corpus), "--index", str(tmp_path / "index"))
    noun = "item" if items == 1 else "items"
    progress, summary = err.splitlines()  # the progress line (not a terminal), then the summary
    assert re.fullmatch(r"parsed 1/1 files, [\d,]+/s, ETA 0s", progress), progress
    assert re.fullmatch(
        rf"indexed 1 letter \({items} {noun}\) from 1 file into {re.escape(str(tmp_path / 'index'))} in [\d.]+s, "
        r"parsed 1 file, [\d,]+ files/s; 0 skipped, 0 duplicates; 0 letters with parser notes",
        summary,
    ), summary
    _, err = invoke("parse", str(corpus / "CM18-0000042.txt"))
    assert re.fullmatch(rf"parsed 1 letter \({items} {noun}\), 0 failed, in [\d.]+s\n", err), err

"""Hostile and damaged input: every file gives a record or a clear reason."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_search.read import text as textio
from imr_search.errors import LetterError
from imr_search.parse import parse_file, parse_text
from imr_search.synth import SHAPES, make_letter, render


def _letter(seed: int = 7, items: int | None = None):
    rng = random.Random(seed)
    for _ in range(200):
        letter = make_letter(rng, f"CM15-{rng.randrange(10**7):07d}")
        if items is None or len(letter.items) >= items:
            return letter
    raise AssertionError("generator never made a letter that long")


@pytest.fixture(scope="module")
def text():
    return render(_letter(items=2), "pdf-text")


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("shape", SHAPES)
def test_encodings_and_line_ends_parse_the_same(tmp_path, shape):
    text = render(_letter(3), shape).replace("’", "'")
    base = parse_text(text)
    variants = {
        "crlf.txt": text.replace("\n", "\r\n").encode(),
        "bom.txt": b"\xef\xbb\xbf" + text.encode(),
        "cp1252.txt": (text + "\n").replace("Upheld", "Upheld").encode("cp1252", errors="replace"),
        "utf16.txt": text.encode("utf-16"),
        "utf16le-nobom.txt": text.encode("utf-16-le"),
        "trailing.txt": "\n".join(line + "   " for line in text.split("\n")).encode(),
        "nul.txt": text.replace("\n", "\x00\n", 5).encode(),
    }
    for name, data in variants.items():
        got = parse_file(_write(tmp_path, name, data))
        assert got.fingerprint == base.fingerprint, name
        assert [it.request for it in got.items] == [it.request for it in base.items], name


def test_cp1252_characters_are_kept(tmp_path):
    text = render(_letter(4), "html-text")
    text = text.replace("Decision rationale:", "Decision rationale: The patient\u2019s \u201cpain\u201d \u2013 stable.", 1)
    got = parse_file(_write(tmp_path, "w.txt", text.encode("cp1252", errors="replace")))
    assert "patient\u2019s \u201cpain\u201d \u2013 stable." in got.items[0].rationale


def test_escape_sequences_and_controls_are_removed(text):
    dirty = text.replace("Decision rationale:", "Decision rationale: \x1b[31mRED\x1b[0m\x07 [bold]x[/bold]", 1)
    got = parse_text(dirty)
    joined = got.items[0].rationale
    assert "\x1b" not in joined and "\x07" not in joined
    assert "RED" in joined and "[bold]x[/bold]" in joined


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (bytes(range(256)) * 40, "binary file"),
        (b"Dear customer,\nYour invoice is attached.\nRegards\n", "not an IMR letter"),
    ],
)
def test_not_letters(tmp_path, content, reason):
    with pytest.raises(LetterError) as e:
        parse_file(_write(tmp_path, "x.txt", content))
    assert reason in e.value.reason
    assert str(tmp_path / "x.txt") in str(e.value)


def test_too_large_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.truncate(textio.MAX_LETTER_BYTES + 1)
    with pytest.raises(LetterError, match="too large to be a letter"):
        parse_file(path)


def test_cut_short_mid_item_is_refused(text):
    head, _, _ = text.rpartition("Decision rationale:")
    with pytest.raises(LetterError, match=r"cut short: item \d+ .* has no decision rationale"):
        parse_text(head)


def test_a_rationale_without_a_closing_sentence_is_kept_with_a_note(text):
    """Punctuation is no evidence that text is missing: the letter is indexed, and says what was guessed."""
    whole = parse_text(text)
    got = parse_text(text.rstrip()[:-40])
    assert len(got.items) == len(whole.items) and got.notes == [f"item {len(whole.items)}: rationale has no closing sentence"]
    assert whole.notes == [] and whole.layout == "standard"
    assert got.items[-1].rationale and whole.items[-1].rationale.startswith(got.items[-1].rationale[:20])


def test_item_line_is_the_title_as_written(text):
    for it in parse_text(text).items:
        assert it.line and (it.line == it.request or (it.partial and it.line.endswith(f"{it.request} is")))


def test_numbered_items_and_uphold_wording(text):
    numbered = text.replace("Decision rationale:", "Decision rationale:", 1)
    letter = parse_text(numbered)
    first = letter.items[0]
    renamed = numbered.replace(f"{first.line}:", f"1. {first.line}:", 1)
    renamed = renamed.replace(": Upheld", ": Uphold").replace(": Overturned", ": Overturn")
    renamed = renamed.replace("MAXIMUS guideline:", "Expert Reviewer guideline:")
    got = parse_text(renamed)
    assert [(it.request, it.line, it.outcome, it.reviewer_guideline) for it in got.items] == [
        (it.request, it.line, it.outcome, it.reviewer_guideline) for it in letter.items]


def test_a_file_that_stops_in_its_header(tmp_path):
    with pytest.raises(LetterError, match="cut short: the file stops inside the header block"):
        parse_text("Case Number: CM15-0012345\nDate Assigned: 01/02/2015 Date of Injury: 03/04/2012\n")


@pytest.mark.parametrize("heading", ["INDEPENDENT MEDICAL REVIEW SUMMARY", "IMR FINDINGS AND REASONS"])
def test_an_unknown_layout_names_its_headings(heading):
    text = (f"MAXIMUS FEDERAL SERVICES, INC.\n\nIndependent Medical Review\n\n{heading}\n\n"
            "The reviewer looked at the records.\n\nOUTCOME OF REVIEW\n\nThe request stands.\n")
    with pytest.raises(LetterError) as e:
        parse_text(text)
    assert e.value.reason.startswith("unrecognised layout; headings seen: MAXIMUS FEDERAL SERVICES, INC.")
    assert heading in e.value.reason and "not an IMR letter" not in e.value.reason


def test_no_items(text):
    head = text.split("IMR ISSUES, DECISIONS AND RATIONALES")[0]
    with pytest.raises(LetterError, match="cut short|no IMR items"):
        parse_text(head + "IMR ISSUES, DECISIONS AND RATIONALES \n \nNothing was decided here. \n")
    with pytest.raises(LetterError, match="cut short"):
        parse_text(head)


def test_missing_file_is_a_letter_error(tmp_path):
    with pytest.raises(LetterError, match="cannot read"):
        parse_file(tmp_path / "nope.txt")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash(data):
    try:
        textio.decode(data)
        parse_text(data.decode("utf-8", errors="replace"))
    except LetterError as e:
        assert e.reason


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    shape=st.sampled_from(SHAPES),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), max_size=4),
    junk=st.text(max_size=40),
)
def test_mangled_letters_give_a_record_or_a_reason(seed, shape, cuts, junk):
    text = render(_letter(seed), shape)
    for a, b in cuts:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        text = text[:i] + junk + text[j:]
    try:
        letter = parse_text(text)
    except LetterError as e:
        assert e.reason and "\n" not in e.reason
        return
    assert letter.items
    assert all(it.rationale and it.request for it in letter.items)
    assert [it.item for it in letter.items] == list(range(1, len(letter.items) + 1))

"""The letter generator: determinism, realistic variety, layouts, and no borrowed text.

Parser round trips live with the parser's tests; these check the generator's
own promises (see the module docstring of ``imr_search.synth``).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from imr_search import synth
from imr_search.records import HEADER_FIELDS, Letter
from imr_search.vocab.treatments import analyze_request

from ..conftest import REAL, SEEDS, real_files

CORPUS_SIZE = 2000


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, synth.write_corpus(out, CORPUS_SIZE, seed=0)


@pytest.fixture(scope="module")
def letters() -> list[Letter]:
    return [letter for letter, _, _ in synth.corpus(CORPUS_SIZE, seed=0)]


def _read_all(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- determinism -------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = synth.write_corpus(tmp_path / "a", 120, seed=7)
    b = synth.write_corpus(tmp_path / "b", 120, seed=7)
    assert a == b
    assert _read_all(tmp_path / "a") == _read_all(tmp_path / "b")


def test_different_seed_different_letters(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path / "a", 50, seed=1)
    synth.write_corpus(tmp_path / "b", 50, seed=2)
    a, b = _read_all(tmp_path / "a"), _read_all(tmp_path / "b")
    assert set(a.values()).isdisjoint(b.values())


def test_render_is_a_function_of_letter_and_shape() -> None:
    letter = synth.make_letter(random.Random(3), "CM16-0123456")
    for shape in synth.SHAPES:
        assert synth.render(letter, shape) == synth.render(letter, shape)
    assert len({synth.render(letter, s) for s in synth.SHAPES}) == 3


def test_make_letter_rejects_a_malformed_case_number() -> None:
    with pytest.raises(ValueError):
        synth.make_letter(random.Random(0), "CM2017-5")


# -- the corpus --------------------------------------------------------------


def test_corpus_files_and_duplicates(corpus_dir: tuple[Path, dict[str, int]]) -> None:
    folder, stats = corpus_dir
    names = [p.name for p in folder.iterdir()]
    assert stats["letters"] == CORPUS_SIZE
    assert stats["files"] == len(names) == CORPUS_SIZE + stats["duplicates"]
    assert 5 <= stats["duplicates"] <= 50  # about 1%
    assert all(re.fullmatch(r"CM\d{2}-\d{7}(_2)?\.txt", n) for n in names)
    dups = [n for n in names if n.endswith("_2.txt")]
    assert len(dups) == stats["duplicates"]
    for n in dups:
        first = (folder / n.replace("_2.txt", ".txt")).read_text()
        assert (folder / n).read_text() != first  # same case, another shape


# How each text shape starts: the standard letter's header (or first heading), or an older layout's title.
_OLDER_TITLE = r"(?:MAXIMUS FEDERAL SERVICES, INC\.|MEDICAL PROFESSIONAL REVIEW)"
_SHAPE_START = {
    "html-text": re.compile(rf"\n\n(?:<b>Case Number:</b>|{_OLDER_TITLE}\n)"),
    "pdf-text": re.compile(rf" \n(?:Case Number: |{_OLDER_TITLE} \n)"),
    "pdf-text-noheader": re.compile(rf"(?: HOW THE IMR FINAL DETERMINATION WAS MADE |{_OLDER_TITLE} )\n\n"),
}


def test_shapes_are_mixed(corpus_dir: tuple[Path, dict[str, int]]) -> None:
    folder, _ = corpus_dir
    kinds = Counter()
    files = 0
    for letter, first, dup in synth.corpus(CORPUS_SIZE, seed=0):
        for name, shape in ((f"{letter.case_number}.txt", first), (f"{letter.case_number}_2.txt", dup)):
            if shape is None:
                continue
            text = (folder / name).read_text()
            files += 1
            assert [s for s, start in _SHAPE_START.items() if start.match(text)] == [shape], name
            # a letter of an older layout opens with its title, a standard one never does
            assert (re.match(rf"\s*{_OLDER_TITLE}", text) is not None) == (letter.layout != "standard"), name
            kinds[shape] += 1
    assert files == len(list(folder.iterdir()))
    for shape in synth.SHAPES:
        assert 0.27 < kinds[shape] / CORPUS_SIZE < 0.40, kinds


def test_older_layouts_in_their_years(letters: list[Letter]) -> None:
    """The shares of ``letter_mix.LAYOUT_WEIGHTS``: 2013 letters often older, 2014 a few, later ones never."""
    by_year: dict[str, Counter[str]] = {}
    for letter in letters:
        by_year.setdefault(letter.case_number[2:4], Counter())[letter.layout] += 1
    assert {yy for yy, c in by_year.items() if c["standard"] < c.total()} == {"13", "14"}
    assert set(by_year["13"]) == {"standard", "notice", "maximus", "professional-review"}
    assert set(by_year["14"]) == {"standard", "maximus", "professional-review"}
    older = lambda yy: 1 - by_year[yy]["standard"] / by_year[yy].total()  # noqa: E731
    assert 0.35 < older("13") < 0.75 and 0.04 < older("14") < 0.2
    share = sum(letter.layout != "standard" for letter in letters) / len(letters)
    assert 0.01 < share < 0.08  # a few percent of a corpus spanning 2013 on


def test_vocabulary_coverage(letters: list[Letter]) -> None:
    items = [it for letter in letters for it in letter.items]
    assert len({it.treatment for it in items}) >= 150
    parts = {re.sub(r"^(left|right|bilateral) ", "", it.body_part) for it in items if it.body_part}
    assert len(parts) >= 40
    assert len({it.category for it in items}) >= 10
    assert len({d for letter in letters for d in letter.diagnoses}) >= 60
    assert len({s for letter in letters for s in letter.reviewer.specialties}) >= 40
    assert len({s for letter in letters for s in letter.reviewer.licensure}) >= 40
    assert {c.source for it in items for c in it.citations} == {"MTUS", "ACOEM", "ODG", "other"}
    pharma = sum(it.category == "Pharmaceuticals" for it in items) / len(items)
    assert 0.33 <= pharma <= 0.5


def test_item_counts_and_outcomes(letters: list[Letter]) -> None:
    counts = Counter(len(letter.items) for letter in letters)
    assert min(counts) >= 1 and max(counts) <= 20
    assert 0.55 <= counts[1] / len(letters) <= 0.65
    assert counts[2] > counts[3] > counts[5] > 0
    assert max(counts) >= 10
    items = [it for letter in letters for it in letter.items]
    assert [it.item for letter in letters for it in letter.items] == [
        k + 1 for letter in letters for k in range(len(letter.items))
    ]
    overturned = sum(it.outcome == "overturned" for it in items) / len(items)
    assert 0.08 <= overturned <= 0.15
    partial = [it for it in items if it.partial]
    assert 0.02 <= len(partial) / len(items) <= 0.08
    assert all(it.partial.original not in (it.request, it.partial.authorized) for it in partial)


def test_dates_years_and_order(letters: list[Letter]) -> None:
    assert {int(letter.decision_date[:4]) for letter in letters} == set(range(2013, 2026))
    for letter in letters:
        dates = [letter.date_of_injury, letter.ur_denial_date, letter.application_received, letter.date_assigned,
                 letter.decision_date]
        if letter.layout == "standard":
            assert None not in dates
        elif letter.layout == "professional-review":  # a report states only the day it was signed
            assert dates[:4] == [None] * 4
        elif letter.layout == "notice":
            assert None not in dates
        # the dates a letter states are in order, the assigned one in the case number's year
        stated = [d for d in dates if d is not None]
        assert stated == sorted(stated) and len(set(stated)) == len(stated), letter.case_number
        assert letter.date_assigned is None or letter.case_number[2:4] == letter.date_assigned[2:4]
    # notices and reviews state no priority; among the letters that do, few are expedited
    assert all((letter.priority is None) == (letter.layout in ("notice", "professional-review")) for letter in letters)
    priorities = Counter(letter.priority for letter in letters if letter.priority)
    assert priorities["standard"] > 0.9 * priorities.total() and priorities["expedited"] > 0


def test_patient_and_summary(letters: list[Letter]) -> None:
    ages = [letter.patient.age for letter in letters]
    assert all(a is None or 18 <= a <= 75 for a in ages)
    assert 0.02 < ages.count(None) / len(ages) < 0.15
    assert {letter.patient.sex for letter in letters} == {"male", "female"}
    assert any("[REDACTED]" in letter.summary for letter in letters)
    for letter in letters[:300]:
        age = letter.patient.age
        stated = "a year old" if age is None else f"{age}"
        assert stated in letter.summary
        assert 2 <= len(letter.summary.split("\n\n")) <= 4
        dx = letter.diagnoses
        listed = dx[0] if len(dx) == 1 else ", ".join(dx[:-1]) + " and " + dx[-1]
        oxford = ", ".join(dx[:-1]) + ", and " + dx[-1]
        assert re.search(r"\b(The diagnoses|Diagnoses|Current diagnoses) includ", letter.summary)
        assert f" {listed}." in letter.summary or f" {oxford}." in letter.summary


def test_requests_read_back_as_composed(letters: list[Letter]) -> None:
    for letter in letters[:400]:
        for it in letter.items:
            info = analyze_request(it.request)
            assert (info.treatment, info.category, info.subcategory, info.body_part, info.quantity,
                    info.frequency, info.duration) == (it.treatment, it.category, it.subcategory, it.body_part,
                                                       it.quantity, it.frequency, it.duration), it.request


def test_rationale_ends_with_the_verdict(letters: list[Letter]) -> None:
    for letter in letters[:400]:
        for it in letter.items:
            verdict = "is not medically necessary." if it.outcome == "upheld" else "is medically necessary."
            assert it.rationale.endswith(f"the request for {it.request} {verdict}")


# Every "Decision based on" clause the generator writes, as the module docstring states it.
_CHAPTERS = (
    r"(?:Chronic Pain Medical Treatment (?:2009|2016)|Low Back Complaints 2004|Neck and Upper Back Complaints 2004"
    r"|Shoulder Complaints 2004|Knee Complaints 2004|Elbow Complaints 2007|Ankle and Foot Complaints 2004"
    r"|Forearm, Wrist, and Hand Complaints 2004|Acupuncture Treatment 2007|General Approaches 2004"
    r"|Postsurgical Treatment 2009)"
)
_REF = rf"{_CHAPTERS}(?:, Section\(s\): (?:(?!, and ).)+?)?"
_CLAUSE = re.compile(
    rf"Decision based on MTUS {_REF}(?:, and {_REF})?\."
    r"|Decision based on MTUS Chronic Pain Treatment Guidelines(?: Section on [^.]+?)? Page\(s\): \d+(?:-\d+)?(?: of 127)?\."
    r"|Decision based on Non-MTUS Citation (?:Official Disability Guidelines \(ODG\)|Official Disability Guidelines|ODG)"
    r"(?:,? [^.]+)?\."
    r"|Decision based on Non-MTUS Citation ACOEM Occupational Medicine Practice Guidelines, 3rd ed\., [^.]+?(?:, pg\. \d+)?\."
    r"|Decision based on Non-MTUS Citation [^.]+\."
)
_PREAMBLES = (
    "The Claims Administrator did not base their decision on the MTUS. ",
    "The Expert Reviewer did not base their decision on the MTUS. ",
    "The Claims Administrator based its decision on recommendation(s) outside of the MTUS Guidelines. ",
    "The Expert Reviewer based its decision on recommendation(s) outside of the MTUS Guidelines. ",
    "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. ",
)


def test_guidelines_follow_the_documented_grammar(letters: list[Letter]) -> None:
    for letter in letters[:600]:
        for it in letter.items:
            for text, by in ((it.claims_administrator_guideline, "claims_administrator"),
                             (it.reviewer_guideline, "reviewer")):
                cites = [c for c in it.citations if c.by == by]
                if not text:  # notices and reviews state the reviewer's guideline only
                    assert by == "claims_administrator" and letter.layout in ("notice", "professional-review")
                    assert not cites
                    continue
                if text.endswith("did not cite any medical evidence for its decision."):
                    assert not cites
                    continue
                for p in _PREAMBLES:
                    text = text.removeprefix(p)
                clauses = re.split(r" (?=Decision based on )", text)
                assert all(_CLAUSE.fullmatch(c) for c in clauses), text
                chained = sum(c.startswith("Decision based on MTUS") and c.replace("Forearm, Wrist, and", "").count(", and ")
                              for c in clauses)
                assert len(cites) == len(clauses) + chained
                for c in cites:
                    assert c.title and (c.section is None or c.section.strip() == c.section)
                    assert c.pages is None or re.fullmatch(r"\d+(-\d+)?", c.pages)


# -- layouts -----------------------------------------------------------------


def _sample(n: int = 40) -> list[Letter]:
    rng = random.Random(99)
    return [synth.make_letter(rng, f"CM{rng.randint(13, 25)}-{k:07d}") for k in range(n)]


@pytest.mark.parametrize("shape", synth.SHAPES)
def test_header_only_where_it_belongs(shape: str) -> None:
    for letter in _sample():
        text = synth.render(letter, shape)
        has_header = shape != "pdf-text-noheader"
        assert (letter.case_number in text) == has_header
        assert ("Date Assigned:" in text) == has_header
        assert ("UR Denial Date:" in text) == has_header
        assert ("<b>" in text) == (shape == "html-text")
        exp = synth.expected(letter, shape, f"/corpus/{letter.case_number}.txt")
        assert exp.id == letter.case_number and exp.source.endswith(".txt")
        assert exp.shape == ("html-text" if shape == "html-text" else "pdf-text")
        for field in HEADER_FIELDS:
            assert (getattr(exp, field) is None) == (not has_header)
        assert exp.items == letter.items and exp.fingerprint == letter.fingerprint


def test_html_layout() -> None:
    for letter in _sample():
        text = synth.render(letter, "html-text")
        lines = text.split("\n")
        assert lines[:3] == ["", "", f"<b>Case Number:</b>\t{letter.case_number}\t\t"]
        assert re.fullmatch(r"<b>Date Assigned:</b>\t\d\d/\d\d/\d{4}\t<b>Date of Injury:</b>\t\d\d/\d\d/\d{4}", lines[3])
        assert "### HOW THE IMR FINAL DETERMINATION WAS MADE" in lines
        assert "### CLINICAL CASE SUMMARY" in lines and "### IMR ISSUES, DECISIONS AND RATIONALES" in lines
        assert sum(re.fullmatch(r"\*\*.+:\*\* (Upheld|Overturned)", x) is not None for x in lines) == len(letter.items)
        assert not text.endswith("\n")


def test_pdf_layout() -> None:
    for letter in _sample():
        text = synth.render(letter, "pdf-text")
        lines = text.split("\n")
        assert lines[:2] == [" ", f"Case Number: {letter.case_number}  "]
        assert lines[4] == f"Priority:  {(letter.priority or '').capitalize()} Application "
        assert lines[5] == "Received:  " and re.fullmatch(r"\d\d/\d\d/\d{4} ", lines[6])
        body = [x for x in lines if x.strip()]
        assert all(len(x) <= 104 for x in body)  # as long as the longest real lines
        assert all(x.endswith((" ", "-")) for x in body[:-1])
        assert " " in lines and "" not in lines[:9]  # lone-space paragraph breaks; no debris in the header
        assert sum(bool(re.search(r": {1,2}(Upheld|Overturned) $", x)) for x in lines) == len(letter.items)


def test_pdf_noheader_layout() -> None:
    for letter in _sample():
        text = synth.render(letter, "pdf-text-noheader")
        lines = text.split("\n")
        assert lines[0] == " HOW THE IMR FINAL DETERMINATION WAS MADE "
        # every line of text is followed by an empty line
        assert all(lines[i + 1] == "" for i, x in enumerate(lines[:-1]) if x)
        assert " " in lines


def test_page_break_debris_and_wrapped_titles() -> None:
    texts = [synth.render(letter, "pdf-text") for letter in _sample(150)]
    assert sum("\n\n" in t for t in texts) > 15  # empty lines only come from page breaks
    wrapped = 0
    for t in texts:
        lines = [x for x in t.split("\n") if x]  # debris aside
        wrapped += sum(bool(re.search(r": {1,2}(Upheld|Overturned) $", x)) and lines[i - 1] != " "
                       for i, x in enumerate(lines))
    assert wrapped > 3  # long item titles (partial requests) run over two or more lines


# -- no borrowed text --------------------------------------------------------


def _real_sentences() -> set[str]:
    """The project's check: sentences over 90 characters from the real letters (boilerplate exempt)."""
    sents: set[str] = set()
    for p in real_files(SEEDS, "*.txt") + real_files(REAL, "*.txt"):
        t = re.sub(r"\s+", " ", p.read_text(errors="replace"))
        sents |= {
            s.strip() for s in re.split(r"(?<=[.!?]) ", t)
            if len(s.strip()) > 90 and "MAXIMUS" not in s and "He/she" not in s and "expert reviewer" not in s.lower()
        }
    return sents


def test_no_sentence_from_the_real_letters() -> None:
    sents = _real_sentences()
    if not sents:
        pytest.skip("../shared letters not present")
    source = re.sub(r"\s+", " ", " ".join(f.read_text() for f in Path(synth.__file__).parent.rglob("*.py")))
    assert not [s for s in sents if s in source]
    rendered = [
        synth.render(letter, shape)
        for letter, first, dup in synth.corpus(300, seed=2024)  # the bundled sample corpus
        for shape in {first, dup or first}
    ] + [synth.render(letter, shape) for letter in _sample(300) for shape in synth.SHAPES]
    everything = "\x00".join(re.sub(r"\s+", " ", text) for text in rendered)
    assert not [s for s in sents if s in everything]

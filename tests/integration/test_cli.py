"""The command line, end to end, with exact expected output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from imr_search.cli import main
from imr_search.synth import write_corpus

LETTER = """Case Number: CM19-0123456
Date Assigned: 03/04/2019 Date of Injury:  05/06/2017
Decision Date: 04/01/2019 UR Denial Date:  02/20/2019
Priority:  Standard Application
Received:
02/27/2019
 
HOW THE IMR FINAL DETERMINATION WAS MADE
An expert reviewer with no ties to the parties looked at the whole file.
 
The Expert Reviewer has the following credentials:
State(s) of Licensure: California, Oregon
Certification(s)/Specialty: Orthopedic Surgery, Sports Medicine
 
CLINICAL CASE SUMMARY
The expert reviewer developed the following clinical case summary based on a review of the
case file, including all medical records:
 
The worker is a 41 year old female who hurt her back lifting boxes. Diagnoses include
lumbar strain and sciatica.
 
IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
 
Personal trainer 2 times a week for 6 weeks, low back:  Overturned
 
Claims Administrator guideline: The Claims Administrator did not cite any medical evidence for
its decision.
 
MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s):
Exercise.
 
Decision rationale: Supervised exercise is supported here because the home program failed.
The request is medically necessary.
 
Naproxen 550mg #60:  Upheld
 
Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.
 
MAXIMUS guideline: Decision based on Non-MTUS Citation Official Disability Guidelines (ODG),
Pain Chapter, NSAIDs.
 
Decision rationale: There is no record of benefit from the drug. The request is not medically
necessary.
"""


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def letter_dir(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "CM19-0123456.txt").write_text(LETTER)
    (folder / "notes.txt").write_text("shopping list: milk, eggs\n")
    return folder


def test_parse_text_output(runner, letter_dir):
    result = runner.invoke(main, ["parse", str(letter_dir / "CM19-0123456.txt")])
    assert result.exit_code == 0
    assert result.stdout == (
        "CM19-0123456  pdf-text  decided 2019-04-01  Orthopedic Surgery, Sports Medicine\n"
        "  41 female · 2 diagnoses · 2 items (1 upheld, 1 overturned)\n"
        "   1. ✓ overturned  Personal trainer 2 times a week for 6 weeks, low back  [personal trainer · low back]\n"
        "   2. ✗ upheld      Naproxen 550mg #60  [naproxen]\n"
    )
    assert result.stderr.startswith("parsed 1 letter (2 items), 0 failed")


def test_parse_json_and_failures(runner, letter_dir):
    result = runner.invoke(main, ["parse", "--json", str(letter_dir)])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["id"] == "CM19-0123456" and record["priority"] == "standard"
    assert record["reviewer"] == {"specialties": ["Orthopedic Surgery", "Sports Medicine"], "licensure": ["California", "Oregon"]}
    assert record["diagnoses"] == ["lumbar strain", "sciatica"]
    first = record["items"][0]
    assert first["frequency"] == {"count": 2, "per": "week"} and first["duration"] == {"count": 6, "unit": "weeks"}
    assert [c["source"] for it in record["items"] for c in it["citations"]] == ["MTUS", "MTUS", "ODG"]
    assert result.stderr == f"{letter_dir / 'notes.txt'}: not an IMR letter (no IMR headings or decisions found)\n"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    write_corpus(root / "corpus", 120, seed=21)
    (root / "corpus" / "CM19-0123456.txt").write_text(LETTER)
    result = CliRunner().invoke(main, ["index", str(root / "corpus"), "--index", str(root / "index")])
    assert result.exit_code == 0, result.output
    assert "indexed 121 letters" in result.stderr
    return root / "index"


def test_search_json_lines(runner, index_dir):
    result = runner.invoke(main, ["search", '"personal trainer" outcome:overturned', "--index", str(index_dir), "--json"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert "CM19-0123456" in [r["id"] for r in rows]
    mine = next(r for r in rows if r["id"] == "CM19-0123456")
    assert mine["items"][0]["item"] == 1 and mine["items"][0]["outcome"] == "overturned"
    sn = mine["items"][0]["snippets"][0]
    assert sn["field"] == "treatment"
    assert [sn["text"][s:e].lower() for s, e in sn["highlights"]] == ["personal", "trainer"]
    assert set(mine) == {"id", "case_number", "decision_date", "score", "specialties", "items"}


def test_search_text_and_hint(runner, index_dir):
    result = runner.invoke(main, ["search", 'case:CM19-0123456 "personal trainer', "--index", str(index_dir)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "CM19-0123456  2019-04-01  Orthopedic Surgery, Sports Medicine",
        "   1. ✓ overturned  Personal trainer 2 times a week for 6 weeks, low back  [personal trainer]",
    ]
    assert "hint: ignored an unbalanced quote" in result.stderr


def test_search_csv(runner, index_dir):
    result = runner.invoke(main, ["search", "case:CM19-0123456", "--index", str(index_dir), "--csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["case_number", "decision_date", "item", "treatment", "request", "outcome", "specialties", "citations", "snippet"]
    assert [r[:6] for r in rows[1:]] == [
        ["CM19-0123456", "2019-04-01", "1", "personal trainer", "Personal trainer 2 times a week for 6 weeks, low back", "overturned"],
        ["CM19-0123456", "2019-04-01", "2", "naproxen", "Naproxen 550mg #60", "upheld"],
    ]
    assert rows[1][7] == "MTUS Chronic Pain Medical Treatment 2016, Exercise"


def test_show(runner, index_dir):
    result = runner.invoke(main, ["show", "CM19-0123456", "--index", str(index_dir), "--json"])
    assert json.loads(result.stdout)["items"][1]["treatment"] == "naproxen"
    missing = runner.invoke(main, ["show", "CM00-0000000", "--index", str(index_dir)])
    assert missing.exit_code == 1 and "no letter 'CM00-0000000'" in missing.stderr


def test_similar_treatments_stats(runner, index_dir):
    sim = runner.invoke(main, ["similar", "CM19-0123456", "--item", "2", "--index", str(index_dir), "--json"])
    rows = [json.loads(line) for line in sim.stdout.splitlines()]
    assert rows and all(r["id"] != "CM19-0123456" for r in rows)
    assert set(rows[0]) == {"id", "case_number", "item", "request", "treatment", "body_part", "outcome", "decision_date", "score", "reasons"}
    tr = runner.invoke(main, ["treatments", "naproxn", "--index", str(index_dir), "--json"])
    first = json.loads(tr.stdout.splitlines()[0])
    assert first["treatment"] == "naproxen" and first["items"] == first["upheld"] + first["overturned"]
    st = runner.invoke(main, ["stats", "case:CM19-0123456", "--index", str(index_dir), "--csv"])
    rows = list(csv.reader(io.StringIO(st.stdout)))
    assert rows[0] == ["dimension", "key", "items", "upheld", "overturned"]
    assert ["category", "Pharmaceuticals", "1", "1", "0"] in rows
    assert ["year", "2019", "2", "1", "1"] in rows


def test_missing_index_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["search", "x", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr == f"error: no index at {tmp_path / 'none'}: build one with `imr-search index CORPUS`\n"

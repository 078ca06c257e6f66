"""``imr-search export``: every format read back, word for word where it is text, on real small indexes.

The main index holds the five generated letters ``test_cli_output`` knows
(naproxen twice, eszopiclone, MRIs, an overturned exercise request, a partly
authorized pain program), built from their files. A second index is built
from records with text no letter file could carry past the reader (escape
sequences, pipes, tags, a formula), to show none of it reaches an export.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import click.testing
import docx
import msgspec
import pytest
import yaml
from click.testing import CliRunner

from imr_search.cli import main
from imr_search.export import FORMATS
from imr_search.export.columns import COLUMNS
from imr_search.index import build
from imr_search.records import Item, Letter
from imr_search.synth import render
from imr_search.userdata.packet import Packet, PacketEntry, save_packet

from .noted_index import build_noted
from .test_cli_output import LETTERS, crlf, raw

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today().isoformat()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-export")
    (root / "letters").mkdir()
    for case, letter in LETTERS.items():
        (root / "letters" / f"{case}.txt").write_text(render(letter, "html-text"))
    report = build([root / "letters"], root / "index", jobs=1)
    assert (report.letters, report.items) == (5, 7)
    return root


def runner_for(index: Path):
    runner = CliRunner(env={"NO_COLOR": "1"})

    def run(*args: str, code: int = 0) -> click.testing.Result:
        result = runner.invoke(main, ["--index", str(index), "export", *args])
        assert result.exit_code == code, result.output
        return result

    return run


@pytest.fixture()
def export(built):
    return runner_for(built / "index")


def source(built: Path, case: str) -> str:
    return str(built / "letters" / f"{case}.txt")


# -- Markdown -----------------------------------------------------------------------------


def test_markdown_exact(export):
    result = export("naproxen", "--limit", "2", "--format", "md", "-o", "-")
    assert result.stderr == "wrote 2 items to standard output (md)\n"
    assert result.stdout == f"""# IMR decisions: naproxen

Query: naproxen  
Made {TODAY} with imr-search · 2 items

## Table of authorities

| Case | Decided | Treatment | Outcome | Reviewer specialty | Guideline |
|---|---|---|---|---|---|
| CM21-0000001 | 2021-04-04 | Naproxen tablet #90 | ✗ upheld | Psychology | MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs) |
| CM21-0000002 | 2022-01-15 | Naproxen 550mg qty 90 | ✗ upheld | Chiropractic | MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs); ODG Official Disability Guidelines |

## CM21-0000001, item 1: Naproxen tablet #90

- **Decided:** 2021-04-04
- **Outcome:** ✗ upheld
- **Reviewer:** Psychology
- **Request:** Naproxen tablet #90
- **Claims administrator's guideline:** The Claims Administrator did not cite any medical evidence for its decision.
- **Reviewer's guideline:** Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs (non-steroidal anti-inflammatory drugs).

### Rationale

The MTUS notes that anti-inflammatory drugs are recommended at the lowest effective dose for the shortest period in moderate to severe pain. In this case, the file notes gastric upset, yet no reassessment of the risk of continued use was made. The file lacks a recent examination that would support the request. Accordingly, the request for **Naproxen** tablet #90 is not medically necessary.

## CM21-0000002, item 1: Naproxen 550mg qty 90

- **Decided:** 2022-01-15
- **Outcome:** ✗ upheld
- **Reviewer:** Chiropractic
- **Request:** Naproxen 550mg qty 90
- **Claims administrator's guideline:** Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Anti-inflammatory medications. Decision based on Non-MTUS Citation ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders, Work Activities, pg. 78.
- **Reviewer's guideline:** Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs (non-steroidal anti-inflammatory drugs). Decision based on Non-MTUS Citation Official Disability Guidelines (ODG).

### Rationale

The MTUS states that anti-inflammatory drugs are recommended at the lowest effective dose for the shortest period in moderate to severe pain. It further notes that long-term use raises gastrointestinal, renal and cardiovascular risk and requires monitoring. In this case, no rationale was offered for departing from the guideline criteria in this case. The most recent note repeats the same complaints and findings as the visits before it. Therefore, the request for **Naproxen** 550mg qty 90 is not medically necessary.
"""


def test_markdown_shows_the_item_line_where_it_says_more(export):
    out = export('"pain program"', "--format", "md", "-o", "-", "--title", "Pain programs").stdout
    assert out.startswith('# Pain programs\n\nQuery: "pain program"  \n')
    assert "| CM21-0000005 | 2021-10-19 | Multidisciplinary pain program 2 times a week for 1 week | ✗ upheld |" in out
    assert (
        "- **Request:** Multidisciplinary pain program 2 times a week for 1 week\n"
        "- **As the letter writes it:** Multidisciplinary pain program 2 times a week for 3 weeks was the original request. "
        "Multidisciplinary pain program 2 times a week for 2 weeks was authorized by the Claims Administrator. "
        "The remaining IMR eligible portion of the original request, Multidisciplinary pain program 2 times a week for 1 week is\n"
    ) in out
    # A phrase is one bold run, however many words it holds.
    assert re.search(r"\*\*[Pp]ain program\*\*", out) and not re.search(r"\*\*[Pp]ain\*\* \*\*program\*\*", out)


# -- CSV ----------------------------------------------------------------------------------

HEADER = (
    "id,case_number,fingerprint,source,shape,layout,date_assigned,date_of_injury,decision_date,ur_denial_date,"
    "application_received,priority,reviewer_specialties,reviewer_licensure,patient_age,patient_sex,diagnoses,summary,"
    "documents,notes,item,request,line,partial_original,partial_authorized,treatment,category,subcategory,body_part,"
    "quantity,frequency_count,frequency_per,duration_count,duration_unit,outcome,claims_administrator_guideline,"
    "reviewer_guideline,citations_reviewer,citations_claims_administrator,rationale,packet_note"
)


def test_csv_exact(export, built):
    letter = LETTERS["CM21-0000005"]
    (it,) = letter.items
    result = export("case:CM21-0000005", "--format", "csv", "-o", "-")
    assert raw(result) == crlf(
        HEADER,
        f"CM21-0000005,CM21-0000005,{letter.fingerprint},{source(built, 'CM21-0000005')},html-text,standard,"
        "2021-09-26,2019-06-07,2021-10-19,2021-09-16,2021-09-20,standard,"
        "Anesthesiology; Pain Management; Hospice & Palliative Medicine,California; Maryland,40,female,"
        "neuropathic pain; trochanteric bursitis; anterior cruciate ligament tear,"
        f'"{letter.summary}",,,'
        f"1,Multidisciplinary pain program 2 times a week for 1 week,\"{it.line}\","
        "Multidisciplinary pain program 2 times a week for 3 weeks,Multidisciplinary pain program 2 times a week for 2 weeks,"
        "functional restoration program,Programs,Functional Restoration,,,2,week,1,weeks,upheld,"
        f'"{it.claims_administrator_guideline}","{it.reviewer_guideline}",'
        '"MTUS Chronic Pain Medical Treatment 2016, Chronic pain programs (functional restoration programs)",'
        '"MTUS Chronic Pain Medical Treatment 2016, Functional restoration programs (FRPs); '
        'ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Hip and Groin Disorders, Follow-up Care, p. 197",'
        f'"{it.rationale}",',
    )
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("query", ["naproxen", "naproxen OR exercise", "outcome:upheld"])
def test_csv_is_one_row_per_item_search_returns(export, built, query):
    """The items ``search`` returns, in its order; not every item of each matching letter."""
    found = CliRunner().invoke(main, ["search", query, "--index", str(built / "index"), "--limit", "100", "--json"])
    expected = [(hit["id"], str(ih["item"])) for line in found.stdout.splitlines() for hit in [json.loads(line)] for ih in hit["items"]]
    rows = list(csv.DictReader(io.StringIO(export(query, "--format", "csv", "-o", "-").stdout)))
    assert [(r["id"], r["item"]) for r in rows] == expected
    if query == "outcome:upheld":  # CM21-0000003 matches by its MRI; its overturned item is not exported
        assert ("CM21-0000003", "1") in expected and ("CM21-0000003", "2") not in expected
    first = CliRunner().invoke(main, ["search", query, "--index", str(built / "index"), "--limit", "2", "--json"])
    expected = [(hit["id"], str(ih["item"])) for line in first.stdout.splitlines() for hit in [json.loads(line)] for ih in hit["items"]]
    rows = list(csv.DictReader(io.StringIO(export(query, "--limit", "2", "--format", "csv", "-o", "-").stdout)))
    assert [(r["id"], r["item"]) for r in rows] == expected[:2]


# -- NDJSON and the Quickwit config ---------------------------------------------------------


def ndjson(result: click.testing.Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ndjson_objects(export):
    objs = ndjson(export("naproxen OR program", "--format", "ndjson", "-o", "-"))
    assert len(objs) == len({(o["id"], o["item"]) for o in objs}) >= 4
    for o in objs:
        assert list(o) == list(COLUMNS)
    partial = next(o for o in objs if o["id"] == "CM21-0000005")
    assert partial["decision_date"] == "2021-10-19T00:00:00Z" and partial["date_of_injury"] == "2019-06-07T00:00:00Z"
    assert partial["reviewer_specialties"] == ["Anesthesiology", "Pain Management", "Hospice & Palliative Medicine"]
    assert (partial["frequency_count"], partial["frequency_per"], partial["duration_count"], partial["patient_age"]) == (2, "week", 1, 40)
    assert partial["partial_authorized"] == "Multidisciplinary pain program 2 times a week for 2 weeks"
    assert partial["body_part"] is None and partial["documents"] == [] and partial["packet_note"] == ""
    assert partial["rationale"] == LETTERS["CM21-0000005"].items[0].rationale


QUICKWIT_TYPES = {"text": (str,), "datetime": (str,), "i64": (int,), "array<text>": (list,)}


def test_quickwit_config_maps_exactly_what_ndjson_writes(export):
    config = yaml.safe_load((ROOT / "deploy" / "quickwit" / "imr-items.yaml").read_text())
    mapping = config["doc_mapping"]
    fields = {f["name"]: f for f in mapping["field_mappings"]}
    objs = ndjson(export("", "--format", "ndjson", "-o", "-"))
    assert len(objs) == 7
    assert set(fields) == set(objs[0]) and len(fields) == len(mapping["field_mappings"])
    assert mapping["timestamp_field"] in fields and fields[mapping["timestamp_field"]]["type"] == "datetime"
    assert fields[mapping["timestamp_field"]]["fast"] is True
    assert set(config["search_settings"]["default_search_fields"]) <= set(fields)
    for name, field in fields.items():
        values = [o[name] for o in objs if o[name] is not None]
        assert all(isinstance(v, QUICKWIT_TYPES[field["type"]]) for v in values), (name, field["type"], values[:2])
        if field["type"] == "datetime":
            assert field["input_formats"] == ["rfc3339"]
            assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", v) for v in values), values
        if field["type"] == "array<text>":
            assert all(isinstance(x, str) for v in values for x in v)
    assert {n for n, f in fields.items() if f["type"] == "i64"} >= {"item", "patient_age", "quantity"}


# -- Word ---------------------------------------------------------------------------------


def test_docx_read_back(export, tmp_path):
    out = tmp_path / "naproxen.docx"
    assert export("naproxen", "--limit", "3", "--format", "docx", "-o", str(out)).stderr == f"wrote 3 items to {out} (docx)\n"
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["IMR decisions: naproxen", "Query: naproxen", f"Made {TODAY} with imr-search · 3 items"]
    assert document.paragraphs[0].style.name == "Title"
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Case", "Decided", "Treatment", "Outcome", "Reviewer specialty", "Guideline"],
        ["CM21-0000001", "2021-04-04", "Naproxen tablet #90", "✗ upheld", "Psychology", "MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs)"],
        ["CM21-0000002", "2022-01-15", "Naproxen 550mg qty 90", "✗ upheld", "Chiropractic",
         "MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs); ODG Official Disability Guidelines"],
        ["CM21-0000002", "2022-01-15", "Eszopiclone 1mg tablet, #30", "✗ upheld", "Chiropractic",
         "ODG Official Disability Guidelines, Pain Chapter; ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders"],
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Table of authorities",
        "CM21-0000001, item 1: Naproxen tablet #90",
        "CM21-0000002, item 1: Naproxen 550mg qty 90",
        "CM21-0000002, item 2: Eszopiclone 1mg tablet, #30",
    ]
    # The bold runs in the rationales are exactly the query's words (the eszopiclone item's rationale has none).
    rationale_bold = [r.text for p in document.paragraphs if p.style.name == "Normal" for r in p.runs if r.bold and not r.text.endswith(": ")]
    assert rationale_bold == ["Naproxen", "Naproxen"]
    texts = set(texts)
    for it in LETTERS["CM21-0000002"].items:  # the rationale in full, paragraph by paragraph
        assert all(paragraph in texts for paragraph in it.rationale.split("\n\n")), it.rationale


# -- the packet ---------------------------------------------------------------------------


@pytest.fixture()
def packet(user_data):
    save_packet(
        Packet(
            [
                PacketEntry(letter_id="CM21-0000003", item=2, case_number="CM21-0000003", note="Overturned: compare with our client's | request.\nSee p. 3."),
                PacketEntry(letter_id="CM19-0099999", item=2, case_number="CM19-0099999", note="From the old index"),
                PacketEntry(letter_id="CM21-0000002", item=2, case_number="CM21-0000002"),
            ]
        )
    )


def test_packet_markdown_keeps_order_notes_and_the_missing(export, packet):
    result = export("--packet", "--format", "md", "-o", "-")
    assert result.stderr == (
        "1 packet item no longer in the index, exported as missing: CM19-0099999 item 2\n"
        "wrote 3 items to standard output (md)\n"
    )
    out = result.stdout
    assert out.startswith(f"# Precedent packet\n\nMade {TODAY} with imr-search · 3 items\n\n## Table of authorities\n")
    rows = [line for line in out.splitlines() if line.startswith("| CM")]
    assert [r.split(" | ")[0] for r in rows] == ["| CM21-0000003", "| CM19-0099999", "| CM21-0000002"]
    assert rows[1] == "| CM19-0099999 | — | item 2: no longer in the index | — | — | — |"
    assert (
        "\n## CM19-0099999, item 2: no longer in the index\n\n"
        "This item is no longer in the index: its letter was removed or renumbered since it was marked.\n\n"
        "### Note\n\nFrom the old index\n"
    ) in out
    assert "\n### Note\n\nOverturned: compare with our client's \\| request.  \nSee p. 3.\n" in out
    assert "**" not in "".join(line for line in out.splitlines() if not line.startswith("- **"))  # no query, nothing bold


def test_packet_csv_and_ndjson_keep_the_missing_row(export, packet):
    rows = list(csv.DictReader(io.StringIO(export("--packet", "--format", "csv", "-o", "-").stdout)))
    assert [(r["id"], r["item"], r["outcome"]) for r in rows] == [("CM21-0000003", "2", "overturned"), ("CM19-0099999", "2", ""), ("CM21-0000002", "2", "upheld")]
    assert rows[0]["packet_note"] == "Overturned: compare with our client's | request.\nSee p. 3."
    assert rows[1]["case_number"] == "CM19-0099999" and rows[1]["packet_note"] == "From the old index"
    objs = ndjson(export("--packet", "--format", "ndjson", "-o", "-"))
    assert objs[1] == {**dict.fromkeys(COLUMNS), "id": "CM19-0099999", "case_number": "CM19-0099999", "item": 2, "packet_note": "From the old index"}


def test_packet_docx_holds_the_note_and_the_missing(export, packet, tmp_path):
    out = tmp_path / "packet.docx"
    export("--packet", "--format", "docx", "-o", str(out))
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Precedent packet", f"Made {TODAY} with imr-search · 3 items"]
    assert "Overturned: compare with our client's | request.\nSee p. 3." in texts
    assert "CM19-0099999, item 2: no longer in the index" in texts
    assert [row.cells[0].text for row in document.tables[0].rows] == ["Case", "CM21-0000003", "CM19-0099999", "CM21-0000002"]


def test_empty_packet_and_no_results_write_valid_empty_files(export, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"empty.{fmt}"
        result = export("--packet", "--format", fmt, "-o", str(out))
        assert result.stderr.startswith("the packet is empty: mark items in the app (space) first\n")
        assert out.exists()
    assert docx.Document(str(tmp_path / "empty.docx")).tables == []
    assert (tmp_path / "empty.csv").read_text() == HEADER + "\n"
    assert (tmp_path / "empty.ndjson").read_bytes() == b""
    result = export("zzqqxx", "--format", "md", "-o", "-")
    assert "no items match 'zzqqxx'\n" in result.stderr
    assert result.stdout.endswith("with imr-search · 0 items\n\n## Table of authorities\n\nNo items.\n")


# -- refusals and failures ------------------------------------------------------------------


def test_docx_to_stdout_is_refused(export):
    result = export("naproxen", "--format", "docx", "-o", "-", code=2)
    assert result.stdout == ""
    assert "Error: a docx file cannot go to standard output: give -o FILE.docx" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "md", "-o", "-"], "give a QUERY or --packet (one of them)"),
        (["naproxen", "--packet", "--format", "md", "-o", "-"], "give a QUERY or --packet (one of them)"),
        (["--packet", "--limit", "2", "--format", "md", "-o", "-"], "--limit applies to a QUERY, not to --packet"),
        (["naproxen", "--format", "pdf", "-o", "-"], "'pdf' is not one of 'docx', 'md', 'csv', 'ndjson'"),
    ],
)
def test_usage_errors(export, args, message):
    result = export(*args, code=2)
    assert message in result.stderr and "Traceback" not in result.output


def test_a_failed_export_leaves_no_file_and_keeps_the_old_one(export, tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # renaming the finished export over a folder fails
    result = export("naproxen", "--format", "csv", "-o", str(target), code=1)
    assert result.stderr.startswith(f"error: cannot write {target}: ")
    assert len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    old = tmp_path / "old.md"
    old.write_text("kept")
    export("naproxen", "--format", "md", "-o", str(old))
    assert old.read_text().startswith("# IMR decisions: naproxen\n")


def test_a_damaged_packet_is_one_error_line(export, user_data):
    (user_data / "packet.json").write_text("{not json")
    result = export("--packet", "--format", "md", "-o", "-", code=1)
    assert result.stderr.startswith("error: cannot read the packet ") and len(result.stderr.splitlines()) == 1


# -- hostile letter text ----------------------------------------------------------------------

HOSTILE = "The pipe | splits *stars* and <b>tags</b> &amp; \x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x07bell end."


def _hostile(n: int, letter: Letter) -> Letter:
    if n == 1:
        it = letter.items[0]
        it = msgspec.structs.replace(it, request="=HYPERLINK(\"x\") | <i>TENS</i> *unit*", rationale=HOSTILE + "\n\n# Not a heading\n\n1. Not a list " + it.rationale)
        return msgspec.structs.replace(letter, id="h-0123456789", case_number=None, items=[it], summary=letter.summary + " \x1b[2J|")
    return letter


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-export")
    build_noted(root, 3, {}, edit=_hostile)
    return root / "index"


def test_hostile_text_never_reaches_an_export(hostile_index, tmp_path):
    export = runner_for(hostile_index)
    for fmt in FORMATS:
        out = tmp_path / f"h.{fmt}"
        export("TENS", "--format", fmt, "-o", str(out))
        data = zipfile.ZipFile(out).read("word/document.xml") if fmt == "docx" else out.read_bytes()
        assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b"\n")), fmt
    md = (tmp_path / "h.md").read_text()
    assert md.count("## h-0123456789, item 1") == 1  # named by its id: it has no case number
    (row,) = [line for line in md.splitlines() if line.startswith("| h-")]
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # the letter's pipes cannot add cells
    assert "\\=HYPERLINK(\"x\") \\| \\<i\\>TENS\\</i\\> \\*unit\\*" in row
    assert not re.search(r"(?<!\\)<|(?<!\\)&\w+;", md)  # no tag, no entity a renderer would read
    assert "The pipe \\| splits \\*stars\\* and \\<b\\>tags\\</b\\> \\&amp; red link bell end." in md
    assert "\n\\# Not a heading\n" in md and "\n1\\. Not a list " in md
    rows = list(csv.DictReader(io.StringIO((tmp_path / "h.csv").read_text())))
    assert rows[0]["request"] == "'=HYPERLINK(\"x\") | <i>TENS</i> *unit*"  # a spreadsheet shows it, never runs it
    assert rows[0]["rationale"].startswith("The pipe | splits *stars* and <b>tags</b> &amp; red link bell end.")
    obj = json.loads((tmp_path / "h.ndjson").read_text().splitlines()[0])
    assert obj["summary"].endswith(" |") and "\x1b" not in obj["summary"]
    document = docx.Document(str(tmp_path / "h.docx"))
    assert document.tables[0].rows[1].cells[0].text == "h-0123456789"
    assert any(p.text.startswith("The pipe | splits *stars* and <b>tags</b> &amp; red link bell end.") for p in document.paragraphs)


def test_every_record_field_is_a_column():
    """Columns are read off the Structs: each field is a column of its name, or its nested fields' columns."""
    for struct, rows_apart in ((Letter, {"items"}), (Item, set())):
        for f in msgspec.structs.fields(struct):
            if f.name not in rows_apart:
                assert f.name in COLUMNS or any(c.startswith(f.name + "_") for c in COLUMNS), f.name
    assert len(COLUMNS) == len(set(COLUMNS))

"""Every output format of every listing command, with exact expected output.

A small real index is built from five generated letters (the same seed, the
same letters: ``synth.make_letter``), and the tests assert what each command
prints in text, JSON Lines and CSV, word for word. The expected strings were
written from the letters' known content (the records ``make_letter``
returns); prose fields too long to repeat (summaries, rationales) are
compared with those records instead.
"""

from __future__ import annotations

import random
import re

import click.testing
import msgspec
import pytest
from click.testing import CliRunner

from imr_search.cli import main
from imr_search.index import build
from imr_search.records import to_json
from imr_search.synth import make_letter, render

SEEDS = {"CM21-0000001": 7, "CM21-0000002": 27, "CM21-0000003": 28, "CM21-0000004": 36}
"""The indexed letters: two naproxen requests, two MRIs, an eszopiclone request and an overturned exercise request."""
PARTIAL = ("CM21-0000005", 40)
"""A letter parsed but not indexed: a partly authorized request with a frequency and a duration."""
LETTERS = {case: make_letter(random.Random(seed), case) for case, seed in [*SEEDS.items(), PARTIAL]}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-output")
    (root / "letters").mkdir()
    for case, letter in LETTERS.items():
        folder = root / "letters" if case in SEEDS else root
        (folder / f"{case}.txt").write_text(render(letter, "html-text"))
    report = build(sorted((root / "letters").iterdir()), root / "index", jobs=1)
    assert (report.letters, report.items) == (4, 6)
    return root


@pytest.fixture()
def cli(built):
    """Run ``imr-search --index <the small index> ARGS`` without colour; check the exit status."""
    runner = CliRunner(env={"NO_COLOR": "1"})

    def run(*args: str, code: int = 0) -> click.testing.Result:
        result = runner.invoke(main, ["--index", str(built / "index"), *args])
        assert result.exit_code == code, result.output
        return result

    return run


def crlf(*lines: str) -> str:
    """CSV as written: RFC 4180 line ends."""
    return "".join(line + "\r\n" for line in lines)


def raw(result: click.testing.Result) -> str:
    """Stdout as written (``result.stdout`` turns CRLF into LF), decoded strictly as UTF-8."""
    return result.stdout_bytes.decode("utf-8")


def source(built, case: str) -> str:
    return str(built / "letters" / f"{case}.txt")


# -- search -------------------------------------------------------------------------------


def test_search_text(cli):
    result = cli("search", "naproxen")
    assert result.stdout == (
        "CM21-0000001  2021-04-04  Psychology\n"
        "   1. ✗ upheld      Naproxen tablet #90  [naproxen]\n"
        "      treatment: [Naproxen] tablet #90\n"
        "      rationale: Accordingly, the request for [Naproxen] tablet #90 is not medically necessary\n"
        "CM21-0000002  2022-01-15  Chiropractic\n"
        "   1. ✗ upheld      Naproxen 550mg qty 90  [naproxen]\n"
        "      treatment: [Naproxen] 550mg qty 90\n"
        "      rationale: guideline criteria in this case. The most recent note repeats the same complaints and findings"
        " as the visits before it. Therefore, the request for [Naproxen]\n"
        "   2. ✗ upheld      Eszopiclone 1mg tablet, #30  [eszopiclone]\n"
        "      summary: reduced grip strength on the left. Current medications include trazodone, cyclobenzaprine,"
        " hydrocodone with acetaminophen and [naproxen]. She is working with\n"
    )
    assert result.stderr.startswith("2 letters (3 items shown, 3 matching items) in ")


def test_search_summary_counts_in_words(cli):
    result = cli("search", "treatment:eszopiclone")
    assert result.stdout.startswith("CM21-0000002  2022-01-15  Chiropractic\n   2. ")
    assert re.fullmatch(r"1 letter \(1 item shown, 1 matching item\) in \d+ ms\n", result.stderr), result.stderr


def test_search_json(cli):
    assert cli("search", "naproxen", "--limit", "1", "--json").stdout == (
        '{"id":"CM21-0000001","case_number":"CM21-0000001","decision_date":"2021-04-04","score":9.5159,'
        '"specialties":["Psychology"],"items":[{"item":1,"request":"Naproxen tablet #90","treatment":"naproxen",'
        '"category":"Pharmaceuticals","outcome":"upheld","score":9.5159,"snippets":['
        '{"field":"treatment","text":"Naproxen tablet #90","highlights":[[0,8]]},'
        '{"field":"rationale","text":"Accordingly, the request for Naproxen tablet #90 is not medically necessary","highlights":[[29,37]]},'
        '{"field":"summary","text":"restrictions, so he is not working.\\n\\nThe treating provider requested Naproxen tablet #90. '
        'On February 14, 2021, utilization review non-certified the request","highlights":[[69,77]]}]}]}\n'
    )


SEARCH_CSV = crlf(
    "case_number,decision_date,item,treatment,request,outcome,specialties,citations,snippet",
    "CM21-0000001,2021-04-04,1,naproxen,Naproxen tablet #90,upheld,Psychology,"
    '"MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs)",Naproxen tablet #90',
    "CM21-0000002,2022-01-15,1,naproxen,Naproxen 550mg qty 90,upheld,Chiropractic,"
    '"MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs); ODG Official Disability Guidelines",'
    "Naproxen 550mg qty 90",
    'CM21-0000002,2022-01-15,2,eszopiclone,"Eszopiclone 1mg tablet, #30",upheld,Chiropractic,'
    '"ODG Official Disability Guidelines, Pain Chapter; ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders",'
    '"reduced grip strength on the left. Current medications include trazodone, cyclobenzaprine, hydrocodone with acetaminophen and naproxen.'
    ' She is working with"',
)


@pytest.mark.parametrize("flag", [["--csv"], ["--format", "csv"]])
def test_search_csv(cli, flag):
    result = cli("search", "naproxen", *flag)
    assert raw(result) == SEARCH_CSV
    assert result.stdout_bytes.startswith(b"case_number,")  # UTF-8, no BOM
    assert result.stderr == ""


def test_search_csv_filter_only_has_no_snippet(cli):
    assert raw(cli("search", "outcome:overturned", "--csv")) == crlf(
        "case_number,decision_date,item,treatment,request,outcome,specialties,citations,snippet",
        "CM21-0000003,2021-04-13,2,therapeutic exercise,Therapeutic exercise x6 neck,overturned,"
        "Anesthesiology; Pain Management; Hospice & Palliative Medicine,"
        '"MTUS Chronic Pain Medical Treatment 2016, Aquatic therapy; ODG Official Disability Guidelines",',
    )


# -- show ---------------------------------------------------------------------------------


def test_show_text(cli):
    letter = LETTERS["CM21-0000002"]
    lines = cli("show", "CM21-0000002").stdout.split("\n")
    assert lines[:16] == [
        "CM21-0000002  html-text  decided 2022-01-15  Chiropractic",
        "  41 female · 1 diagnosis · 2 items (2 upheld, 0 overturned)",
        "   1. ✗ upheld      Naproxen 550mg qty 90  [naproxen]",
        "   2. ✗ upheld      Eszopiclone 1mg tablet, #30  [eszopiclone]",
        "",
        "Case number:          CM21-0000002",
        "Decision date:        2022-01-15",
        "Date assigned:        2021-12-26",
        "Date of injury:       2021-09-07",
        "UR denial date:       2021-12-01",
        "Application received: 2021-12-11",
        "Priority:             standard",
        "Licensure:            California, Arkansas",
        "Diagnoses:            plantar fasciitis",
        "",
        "CLINICAL CASE SUMMARY",
    ]
    summary = letter.summary.split("\n")
    assert lines[16 : 16 + len(summary)] == summary
    first, second = letter.items
    assert lines[16 + len(summary) :] == [
        "",
        "Item 1: Naproxen 550mg qty 90  ✗ upheld",
        "  treatment: naproxen  category: Pharmaceuticals / NSAIDs  body part: -",
        f"  Claims administrator guideline: {first.claims_administrator_guideline}",
        f"  Reviewer guideline: {first.reviewer_guideline}",
        "    - claims_administrator: MTUS Chronic Pain Medical Treatment 2016, Anti-inflammatory medications",
        "    - claims_administrator: ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders, Work Activities, p. 78",
        "    - reviewer: MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs)",
        "    - reviewer: ODG Official Disability Guidelines",
        "",
        *first.rationale.split("\n"),
        "",
        "Item 2: Eszopiclone 1mg tablet, #30  ✗ upheld",
        "  treatment: eszopiclone  category: Pharmaceuticals / Sedative-Hypnotics  body part: -",
        f"  Claims administrator guideline: {second.claims_administrator_guideline}",
        f"  Reviewer guideline: {second.reviewer_guideline}",
        "    - claims_administrator: ODG Official Disability Guidelines, Pain, Benzodiazepines",
        "    - claims_administrator: ODG Official Disability Guidelines, Pain, Insomnia treatment",
        "    - reviewer: ODG Official Disability Guidelines, Pain Chapter",
        "    - reviewer: ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders",
        "",
        *second.rationale.split("\n"),
        "",
        "",  # the echo's own newline
    ]


def test_show_json_is_the_record(cli, built):
    letter = msgspec.structs.replace(LETTERS["CM21-0000001"], source=source(built, "CM21-0000001"))
    assert cli("show", "CM21-0000001", "--json").stdout_bytes == to_json(letter) + b"\n"


LETTER_HEADER = (
    "id,case_number,date_assigned,date_of_injury,decision_date,ur_denial_date,application_received,priority,source,shape,"
    "specialties,licensure,age,sex,diagnoses,item,request,authorized,treatment,category,subcategory,body_part,quantity,"
    "frequency,duration,outcome,citations,claims_administrator_citations,rationale"
)


@pytest.mark.parametrize("flag", [["--csv"], ["--format", "csv"]])
def test_show_csv_one_row_per_item(cli, built, flag):
    first, second = LETTERS["CM21-0000002"].items
    head = f"CM21-0000002,CM21-0000002,2021-12-26,2021-09-07,2022-01-15,2021-12-01,2021-12-11,standard,{source(built, 'CM21-0000002')},html-text,"
    head += "Chiropractic,California; Arkansas,41,female,plantar fasciitis,"
    assert raw(cli("show", "CM21-0000002", *flag)) == crlf(
        LETTER_HEADER,
        head + "1,Naproxen 550mg qty 90,,naproxen,Pharmaceuticals,NSAIDs,,90,,,upheld,"
        '"MTUS Chronic Pain Medical Treatment 2016, NSAIDs (non-steroidal anti-inflammatory drugs); ODG Official Disability Guidelines",'
        '"MTUS Chronic Pain Medical Treatment 2016, Anti-inflammatory medications; '
        'ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders, Work Activities, p. 78",'
        f'"{first.rationale}"',
        head + '2,"Eszopiclone 1mg tablet, #30",,eszopiclone,Pharmaceuticals,Sedative-Hypnotics,,30,,,upheld,'
        '"ODG Official Disability Guidelines, Pain Chapter; ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Ankle and Foot Disorders",'
        '"ODG Official Disability Guidelines, Pain, Benzodiazepines; ODG Official Disability Guidelines, Pain, Insomnia treatment",'
        f'"{second.rationale}"',
    )


# -- parse --------------------------------------------------------------------------------


def test_parse_formats(built):
    runner = CliRunner(env={"NO_COLOR": "1"})
    path = str(built / "CM21-0000005.txt")
    letter = msgspec.structs.replace(LETTERS["CM21-0000005"], source=path)
    text = runner.invoke(main, ["parse", path])
    assert text.stdout == (
        "CM21-0000005  html-text  decided 2021-10-19  Anesthesiology, Pain Management, Hospice & Palliative Medicine\n"
        "  40 female · 3 diagnoses · 1 item (1 upheld, 0 overturned)\n"
        "   1. ✗ upheld      Multidisciplinary pain program 2 times a week for 1 week (partial)  [functional restoration program]\n"
    )
    assert text.stderr.startswith("parsed 1 letter (1 item), 0 failed, in ")
    as_json = runner.invoke(main, ["parse", path, "--format", "json"])
    assert (as_json.stdout_bytes, as_json.stderr) == (to_json(letter) + b"\n", "")
    as_csv = runner.invoke(main, ["parse", path, "--csv"])
    assert as_csv.stderr == ""
    assert raw(as_csv) == crlf(
        LETTER_HEADER,
        f"CM21-0000005,CM21-0000005,2021-09-26,2019-06-07,2021-10-19,2021-09-16,2021-09-20,standard,{path},html-text,"
        "Anesthesiology; Pain Management; Hospice & Palliative Medicine,California; Maryland,40,female,"
        "neuropathic pain; trochanteric bursitis; anterior cruciate ligament tear,"
        "1,Multidisciplinary pain program 2 times a week for 1 week,Multidisciplinary pain program 2 times a week for 2 weeks,"
        "functional restoration program,Programs,Functional Restoration,,,2 per week,1 weeks,upheld,"
        '"MTUS Chronic Pain Medical Treatment 2016, Chronic pain programs (functional restoration programs)",'
        '"MTUS Chronic Pain Medical Treatment 2016, Functional restoration programs (FRPs); '
        'ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Hip and Groin Disorders, Follow-up Care, p. 197",'
        f'"{letter.items[0].rationale}"',
    )


# -- similar ------------------------------------------------------------------------------
# The query layer picks a source's telling words deterministically (ties by section and word),
# so these scores are the same run after run, for any source letter.


def test_parse_json_of_a_folder_is_each_letter_encoded_in_file_order(tmp_path):
    """Past 64 files the letters parse in worker processes and their JSON is written as the workers made it:
    line for line what encoding each parsed letter gives, in the order of the files, failures left out."""
    from imr_search.parse import parse_file
    from imr_search.synth import write_corpus

    write_corpus(tmp_path, 90, seed=4)
    (tmp_path / "CM20-0000000.txt").write_text("not a letter\n")
    files = sorted(tmp_path.iterdir())
    result = CliRunner().invoke(main, ["parse", "--json", str(tmp_path)])
    assert result.exit_code == 1
    expected = b"".join(to_json(parse_file(p)) + b"\n" for p in files if p.name != "CM20-0000000.txt")
    assert result.stdout_bytes == expected
    assert result.stderr.startswith(f"{tmp_path / 'CM20-0000000.txt'}: ")

def test_similar_text(cli):
    assert cli("similar", "CM21-0000001").stdout == (
        "  24.75  CM21-0000002    1. ✗ upheld      Naproxen 550mg qty 90  [naproxen]\n"
        "         why: same treatment: naproxen · same guideline section: MTUS Chronic Pain Medical Treatment Guidelines,"
        " NSAIDs (non-steroidal anti-inflammatory drugs) · shared words: anti, dose, drugs, effective, inflammatory\n"
        "   5.24  CM21-0000002    2. ✗ upheld      Eszopiclone 1mg tablet, #30  [eszopiclone]\n"
        "         why: shared words: reassessment, tablet, notes, accordingly\n"
        "   3.71  CM21-0000003    1. ✗ upheld      MRI to the Left Rib  [mri · left rib]\n"
        "         why: shared words: file, notes, accordingly, use, chronic\n"
        "   2.15  CM21-0000003    2. ✓ overturned  Therapeutic exercise x6 neck  [therapeutic exercise · neck]\n"
        "         why: shared words: support, that, chronic\n"
        "   2.09  CM21-0000004    1. ✗ upheld      MR imaging, left calf  [mri · left calf]\n"
        "         why: shared words: tendinitis, that, period\n"
    )


def test_similar_json(cli):
    assert cli("similar", "CM21-0000001", "--limit", "2", "--json").stdout == (
        '{"id":"CM21-0000002","case_number":"CM21-0000002","item":1,"request":"Naproxen 550mg qty 90","treatment":"naproxen",'
        '"body_part":null,"outcome":"upheld","decision_date":"2022-01-15","score":24.755,"reasons":["same treatment: naproxen",'
        '"same guideline section: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs (non-steroidal anti-inflammatory drugs)",'
        '"shared words: anti, dose, drugs, effective, inflammatory"]}\n'
        '{"id":"CM21-0000002","case_number":"CM21-0000002","item":2,"request":"Eszopiclone 1mg tablet, #30","treatment":"eszopiclone",'
        '"body_part":null,"outcome":"upheld","decision_date":"2022-01-15","score":5.2357,"reasons":["shared words: reassessment, tablet, notes, accordingly"]}\n'
    )


def test_similar_csv(cli):
    assert raw(cli("similar", "CM21-0000001", "--format", "csv")) == crlf(
        "id,case_number,item,request,treatment,body_part,outcome,decision_date,score,reasons",
        "CM21-0000002,CM21-0000002,1,Naproxen 550mg qty 90,naproxen,,upheld,2022-01-15,24.755,"
        '"same treatment: naproxen; same guideline section: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs (non-steroidal anti-inflammatory drugs);'
        ' shared words: anti, dose, drugs, effective, inflammatory"',
        'CM21-0000002,CM21-0000002,2,"Eszopiclone 1mg tablet, #30",eszopiclone,,upheld,2022-01-15,5.2357,"shared words: reassessment, tablet, notes, accordingly"',
        'CM21-0000003,CM21-0000003,1,MRI to the Left Rib,mri,left rib,upheld,2021-04-13,3.706,"shared words: file, notes, accordingly, use, chronic"',
        "CM21-0000003,CM21-0000003,2,Therapeutic exercise x6 neck,therapeutic exercise,neck,overturned,2021-04-13,2.1497,"
        '"shared words: support, that, chronic"',
        'CM21-0000004,CM21-0000004,1,"MR imaging, left calf",mri,left calf,upheld,2021-02-22,2.0905,"shared words: tendinitis, that, period"',
    )


# -- treatments ---------------------------------------------------------------------------


def test_treatments_text(cli):
    assert cli("treatments", "mri").stdout == (
        "100.0  mri                                      Diagnostic Testing              2 items       2 upheld      0 overturned\n"
        " 60.0  therapeutic exercise                     Rehabilitation                  1 item        0 upheld      1 overturned\n"
    )


def test_treatments_json_and_csv(cli):
    assert cli("treatments", "naproxn", "--json").stdout == (
        '{"treatment":"naproxen","category":"Pharmaceuticals","score":93.3,"items":2,"upheld":2,"overturned":0}\n'
    )
    assert raw(cli("treatments", "mri", "--csv")) == crlf(
        "treatment,category,score,items,upheld,overturned",
        "mri,Diagnostic Testing,100.0,2,2,0",
        "therapeutic exercise,Rehabilitation,60.0,1,0,1",
    )


# -- stats --------------------------------------------------------------------------------


def test_stats_text(cli):
    assert cli("stats").stdout == (
        "\n"
        "by category\n"
        "  Pharmaceuticals                                3 items        3 upheld       0 overturned ( 0.0%)\n"
        "  Diagnostic Testing                             2 items        2 upheld       0 overturned ( 0.0%)\n"
        "  Rehabilitation                                 1 item         0 upheld       1 overturned (100.0%)\n"
        "\n"
        "by treatment\n"
        "  mri                                            2 items        2 upheld       0 overturned ( 0.0%)\n"
        "  naproxen                                       2 items        2 upheld       0 overturned ( 0.0%)\n"
        "  eszopiclone                                    1 item         1 upheld       0 overturned ( 0.0%)\n"
        "  therapeutic exercise                           1 item         0 upheld       1 overturned (100.0%)\n"
        "\n"
        "by specialty\n"
        "  Anesthesiology                                 2 items        1 upheld       1 overturned (50.0%)\n"
        "  Chiropractic                                   2 items        2 upheld       0 overturned ( 0.0%)\n"
        "  Hospice & Palliative Medicine                  2 items        1 upheld       1 overturned (50.0%)\n"
        "  Pain Management                                2 items        1 upheld       1 overturned (50.0%)\n"
        "  Orthopedic Surgery                             1 item         1 upheld       0 overturned ( 0.0%)\n"
        "  Psychology                                     1 item         1 upheld       0 overturned ( 0.0%)\n"
        "\n"
        "by cites\n"
        "  MTUS                                           4 items        3 upheld       1 overturned (25.0%)\n"
        "  ODG                                            3 items        2 upheld       1 overturned (33.3%)\n"
        "  ACOEM                                          2 items        2 upheld       0 overturned ( 0.0%)\n"
        "\n"
        "by year\n"
        "  2021                                           4 items        3 upheld       1 overturned (25.0%)\n"
        "  2022                                           2 items        2 upheld       0 overturned ( 0.0%)\n"
    )


def test_stats_json_and_csv(cli):
    query = "case:CM21-0000002"
    assert cli("stats", query, "--json").stdout == (
        '{"dimension":"category","key":"Pharmaceuticals","items":2,"upheld":2,"overturned":0}\n'
        '{"dimension":"treatment","key":"eszopiclone","items":1,"upheld":1,"overturned":0}\n'
        '{"dimension":"treatment","key":"naproxen","items":1,"upheld":1,"overturned":0}\n'
        '{"dimension":"specialty","key":"Chiropractic","items":2,"upheld":2,"overturned":0}\n'
        '{"dimension":"cites","key":"ODG","items":2,"upheld":2,"overturned":0}\n'
        '{"dimension":"cites","key":"ACOEM","items":1,"upheld":1,"overturned":0}\n'
        '{"dimension":"cites","key":"MTUS","items":1,"upheld":1,"overturned":0}\n'
        '{"dimension":"year","key":"2022","items":2,"upheld":2,"overturned":0}\n'
    )
    assert raw(cli("stats", query, "--format", "csv")) == crlf(
        "dimension,key,items,upheld,overturned",
        "category,Pharmaceuticals,2,2,0",
        "treatment,eszopiclone,1,1,0",
        "treatment,naproxen,1,1,0",
        "specialty,Chiropractic,2,2,0",
        "cites,ODG,2,2,0",
        "cites,ACOEM,1,1,0",
        "cites,MTUS,1,1,0",
        "year,2022,2,2,0",
    )


# -- the format option --------------------------------------------------------------------

LISTING = [
    ["parse", "x.txt"],
    ["search", "naproxen"],
    ["show", "CM21-0000002"],
    ["similar", "CM21-0000001"],
    ["treatments", "mri"],
    ["stats"],
    ["citations"],
]


@pytest.mark.parametrize("command", LISTING, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--json", "--csv"], "--json and --csv ask for different output formats; give one"),
        (["--format", "csv", "--json"], "--format csv and --json ask for different output formats; give one"),
        (["--format", "text", "--csv"], "--format text and --csv ask for different output formats; give one"),
    ],
)
def test_two_formats_are_a_usage_error(cli, command, flags, message):
    result = cli(*command, *flags, code=2)
    assert result.stdout == ""
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert result.stderr.startswith(f"Usage: main {command[0]} [OPTIONS]")


def test_the_same_format_twice_is_one(cli):
    assert cli("treatments", "naproxn", "--format", "json", "--json").stdout.startswith('{"treatment":"naproxen"')


def test_an_unknown_format_is_a_usage_error(cli):
    result = cli("stats", "--format", "tsv", code=2)
    assert "Invalid value for '--format': 'tsv' is not one of 'text', 'json', 'csv'." in result.stderr


@pytest.mark.parametrize("command", [["index", "x"], ["synth", "out"]], ids=lambda c: c[0])
def test_commands_that_list_nothing_take_no_format(cli, command):
    assert "No such option '--json'" in cli(*command, "--json", code=2).stderr


# -- colour -------------------------------------------------------------------------------


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_only_on_a_terminal_and_never_with_no_color(built, monkeypatch, no_color, coloured):
    monkeypatch.setattr(click.testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
    runner = CliRunner(env={"NO_COLOR": no_color})
    result = runner.invoke(main, ["search", "naproxen", "--index", str(built / "index")], color=True)
    assert ("\x1b[" in result.stdout) is coloured
    assert ("[Naproxen]" in result.stdout) is not coloured


def test_show_marks_the_query_hits(cli):
    lines = cli("show", "CM21-0000001", "--query", "naproxen").stdout.splitlines()
    assert "Item 1: [Naproxen] tablet #90  ✗ upheld" in lines
    assert any(line.endswith("the request for [Naproxen] tablet #90 is not medically necessary.") for line in lines)
    assert "Item 1: Naproxen tablet #90  ✗ upheld" in cli("show", "CM21-0000001").stdout.splitlines()

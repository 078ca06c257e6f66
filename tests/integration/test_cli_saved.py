"""`imr-search saved`: every form, with exact expected output.

A small real index of four generated letters (the letters of
``test_cli_output``: two naproxen requests, two MRIs, one of them in a letter
whose summary also names an MRI), whose manifest dates
two of them in January 2021 and two in June, so "new since" has fixed
answers. Saved searches are written with fixed times too.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

import click.testing
import msgspec
import pytest
from click.testing import CliRunner

from imr_search.cli import main
from imr_search.index import build
from imr_search.index.writer import MANIFEST, Manifest
from imr_search.synth import make_letter, render
from imr_search.userdata import saved

SEEDS = {"CM21-0000001": 7, "CM21-0000002": 27, "CM21-0000003": 28, "CM21-0000004": 36}
JANUARY = datetime(2021, 1, 1, tzinfo=timezone.utc)
JUNE = datetime(2021, 6, 1, tzinfo=timezone.utc)
FIRST_INDEXED = {"CM21-0000001": JANUARY, "CM21-0000003": JANUARY, "CM21-0000002": JUNE, "CM21-0000004": JUNE}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-saved")
    (root / "letters").mkdir()
    for case, seed in SEEDS.items():
        (root / "letters" / f"{case}.txt").write_text(render(make_letter(random.Random(seed), case), "html-text"))
    build([root / "letters"], root / "index", jobs=1)
    manifest_path = root / "index" / (root / "index" / "CURRENT").read_text().strip() / MANIFEST
    manifest = msgspec.json.decode(manifest_path.read_bytes(), type=Manifest)
    assert set(manifest.first_indexed) == set(FIRST_INDEXED)
    manifest.first_indexed = FIRST_INDEXED
    manifest_path.write_bytes(msgspec.json.encode(manifest))
    return root / "index"


@pytest.fixture()
def searches(user_data: Path) -> Path:
    saved.add("naproxen", "naproxen", datetime(2021, 3, 1, tzinfo=timezone.utc))
    saved.add("mri", "mri", datetime(2021, 7, 1, 12, 30, tzinfo=timezone.utc))
    saved.add("everything", "", datetime(2020, 12, 31, tzinfo=timezone.utc))
    return user_data


@pytest.fixture()
def cli(index: Path):
    runner = CliRunner(env={"NO_COLOR": "1"})

    def run(*args: str, code: int = 0) -> click.testing.Result:
        result = runner.invoke(main, ["--index", str(index), *args])
        assert result.exit_code == code, result.output
        return result

    return run


def test_list(cli, searches) -> None:
    result = cli("saved")
    assert result.stdout == (
        "naproxen  2 letters, 1 new since 2021-03-01 00:00 UTC\n"
        "  naproxen\n"
        "mri  3 letters, 0 new since 2021-07-01 12:30 UTC\n"
        "  mri\n"
        "everything  4 letters, 4 new since 2020-12-31 00:00 UTC\n"
        "  (every letter)\n"
    )
    assert result.stderr == ""


def test_list_json_and_csv(cli, searches) -> None:
    assert cli("saved", "--json").stdout == (
        '{"name":"naproxen","query":"naproxen","letters":2,"new":1,"last_seen":"2021-03-01T00:00:00Z","created":"2021-03-01T00:00:00Z"}\n'
        '{"name":"mri","query":"mri","letters":3,"new":0,"last_seen":"2021-07-01T12:30:00Z","created":"2021-07-01T12:30:00Z"}\n'
        '{"name":"everything","query":"","letters":4,"new":4,"last_seen":"2020-12-31T00:00:00Z","created":"2020-12-31T00:00:00Z"}\n'
    )
    assert cli("saved", "--csv").stdout_bytes.decode() == (
        "name,query,letters,new,last_seen,created\r\n"
        "naproxen,naproxen,2,1,2021-03-01 00:00:00+00:00,2021-03-01 00:00:00+00:00\r\n"
        "mri,mri,3,0,2021-07-01 12:30:00+00:00,2021-07-01 12:30:00+00:00\r\n"
        "everything,,4,4,2020-12-31 00:00:00+00:00,2020-12-31 00:00:00+00:00\r\n"
    )


def test_one_by_name(cli, searches) -> None:
    assert cli("saved", "mri").stdout == "mri  3 letters, 0 new since 2021-07-01 12:30 UTC\n  mri\n"
    assert cli("saved", "naproxen", "--json").stdout.startswith('{"name":"naproxen","query":"naproxen","letters":2,"new":1,')


def test_new_letters_then_seen(cli, searches) -> None:
    before = datetime.now(timezone.utc)
    peek = cli("saved", "naproxen", "--new", "--peek")
    assert peek.stdout == (
        "CM21-0000002  2022-01-15  Chiropractic\n"
        "   1. ✗ upheld      Naproxen 550mg qty 90  [naproxen]\n"
        "      treatment: [Naproxen] 550mg qty 90\n"
        "      rationale: guideline criteria in this case. The most recent note repeats the same complaints and findings as the visits before it. Therefore, the request for [Naproxen]\n"
        "   2. ✗ upheld      Eszopiclone 1mg tablet, #30  [eszopiclone]\n"
        "      summary: reduced grip strength on the left. Current medications include trazodone, cyclobenzaprine, hydrocodone with acetaminophen and [naproxen]. She is working with\n"
    )
    assert peek.stderr == "1 new letter since 2021-03-01 00:00 UTC; left unseen (--peek)\n"
    assert saved.load_saved()["naproxen"].last_seen == datetime(2021, 3, 1, tzinfo=timezone.utc)

    new = cli("saved", "naproxen", "--new", "--json")
    assert [msgspec.json.decode(line)["id"] for line in new.stdout.splitlines()] == ["CM21-0000002"]
    assert new.stderr == "1 new letter since 2021-03-01 00:00 UTC; now marked seen\n"
    assert saved.load_saved()["naproxen"].last_seen >= before

    again = cli("saved", "naproxen", "--new")
    assert again.stdout == ""
    assert again.stderr.startswith("0 new letters since ")
    assert cli("saved", "naproxen").stdout.startswith("naproxen  2 letters, 0 new since ")


def test_new_as_csv_has_one_row_per_matching_item(cli, searches) -> None:
    assert cli("saved", "everything", "--new", "--peek", "--csv").stdout_bytes.decode().splitlines()[0] == (
        "case_number,decision_date,item,treatment,request,outcome,specialties,citations,snippet"
    )
    rows = cli("saved", "everything", "--new", "--peek", "--csv").stdout_bytes.decode().splitlines()[1:]
    assert sorted(row.split(",")[0] + "#" + row.split(",")[2] for row in rows) == [
        "CM21-0000001#1", "CM21-0000002#1", "CM21-0000002#2", "CM21-0000003#1", "CM21-0000003#2", "CM21-0000004#1",
    ]


def test_add_and_remove(cli, user_data) -> None:
    assert cli("saved", "add", "exercise", "outcome:overturned treatment:exercise").stderr == (
        "saved 'exercise': outcome:overturned treatment:exercise\n"
    )
    assert cli("saved", "add", "exercise", "exercise").stderr == "replaced 'exercise': exercise\n"
    assert cli("saved", "exercise").stdout.startswith("exercise  2 letters, 0 new since ")
    assert cli("saved", "remove", "exercise").stderr == "removed 'exercise'\n"
    assert cli("saved").stderr == "no saved searches: add one with `imr-search saved add NAME QUERY` (or ctrl+s in the app)\n"


def test_unknown_names_and_a_broken_file_are_one_line_errors(cli, searches) -> None:
    assert cli("saved", "nope", "--new", code=1).stderr == "error: no saved search 'nope' (saved: 'naproxen', 'mri', 'everything')\n"
    assert cli("saved", "remove", "nope", code=1).stderr.startswith("error: no saved search 'nope'")
    (searches / "saved-searches.json").write_text("[1, 2")
    result = cli("saved", code=1)
    assert result.stderr.startswith("error: cannot read the saved searches in ") and result.stderr.count("\n") == 1
    assert (searches / "saved-searches.json").read_text() == "[1, 2"


def test_usage_errors(cli, searches) -> None:
    assert "--peek goes with --new" in cli("saved", "naproxen", "--peek", code=2).stderr
    assert "--new needs the NAME of one saved search" in cli("saved", "--new", code=2).stderr
    assert "`add NAME QUERY`" in cli("saved", "add", "only-a-name", code=2).stderr

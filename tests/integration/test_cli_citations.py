"""``imr-search citations``: every output format, word for word, on the small index of ``test_cli_output``.

The expected rows were written from the generated letters' citations: the
reviewer's, named as the citator names them ("Chronic Pain Medical Treatment
2016" is the Chronic Pain Medical Treatment Guidelines), and the claims
administrator's beside them.
"""

from __future__ import annotations

from .test_cli_output import built, cli, crlf, raw  # noqa: F401  (fixtures)

HEADER = " items  upheld / overturned     upheld overturned  claims admin  guideline\n"
UPHELD, OVERTURNED = "█" * 20, "▒" * 20


def test_citations_text(cli):
    assert cli("citations", "case:CM21-0000003").stdout == HEADER + (
        f"     1  {OVERTURNED}       0 ✗        1 ✓             0  MTUS Chronic Pain Medical Treatment Guidelines, Aquatic therapy\n"
        f"     1  {UPHELD}       1 ✗        0 ✓             0  MTUS Neck and Upper Back Complaints, Special Studies, Summary\n"
        f"     1  {OVERTURNED}       0 ✗        1 ✓             0  ODG Official Disability Guidelines\n"
        f"     0  {' ' * 20}       0 ✗        0 ✓             1  MTUS Chronic Pain Medical Treatment Guidelines, Manual therapy & manipulation\n"
        f"     0  {' ' * 20}       0 ✗        0 ✓             1  MTUS General Approaches, Prevention\n"
        f"     0  {' ' * 20}       0 ✗        0 ✓             1  MTUS Neck and Upper Back Complaints, Initial Care\n"
        f"     0  {' ' * 20}       0 ✗        0 ✓             1  ACOEM Occupational Medicine Practice Guidelines, 3rd ed.,"
        " Cervical and Thoracic Spine Disorders, Diagnostic Investigations, p. 331\n"
    )


def test_citations_text_splits_the_bar_and_names_the_no_guideline_row(cli):
    lines = cli("citations").stdout.splitlines()
    assert lines[2] == "     2  " + "█" * 10 + "▒" * 10 + "       1 ✗        1 ✓             0  ODG Official Disability Guidelines"
    assert lines[-1] == f"     0  {' ' * 20}       0 ✗        0 ✓             1  (no guideline cited)"


def test_citations_json(cli):
    assert cli("citations", "outcome:overturned", "--json").stdout == (
        '{"source":"MTUS","title":"Chronic Pain Medical Treatment Guidelines","section":"Aquatic therapy","pages":null,'
        '"items":1,"upheld":0,"overturned":1,"claims_administrator_items":0}\n'
        '{"source":"ODG","title":"Official Disability Guidelines","section":null,"pages":null,'
        '"items":1,"upheld":0,"overturned":1,"claims_administrator_items":0}\n'
        '{"source":"MTUS","title":"Chronic Pain Medical Treatment Guidelines","section":"Manual therapy & manipulation","pages":null,'
        '"items":0,"upheld":0,"overturned":0,"claims_administrator_items":1}\n'
        '{"source":"MTUS","title":"General Approaches","section":"Prevention","pages":null,'
        '"items":0,"upheld":0,"overturned":0,"claims_administrator_items":1}\n'
        '{"source":"MTUS","title":"Neck and Upper Back Complaints","section":"Initial Care","pages":null,'
        '"items":0,"upheld":0,"overturned":0,"claims_administrator_items":1}\n'
    )


def test_citations_json_no_guideline_row(cli):
    last = cli("citations", "--json").stdout.splitlines()[-1]
    assert last == (
        '{"source":null,"title":"no guideline cited","section":null,"pages":null,'
        '"items":0,"upheld":0,"overturned":0,"claims_administrator_items":1}'
    )


def test_citations_csv(cli):
    assert raw(cli("citations", "case:CM21-0000003", "--csv")) == crlf(
        "source,title,section,pages,items,upheld,overturned,claims_administrator_items",
        "MTUS,Chronic Pain Medical Treatment Guidelines,Aquatic therapy,,1,0,1,0",
        'MTUS,Neck and Upper Back Complaints,"Special Studies, Summary",,1,1,0,0',
        "ODG,Official Disability Guidelines,,,1,0,1,0",
        "MTUS,Chronic Pain Medical Treatment Guidelines,Manual therapy & manipulation,,0,0,0,1",
        "MTUS,General Approaches,Prevention,,0,0,0,1",
        "MTUS,Neck and Upper Back Complaints,Initial Care,,0,0,0,1",
        'ACOEM,"ACOEM Occupational Medicine Practice Guidelines, 3rd ed.",'
        '"Cervical and Thoracic Spine Disorders, Diagnostic Investigations",331,0,0,0,1',
    )


def test_citations_nothing_matches(cli):
    result = cli("citations", "zzzqqq")
    assert (result.stdout, result.stderr) == ("", "no items match\n")

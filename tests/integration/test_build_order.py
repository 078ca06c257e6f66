"""Two builds of one corpus answer alike, even where many letters tie at the cut of the top N.

Workers finish files in whatever order the machine allows, and the index
breaks equal scores by where documents happen to sit; the letters' ordinals
follow the files' order and the query layer keeps the first tied letters by
ordinal, so neither shows in an answer.
"""

from __future__ import annotations

from imr_search import open_index
from imr_search.index import build
from imr_search.synth import write_corpus

QUERIES = ["outcome:upheld", "category:pharmaceuticals", "cites:ODG outcome:overturned", "decided:2016", "medically",
           '"medically necessary"', "specialty:orthopedic", "body:knee"]
"""Filters score every item alike; common words nearly alike: ties at every cut."""


def test_two_builds_give_identical_answers(tmp_path):
    write_corpus(tmp_path / "corpus", 400, seed=8)
    answers = []
    for n in (1, 2):  # one worker finishes files in their order, two in batches that interleave
        report = build([tmp_path / "corpus"], tmp_path / f"index{n}", jobs=n)
        assert report.letters == 400
        idx = open_index(tmp_path / f"index{n}")
        answers.append([[(h.id, [(i.item, i.score) for i in h.items]) for h in idx.search(q, limit=7).letters] for q in QUERIES])
        answers[-1].extend([[(h.id, h.decision_date) for h in idx.search(q, limit=5, sort="date").letters] for q in QUERIES[:3]])
    assert all(answers[0])  # every query finds something
    assert answers[0] == answers[1]


def test_a_build_says_where_its_time_went(tmp_path):
    """The phases a slow build is profiled by, in the order they ran, adding up to no more than the whole."""
    write_corpus(tmp_path / "corpus", 120, seed=3)
    report = build([tmp_path / "corpus"], tmp_path / "index", jobs=2)
    assert list(report.phases) == ["parse", "documents", "commit", "merge", "finish"]
    assert all(s >= 0 for s in report.phases.values())
    assert report.phases["parse"] > 0 and report.phases["documents"] > 0
    assert sum(report.phases.values()) <= report.seconds

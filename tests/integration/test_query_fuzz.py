"""Whatever a user types, the query layer answers: results or hints, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_search import open_index
from imr_search.index.writer import build
from imr_search.synth import write_corpus

NASTY = [
    '"', '""', '"a', 'a"', "(", ")", "((a)", "a)", "-", "--a", "+", "OR", "AND", "NOT", "a OR", "OR a", "a AND OR b",
    "~", '"a b"~', '"a b"~x', "a~2", "*", "a*", "?", "a:b:c", ":", "outcome:", "decided:..", "decided:2015..2014",
    "decided:9999-99", "body:", 'specialty:"', "cites:", "category:zzz", "[a TO b]", "{a TO b}", "a^2", "^", "\\", "/a/",
    "\x00", "\u202e", "ℳ𝒶𝓇𝓀", "腰痛 治療", "боль в спине", "ألم", "🙂🙂", "a" * 10_000, "(" * 500, '"' * 501,
    "rationale:", "summary:()", "treatment:-", "-outcome:upheld", "outcome:overturned OR outcome:upheld", "case:",
]
ALPHABET = st.sampled_from(list('ab "()-~:*?^\\/[]{}+!.&|') + ["OR", "AND", "NOT", "outcome:", "decided:", "body:", "rationale:", "ü", "中"])


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    root = tmp_path_factory.mktemp("qfuzz")
    write_corpus(root / "c", 40, seed=3)
    build([root / "c"], root / "index", jobs=1)
    return open_index(root / "index")


def _ask(idx, query: str) -> None:
    res = idx.search(query, limit=5)
    assert res.total_items >= 0
    assert all(isinstance(h, str) and h for h in res.hints)
    rows, hints = idx.stats(query)
    assert all(r.items == r.upheld + r.overturned for r in rows)
    if res.letters:
        assert idx.letter(res.letters[0].id, query=query) is not None


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries(idx, query):
    _ask(idx, query)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(ALPHABET, max_size=30).map("".join)))
def test_arbitrary_queries(idx, query):
    _ask(idx, query)


def test_ten_kilobyte_query(idx):
    _ask(idx, " ".join(["physical therapy"] * 700)[:10_240])

"""parse(render(record)) == record, for every shape the generator writes."""

from __future__ import annotations

import random

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_search.parse import parse_file, parse_text
from imr_search.records import HEADER_FIELDS
from imr_search.synth import SHAPES, expected, make_letter, render, render_file, write_corpus


def _check(seed: int, shape: str) -> None:
    rng = random.Random(seed)
    case = f"CM{rng.randrange(13, 26)}-{rng.randrange(10**7):07d}"
    letter = make_letter(rng, case)
    source = f"corpus/{case}.txt"
    got = msgspec.to_builtins(parse_text(render(letter, shape), source=source))
    want = msgspec.to_builtins(expected(letter, shape, source))
    assert got == want
    if shape == "pdf-text-noheader":
        # a notice or review states its dates in the body; only the header block's layouts lose them all
        assert got["case_number"] is None
        assert letter.layout not in ("standard", "maximus") or all(got[f] is None for f in HEADER_FIELDS)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES))
def test_round_trip_every_shape(seed, shape):
    _check(seed, shape)


def test_round_trip_many_seeds_all_shapes():
    for seed in range(150):
        for shape in SHAPES:
            _check(seed, shape)


def test_one_case_in_two_shapes_has_one_id_and_fingerprint(tmp_path):
    stats = write_corpus(tmp_path, 400, seed=11)
    assert stats["duplicates"] >= 1
    by_id: dict[str, set[str]] = {}
    for path in tmp_path.iterdir():
        letter = parse_file(path)
        by_id.setdefault(letter.id, set()).add(letter.fingerprint)
    assert len(by_id) == stats["letters"]
    assert all(len(fps) == 1 for fps in by_id.values())


def _older(seed: int):
    """A letter of 2013 or 2014, when the older layouts were written."""
    rng = random.Random(seed)
    return make_letter(rng, f"CM{rng.choice((13, 13, 14))}-{rng.randrange(10**7):07d}", older=True)


def test_round_trip_older_layouts_every_shape():
    """The record the generator meant (layout, items, lines, outcomes, dates, documents) is the one read back."""
    seen: set[str] = set()
    for seed in range(200):
        letter = _older(seed)
        seen.add(letter.layout)
        for shape in SHAPES:
            source = f"corpus/{letter.case_number}.txt"
            got = msgspec.to_builtins(parse_text(render(letter, shape), source=source))
            assert got == msgspec.to_builtins(expected(letter, shape, source)), (seed, shape, letter.layout)
    assert seen == {"standard", "notice", "maximus", "professional-review"}


def test_older_layouts_round_trip_as_html_pages(tmp_path):
    for seed in range(60):
        letter = _older(seed)
        if letter.layout == "standard":
            continue
        path = tmp_path / f"{letter.case_number}.html"
        path.write_bytes(render_file(letter, "html"))
        got = msgspec.to_builtins(parse_file(path))
        assert got == msgspec.to_builtins(expected(letter, "html", str(path))), (seed, letter.layout)
        assert got["documents"]



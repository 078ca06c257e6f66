"""When each letter was first indexed: kept through updates and rebuilds, and what "new since" counts.

Saved searches announce letters first indexed after the user last looked,
so a rebuild must not make every letter new again, and an update must date
only the letters it adds.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pytest

from imr_search import open_index
from imr_search.errors import UserDataError
from imr_search.index.writer import MANIFEST, Manifest, build
from imr_search.synth import make_letter, render
from imr_search.userdata import saved


def _write(corpus: Path, first: int, count: int, seed: int) -> list[str]:
    corpus.mkdir(exist_ok=True)
    rng = random.Random(seed)
    ids = []
    for n in range(first, first + count):
        letter = make_letter(rng, f"CM16-{n:07d}")
        (corpus / f"{letter.case_number}.txt").write_text(render(letter, "html-text"), encoding="utf-8")
        ids.append(letter.case_number)
    return ids


def _manifest(index: Path) -> Manifest:
    version = index / (index / "CURRENT").read_text().strip()
    return msgspec.json.decode((version / MANIFEST).read_bytes(), type=Manifest)


def test_first_indexed_survives_updates_and_rebuilds_and_dates_only_new_letters(tmp_path: Path) -> None:
    corpus, index = tmp_path / "c", tmp_path / "index"
    old = _write(corpus, 0, 12, seed=1)
    before = datetime.now(timezone.utc)
    build([corpus], index, jobs=1)
    idx = open_index(index)
    first = {i: idx.first_indexed(i) for i in old}
    assert all(t is not None and t >= before for t in first.values())
    assert set(_manifest(index).first_indexed) == set(old)
    seen = datetime.now(timezone.utc)

    added = _write(corpus, 100, 5, seed=2)
    (corpus / f"{old[0]}.txt").unlink()
    build([corpus], index, jobs=1, update=True)
    assert idx.reload()
    assert {i: idx.first_indexed(i) for i in old[1:]} == {i: first[i] for i in old[1:]}, "an update keeps the times"
    assert idx.first_indexed(old[0]) is None, "a removed letter has no time"
    assert all(idx.first_indexed(i) > seen for i in added)  # type: ignore[operator]
    count = idx.count_new("", seen)
    assert (count.letters, count.new) == (16, 5)
    assert sorted(h.id for h in idx.new_since("", seen).letters) == sorted(added)

    build([corpus], index, jobs=1)  # a full rebuild
    assert idx.reload()
    assert {i: idx.first_indexed(i) for i in old[1:] + added} == {
        **{i: first[i] for i in old[1:]}, **{i: _manifest(index).first_indexed[i] for i in added}
    }
    assert idx.count_new("", seen).new == 5, "a rebuild does not make every letter new"
    assert idx.count_new("", datetime.now(timezone.utc)).new == 0


def test_new_since_follows_the_query_and_its_filters(tmp_path: Path) -> None:
    corpus, index = tmp_path / "c", tmp_path / "index"
    _write(corpus, 0, 10, seed=3)
    build([corpus], index, jobs=1)
    seen = datetime.now(timezone.utc)
    _write(corpus, 50, 20, seed=4)
    build([corpus], index, jobs=1, update=True)
    idx = open_index(index)
    for query in ("outcome:overturned", "therapy", "category:pharmaceuticals", "zebrafish"):
        matching = {h.id for h in idx.search(query, limit=1000).letters}
        new = {h.id for h in idx.new_since(query, seen).letters}
        assert new == {i for i in matching if idx.first_indexed(i) > seen}, query  # type: ignore[operator]
        assert idx.count_new(query, seen).letters == len(matching)
        assert idx.count_new(query, seen).new == len(new)
        assert all(item.item for h in idx.new_since(query, seen).letters for item in h.items), "the matching items come along"
    assert idx.count_new("", seen - timedelta(days=1)).new == 30


def test_saved_searches_file_is_readable_json_and_a_broken_one_is_left_alone(tmp_path: Path, user_data: Path) -> None:
    when = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    assert saved.add("pt after fusion", '"personal trainer" outcome:upheld', when) is False
    assert saved.add("pt after fusion", "trainer", when) is True
    saved.mark_seen("pt after fusion", when + timedelta(days=1))
    assert (user_data / "saved-searches.json").read_text() == (
        "{\n"
        '  "pt after fusion": {\n'
        '    "query": "trainer",\n'
        '    "created": "2024-05-06T07:08:09Z",\n'
        '    "last_seen": "2024-05-07T07:08:09Z"\n'
        "  }\n"
        "}\n"
    )
    assert saved.remove("pt after fusion") and not saved.remove("pt after fusion")
    (user_data / "saved-searches.json").write_text("{not json")
    with pytest.raises(UserDataError, match="cannot read the saved searches"):
        saved.load_saved()
    with pytest.raises(UserDataError):
        saved.add("x", "y")
    assert (user_data / "saved-searches.json").read_text() == "{not json", "nothing lost"

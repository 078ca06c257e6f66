"""`imr-search index` on hostile corpora: nothing lost, nothing crashes, nothing injected."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from imr_search import open_index
from imr_search.cli import main
from imr_search.synth import write_corpus

from .hostile import build_hostile

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture(scope="module")
def indexed(hostile, tmp_path_factory):
    index = tmp_path_factory.mktemp("hidx") / "index"
    result = CliRunner().invoke(main, ["index", str(hostile.root), "--index", str(index), "--jobs", "2"])
    return result, index


def test_every_good_letter_indexed_exactly_once(hostile, indexed):
    result, index = indexed
    assert result.exit_code == 0, result.stderr
    idx = open_index(index)
    ids = {h.id for h in idx.search("", limit=100_000).letters}
    assert ids == hostile.good_ids
    assert idx.letters_count == len(hostile.good_ids)


def test_every_bad_file_is_listed_with_a_reason(hostile, indexed):
    result, _ = indexed
    skipped = dict(re.findall(r"^skipped (.+?): (.+)$", result.stderr, re.M))
    for path, word in hostile.bad.items():
        assert path in skipped, path
        assert word in skipped[path], (path, skipped[path])
        assert "\n" not in skipped[path] and len(skipped[path]) < 200
    dups = re.findall(r"^duplicate (.+?): same case as", result.stderr, re.M)
    assert len(dups) == hostile.duplicates
    assert "Traceback" not in result.stderr


def test_no_control_characters_reach_the_terminal(hostile, indexed):
    _, index = indexed
    runner = CliRunner()
    for args in (["search", "pwned OR markup"], ["search", "markup", "--json"]):
        out = runner.invoke(main, [*args, "--index", str(index)])
        assert out.exit_code == 0
        assert out.stdout and not _CONTROL.search(out.stdout.replace("\n", ""))
    hit = open_index(index).search("markup", limit=1).letters[0]
    shown = runner.invoke(main, ["show", hit.id, "--index", str(index)])
    assert "[bold red]markup[/]" in shown.stdout
    assert not _CONTROL.search(shown.stdout.replace("\n", ""))


def test_exit_status_none_indexed_and_strict(tmp_path, hostile):
    runner = CliRunner()
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_text("nothing to see")
    none = runner.invoke(main, ["index", str(junk), "--index", str(tmp_path / "i1")])
    assert none.exit_code == 1 and "indexed 0 letters" in none.stderr
    good = tmp_path / "good"
    write_corpus(good, 3, seed=1)
    (good / "junk.txt").write_text("nothing to see")
    lax = runner.invoke(main, ["index", str(good), "--index", str(tmp_path / "i2")])
    assert lax.exit_code == 0
    strict = runner.invoke(main, ["index", str(good), "--index", str(tmp_path / "i3"), "--strict"])
    assert strict.exit_code == 1
    usage = runner.invoke(main, ["index", "--index", str(tmp_path / "i4")])
    assert usage.exit_code == 2


@pytest.mark.slow
def test_ten_thousand_letters_in_one_folder(tmp_path):
    write_corpus(tmp_path / "many", 10_000, seed=8)
    result = CliRunner().invoke(main, ["index", str(tmp_path / "many"), "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.stderr
    assert open_index(tmp_path / "index").letters_count == 10_000

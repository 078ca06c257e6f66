"""Where the index lives when no --index is given: a tool installed with pip runs from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imr_search.index import store


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder and a private per-user data folder."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv(store.ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_per_user_folder_when_there_is_no_local_index(elsewhere: Path) -> None:
    assert store.default_path() == elsewhere / "data" / "imr-search" / "index"


def test_local_index_folder_wins(elsewhere: Path) -> None:
    Path("index").mkdir()
    assert store.default_path() == Path("index")


def test_environment_variable_wins(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("index").mkdir()
    monkeypatch.setenv(store.ENV, str(elsewhere / "mine"))
    assert store.default_path() == elsewhere / "mine"


def test_a_command_in_an_empty_folder_drops_nothing_there(elsewhere: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != store.ENV} | {"XDG_DATA_HOME": str(elsewhere / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "imr_search.cli", "search", "trainer"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: no index at {elsewhere / 'data' / 'imr-search' / 'index'}: build one with `imr-search index CORPUS`"
    assert list(Path.cwd().iterdir()) == []

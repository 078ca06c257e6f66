"""Shared fixtures: where the real reference letters live, and a generated corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IMR_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "real"
SEEDS = SHARED / "seeds"


def real_files(folder: Path, pattern: str) -> list[Path]:
    """The reference letters, or an empty list where the folder is absent."""
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real not present")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its packet and saved searches in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("IMR_SEARCH_DATA", str(folder))
    return folder

"""The terminal app (`imr-search` with no command).

``run`` decides what to open before any screen is drawn: an index given
with ``--index`` must exist (else a message and exit status 1, nothing is
built); the default index, if missing, is built on the spot from the
bundled ``sample_corpus/`` so a fresh clone's ``make run`` ends in the app.
A served app (``imr-search serve`` starts one per browser tab) never builds:
a missing index is a message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SAMPLE = "sample_corpus"
FPS = 120
"""Frames a second the app paints at most. Textual's default is 60, and results
that arrive just after a frame wait for the next: 120 takes a third off the
keystroke-to-results time (bench/tui.py). Textual reads ``TEXTUAL_FPS`` once,
when it is first imported, and has no other way to set it."""


def sample_corpus() -> Path | None:
    """The bundled sample letters: beside the project's pyproject.toml, else in the working folder."""
    for base in (Path(__file__).resolve().parents[2], Path.cwd()):
        candidate = base / SAMPLE
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None


def run(index_dir: Path | None, served: bool = False) -> int:
    """Open the app on ``index_dir`` (None: the default index); the exit status.

    ``served``: read-only, for a browser (``IMRSearchApp``'s ``served``).
    """
    os.environ.setdefault("TEXTUAL_FPS", str(FPS))  # before anything imports Textual
    from ..errors import IndexNotFound, IndexProblem
    from ..index import store
    from ..query import open_index

    path = store.resolve(index_dir)
    build_from = None
    try:
        open_index(path)
    except IndexNotFound as e:
        if index_dir is not None or served:
            print(f"error: {e}", file=sys.stderr)
            return 1
        build_from = sample_corpus()
        if build_from is None:
            print(f"error: {e} (and there is no {SAMPLE}/ to build one from)", file=sys.stderr)
            return 1
    except IndexProblem as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    from .app import IMRSearchApp

    app = IMRSearchApp(path, build_from=build_from, served=served)
    result = app.run()
    return app.return_code or (result or 0)

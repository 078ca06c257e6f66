"""``python -m imr_search.cli``: the command line, as the tests and scripts run it."""

from __future__ import annotations

from .main import main

main()

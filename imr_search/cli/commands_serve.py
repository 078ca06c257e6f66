"""``serve``: the app for a whole office, in the browser, over one index, read-only.

The token comes from ``$IMR_SEARCH_TOKEN`` or a file, never from the command
line (where ``ps`` shows it to every user of the machine), and is taken out
of the environment before any app process starts. The index must open
before the server listens: a missing one is one line, not a tab of errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..userdata.paths import data_dir
from .index_option import index_option, open_or_exit
from .output import warn

TOKEN_ENV = "IMR_SEARCH_TOKEN"
MAX_SESSIONS = 16
"""Sessions one server runs at once unless told, measured with bench/serve.py on this project's machine
(2 cores, 24 GB): 16 sessions take under 1 GB (about 43 MB each, shared pages split) and all keep answering
even when all 16 type at once; CPU, not memory, is the limit (docs/scaling.md)."""


def read_token(token_file: Path | None) -> str:
    """The token from ``--token-file`` or ``$IMR_SEARCH_TOKEN``, or exit 1 saying how to give one."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            warn(f"error: cannot read the token file {token_file}: {getattr(e, 'strerror', None) or e}")
            sys.exit(1)
        where = str(token_file)
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
        where = f"${TOKEN_ENV}"
        if not token:
            warn(
                f"error: serve needs a token: set ${TOKEN_ENV} or give --token-file FILE "
                "(make one with: python3 -c 'import secrets; print(secrets.token_urlsafe())')"
            )
            sys.exit(1)
    if not token:
        warn(f"error: the token in {where} is empty")
        sys.exit(1)
    return token


@click.command()
@index_option("Index folder to serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (another than this machine's own lets others in).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"File holding the token browsers must present [default: ${TOKEN_ENV}].",
)
@click.option(
    "--max-sessions",
    default=MAX_SESSIONS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Browser tabs served at once; the next visitor is told to come back later.",
)
def serve(index_dir: Path | None, host: str, port: int, token_file: Path | None, max_sessions: int) -> None:
    """Serve the app to browsers: one read-only session per tab over one index.

    Browsers open http://HOST:PORT/?token=TOKEN once; a cookie serves them after.
    """
    token = read_token(token_file)
    os.environ.pop(TOKEN_ENV, None)  # the app processes inherit the environment and need no token
    index = open_or_exit(index_dir).root.resolve()
    from ..serve.server import OfficeServer  # aiohttp and textual-serve only for this command

    server = OfficeServer(index, token=token, host=host, port=port, max_sessions=max_sessions, users_root=data_dir() / "browsers")
    try:
        server.serve()
    except OSError as e:
        warn(f"error: cannot listen on {host}:{port}: {os.strerror(e.errno) if e.errno else e}")
        sys.exit(1)

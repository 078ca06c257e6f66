"""The app served to browsers: textual-serve's server, subclassed rather than forked.

textual-serve starts one app process per browser tab (the WebSocket) with a
shell command, serves a page and its static files, and has no hooks for
access control. The subclass adds what an office needs and changes nothing
else:

- the ``Guard`` middleware (the token, per-browser folders, the session cap);
- the command: our own Python, ``--served`` (read-only), the index path
  quoted for the shell, and the browser's data folder in ``IMR_SEARCH_DATA``;
- a page template without the web font the stock page links from a public
  host, its addresses taken from the request (so it works under any name);
- logging that never records a request's address (the token is in one):
  aiohttp's access log is off, tracebacks carry no local variables.
"""

from __future__ import annotations

import logging
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from ..userdata.paths import ENV as DATA_ENV
from .guard import Guard, user_folder

TEMPLATES = Path(__file__).parent / "templates"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def app_command(index: Path, data_folder: Path | None = None) -> str:
    """The shell command that runs one browser's app: every path quoted, the shell replaced by the app."""
    command = [sys.executable, "-m", "imr_search.cli", "--index", str(index), "--served"]
    if data_folder is not None:
        command = ["env", f"{DATA_ENV}={data_folder}", *command]
    return "exec " + shlex.join(command)


def public_address(host: str, port: int) -> str:
    """The address to give people: a name others can reach where the server listens on every interface."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


class OfficeServer(Server):
    """``imr-search serve``: one read-only app per browser tab over one index, behind a token."""

    def __init__(self, index: Path, *, token: str, host: str, port: int, max_sessions: int, users_root: Path) -> None:
        self.index = index
        self.guard = Guard(token, max_sessions, users_root)
        super().__init__(app_command(index), host=host, port=port, title="imr-search", templates_path=TEMPLATES)

    @property  # type: ignore[override]
    def command(self) -> str:
        """Read by textual-serve when a WebSocket starts an app: that browser's command."""
        return app_command(self.index, user_folder.get())

    @command.setter
    def command(self, value: str) -> None:
        """Server.__init__ assigns one command for every session; each session's is built by the getter."""

    def initialize_logging(self) -> None:
        logging.basicConfig(level="INFO", format="%(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").disabled = True  # it logs each request's address, token and all

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        aiohttp_jinja2.get_env(app).autoescape = True
        app.middlewares.append(self.guard.middleware)
        app.on_response_prepare.append(self.guard.no_referrer)
        app.on_shutdown.append(self.guard.end_sessions)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """The app page; its WebSocket and static addresses follow the address the browser used."""
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def on_startup(self, app: web.Application) -> None:
        address = public_address(self.host, self.port)
        print(f"imr-search: serving {self.index} at {address} (at most {self.guard.max_sessions} sessions)", flush=True)
        print(f"open {address}?token=<the token>; ctrl+c stops the server", flush=True)
        if self.host not in LOCAL_HOSTS:
            print(f"warning: listening on {self.host}: anyone who can reach {address} and has the token can read the letters", file=sys.stderr, flush=True)

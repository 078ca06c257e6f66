"""Who may use the server, and how many at once: the token, the cookies, the session cap.

textual-serve answers anyone who can reach its port, and the letters hold
medical and legal facts about real people. This middleware stands in front
of every route (the page, its static files, the WebSocket, downloads):

- ``/?token=SECRET`` (compared in constant time) answers the page and sets a
  pass cookie, HttpOnly and SameSite=Strict, that serves every later request;
  the cookie holds a keyed hash of the token, never the token itself.
  Anything else without the pass is refused with 403 and one line.
- Each browser gets a random user id in a cookie of its own; its app runs
  with ``IMR_SEARCH_DATA`` set to a folder for that id, so one user's packet
  and saved searches are never another's.
- At most ``max_sessions`` apps run at once: past that, the page and the
  WebSocket answer 503 with a line saying so, not a tab that never starts.

No response sends a Referer onward (the token sits in the page's address).
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import html
import re
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

PASS_COOKIE = "imr_search_pass"
USER_COOKIE = "imr_search_user"
USER_ID = re.compile(r"[A-Za-z0-9_-]{22}")
"""What ``secrets.token_urlsafe(16)`` makes; anything else in the cookie is replaced, never used as a folder name."""

WEBSOCKET = "/ws"
PAGE = "/"

user_folder: contextvars.ContextVar[Path | None] = contextvars.ContextVar("user_folder", default=None)
"""The data folder of the browser whose request is being handled (set for the WebSocket that starts an app)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def one_line_page(status: int, line: str) -> web.Response:
    """A page that says one thing (a refusal), as HTML a browser shows and a script can read."""
    body = f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>imr-search</title></head><body><p>{html.escape(line)}</p></body></html>\n"
    return web.Response(status=status, text=body, content_type="text/html")


class Guard:
    """The middleware's state: the token's pass, the live session count, where user folders go."""

    def __init__(self, token: str, max_sessions: int, users_root: Path) -> None:
        if not token:
            raise ValueError("an empty token would let anyone in")
        self._token = token.encode()
        self._pass = hmac.new(self._token, b"imr-search browser pass", hashlib.sha256).hexdigest().encode()
        self.max_sessions = max_sessions
        self.users_root = users_root
        self.sessions: set[asyncio.Task[object]] = set()
        """The tasks serving open WebSockets, one per running app."""

    def _has_pass(self, request: web.Request) -> bool:
        return hmac.compare_digest(request.cookies.get(PASS_COOKIE, "").encode(), self._pass)

    def _has_token(self, request: web.Request) -> bool:
        return request.path == PAGE and hmac.compare_digest(request.query.get("token", "").encode(), self._token)

    def _full(self) -> web.Response:
        return one_line_page(
            503,
            f"All {self.max_sessions} sessions of this imr-search server are in use: "
            "close another tab or try again in a few minutes.",
        )

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        given_token = False
        if not self._has_pass(request):
            if not self._has_token(request):
                return one_line_page(403, "This imr-search server needs its token: open the address you were given, with ?token=.")
            given_token = True
        user = request.cookies.get(USER_COOKIE, "")
        new_user = not USER_ID.fullmatch(user)
        if new_user:
            user = secrets.token_urlsafe(16)
        if request.path == WEBSOCKET:
            if len(self.sessions) >= self.max_sessions:
                return self._full()
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            user_folder.set(self.users_root / user)
            try:
                return await handler(request)
            finally:
                self.sessions.discard(task)
        if request.path == PAGE and len(self.sessions) >= self.max_sessions:
            return self._full()
        response = await handler(request)
        if given_token:
            response.set_cookie(PASS_COOKIE, self._pass.decode(), path="/", httponly=True, samesite="Strict")
        if new_user and request.path == PAGE:
            response.set_cookie(USER_COOKIE, user, path="/", httponly=True, samesite="Strict", max_age=10 * 365 * 86400)
        return response

    async def end_sessions(self, app: web.Application) -> None:
        """On shutdown: end every session now (textual-serve then quits its app), not after aiohttp's wait."""
        for task in list(self.sessions):
            task.cancel()

    @staticmethod
    async def no_referrer(request: web.Request, response: web.StreamResponse) -> None:
        """Every response, refusals and the WebSocket's handshake included, forbids sending a Referer on."""
        response.headers["Referrer-Policy"] = "no-referrer"

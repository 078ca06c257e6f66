"""A real ``imr-search serve`` in a subprocess, and a client that speaks textual-serve's WebSocket.

The tests and ``bench/serve.py`` use these: the server is started as a user
would start it (the token in the environment, a free local port), and
``Session`` is what textual.js does in a browser: it connects the WebSocket
with the cookies the page set, sends keys as ``["stdin", text]`` and reads
the terminal's output (binary frames of escape sequences), of which it keeps
the text.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp

from imr_search.index import build
from imr_search.synth import make_letter, render

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
RESULTS = re.compile(r"\d ms · (?:best|newest) first|no matches")
"""The status line once a search has answered (not while the box echoes a key)."""
READY = "in the index"
"""The status line of a fresh app: "N letters in the index"."""


def served_index(root: Path, letters: int = 30) -> Path:
    """An index of generated letters in a folder whose name holds a space and both quotes (the command must quote it)."""
    (root / "letters").mkdir()
    rng = random.Random(5)
    for n in range(letters):
        letter = make_letter(rng, f"CM16-{n:07d}")
        (root / "letters" / f"{letter.case_number}.txt").write_text(render(letter, "html-text"))
    path = root / "an index's \"folder\""
    build([root / "letters"], path, jobs=1)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def screen_text(data: bytes) -> str:
    """What a terminal would print of ``data``, less the escape sequences."""
    return ESCAPES.sub("", data.decode("utf-8", "replace"))


class Served:
    """``imr-search serve`` on a free local port; ``stop()`` ends it and returns all it printed."""

    def __init__(self, index: Path, token: str, *args: str, host: str = "127.0.0.1", env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://{host}:{self.port}/"
        self.token = token
        environment = {**os.environ, "IMR_SEARCH_TOKEN": token, **(env or {})}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "imr_search.cli", "serve", "--index", str(index), "--port", str(self.port), "--host", host, *args],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.output = ""
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=1)
            except urllib.error.HTTPError:
                break  # a 403: the server answers
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: {self.stop()}") from None
                time.sleep(0.05)
        self.started = time.monotonic()

    def app_pids(self) -> list[int]:
        """The app processes the server runs (its children)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(stat.parent.name))
        return pids

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        out, _ = self.proc.communicate(timeout=30)
        self.output = out.decode("utf-8", "replace")
        return self.output

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.stop()


class Session:
    """One browser tab's conversation with the server, without the browser."""

    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.http, self.ws = http, ws
        self.text = ""
        self.frames: list[tuple[float, str]] = []
        self._new = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, served: Served, width: int = 120, height: int = 40) -> Session:
        """Load the page with the token (the cookies it sets serve the WebSocket), then connect."""
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # unsafe: cookies from an IP address
        async with http.get(served.url, params={"token": served.token}) as page:
            page.raise_for_status()
        ws = await http.ws_connect(f"{served.url}ws?width={width}&height={height}")
        return cls(http, ws)

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                chunk = screen_text(message.data)
                self.frames.append((time.perf_counter(), chunk))
                self.text += chunk
                self._new.set()

    async def send(self, keys: str) -> float:
        """Type ``keys``; the moment they were sent."""
        sent = time.perf_counter()
        await self.ws.send_json(["stdin", keys])
        return sent

    async def wait_for(self, pattern: re.Pattern[str] | str, after: float = 0.0, timeout: float = 20.0) -> float:
        """The time of the frame that completed ``pattern`` in the output received after ``after``."""
        find = pattern.search if isinstance(pattern, re.Pattern) else (lambda s: pattern in s)
        deadline = time.perf_counter() + timeout
        seen, text = 0, ""
        while True:
            for at, chunk in self.frames[seen:]:
                if at >= after:
                    text += chunk
                    if find(text):
                        return at
            seen = len(self.frames)
            self._new.clear()
            left = deadline - time.perf_counter()
            if left <= 0 or self._reader.done():
                raise TimeoutError(f"{pattern!r} not on screen; the screen's last text: {self.text[-400:]!r}")
            try:
                await asyncio.wait_for(self._new.wait(), left)
            except TimeoutError:
                pass

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()
        await self.http.close()

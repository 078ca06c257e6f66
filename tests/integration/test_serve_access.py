"""``imr-search serve`` as a browser meets it: the token, the cookies, the session cap, the command it runs.

A real server in a subprocess over a real index in a folder whose name holds
a space and both quotes; ``served.Session`` speaks textual-serve's WebSocket
as textual.js does, so these tests need no browser (tests/browser has one).
"""

from __future__ import annotations

import asyncio
import http.cookies
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner

from imr_search import open_index
from imr_search.cli import main

from .served import READY, RESULTS, Served, Session, served_index

TOKEN = "tok-Zq8w-serve-test-5b1e"
QUERY = "lumbar"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return served_index(tmp_path_factory.mktemp("serve"))


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, list[str]], str]:
    """Status, headers (every value of each) and body, whatever the status."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            status, headers, body = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, headers, body = e.code, e.headers, e.read()
    return status, {k.lower(): headers.get_all(k) for k in headers.keys()}, body.decode(errors="replace")


def cookies_of(headers: dict[str, list[str]]) -> dict[str, http.cookies.Morsel[str]]:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    for line in headers.get("set-cookie", []):
        jar.load(line)
    return dict(jar)


def ws_status(url: str, cookie: str | None = None) -> int:
    """The HTTP status the WebSocket handshake gets (101: the app starts)."""

    async def go() -> int:
        async with aiohttp.ClientSession() as http:
            try:
                ws = await http.ws_connect(url.replace("http", "ws", 1) + "ws", headers={"Cookie": cookie} if cookie else {})
            except aiohttp.WSServerHandshakeError as e:
                return e.status
            await ws.close()
            return 101

    return asyncio.run(go())


def test_the_token_opens_the_page_and_a_cookie_serves_everything_after(index: Path) -> None:
    with Served(index, TOKEN) as served:
        url = served.url
        for path in ("", "static/js/textual.js", "static/fonts/RobotoMono-VariableFont_wght.ttf", "download/abc", "?token=wrong", f"static/?token={TOKEN}"):
            status, headers, body = get(url + path)
            assert status == 403, path
            assert headers["referrer-policy"] == ["no-referrer"]
            assert body.count("<p>") == 1 and "needs its token" in body
        assert ws_status(url) == 403
        assert ws_status(url, "imr_search_pass=" + TOKEN) == 403  # the cookie is a pass, not the token

        status, headers, page = get(f"{url}?token={TOKEN}")
        assert status == 200 and headers["referrer-policy"] == ["no-referrer"]
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
        assert not re.search(r"(?:href|src|url)\(?=?\"?https?:", page), "the page loads nothing from another host"
        assert "fonts.googleapis" not in page and "/static/fonts/RobotoMono" in page
        cookies = cookies_of(headers)
        assert set(cookies) == {"imr_search_pass", "imr_search_user"}
        for morsel in cookies.values():
            assert morsel["httponly"] and morsel["samesite"] == "Strict" and morsel["path"] == "/"
        assert TOKEN not in cookies["imr_search_pass"].value
        pass_cookie = f"imr_search_pass={cookies['imr_search_pass'].value}"
        for path in ("", "static/js/textual.js", "static/css/xterm.css", "static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert get(url + path, pass_cookie)[0] == 200, path
        assert get(url + "download/nothing-delivered", pass_cookie)[0] == 404
        assert ws_status(url, pass_cookie) == 101


def test_each_session_runs_the_app_read_only_on_the_quoted_index_with_its_browsers_own_folder(index: Path, user_data: Path) -> None:
    top = open_index(index).search(QUERY, limit=1).letters[0].case_number

    async def scenario(served: Served) -> list[tuple[list[str], dict[str, str]]]:
        a, b = await Session.open(served), await Session.open(served)
        for session in (a, b):
            await session.wait_for(READY)
        sent = await a.send(QUERY)
        await a.wait_for(RESULTS, after=sent)
        await a.wait_for(top, after=sent)
        apps = []
        for pid in served.app_pids():
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
            environ = dict(v.split("=", 1) for v in Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0") if "=" in v)
            apps.append((argv, environ))
        for session in (a, b):
            await session.close()
        return apps

    with Served(index, TOKEN) as served:
        apps = asyncio.run(scenario(served))
        output = served.stop()
    assert len(apps) == 2, output
    folders = set()
    for argv, environ in apps:
        assert argv[1:] == ["-m", "imr_search.cli", "--index", str(index), "--served"]
        assert "IMR_SEARCH_TOKEN" not in environ and TOKEN not in "".join(environ.values())
        folder = Path(environ["IMR_SEARCH_DATA"])
        assert folder.parent == user_data / "browsers" and re.fullmatch(r"[A-Za-z0-9_-]{22}", folder.name)
        folders.add(folder)
    assert len(folders) == 2, "two browsers, two folders"


def test_past_the_cap_the_next_visitor_is_told_to_come_back(index: Path) -> None:
    async def scenario(served: Served) -> None:
        first = await Session.open(served)
        await first.wait_for(READY)
        status, _, body = await asyncio.to_thread(get, f"{served.url}?token={TOKEN}")
        assert status == 503 and "All 1 sessions of this imr-search server are in use" in body
        async with aiohttp.ClientSession(cookie_jar=first.http.cookie_jar) as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(served.url + "ws")
            assert refused.value.status == 503
        await first.close()
        for _ in range(100):  # the server counts the session out once its app has quit
            if (await asyncio.to_thread(get, f"{served.url}?token={TOKEN}"))[0] == 200:
                break
            await asyncio.sleep(0.05)
        again = await Session.open(served)
        await again.wait_for(READY)
        await again.close()

    with Served(index, TOKEN, "--max-sessions", "1") as served:
        asyncio.run(scenario(served))


def test_the_token_appears_in_nothing_the_server_prints(index: Path) -> None:
    async def scenario(served: Served) -> None:
        session = await Session.open(served)
        await session.wait_for(READY)
        await session.send("x")
        await session.close()

    with Served(index, TOKEN, host="127.0.0.2") as served:
        for url in (f"{served.url}?token={TOKEN}", f"{served.url}?token={TOKEN}x", f"{served.url}static/?token={TOKEN}", f"{served.url}nowhere?token={TOKEN}"):
            get(url)
        asyncio.run(scenario(served))
        output = served.stop()
    assert TOKEN not in output and TOKEN[:8] not in output
    assert f"serving {index} at http://127.0.0.2:{served.port}/" in output
    assert "warning: listening on 127.0.0.2: anyone who can reach" in output


def test_bad_starts_are_one_line(tmp_path: Path, index: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--index", str(index)], env={"IMR_SEARCH_TOKEN": ""})
    assert result.exit_code == 1 and result.output.startswith("error: serve needs a token: set $IMR_SEARCH_TOKEN")
    (tmp_path / "empty").write_text("\n")
    result = runner.invoke(main, ["serve", "--index", str(index), "--token-file", str(tmp_path / "empty")])
    assert (result.exit_code, result.output) == (1, f"error: the token in {tmp_path / 'empty'} is empty\n")
    result = runner.invoke(main, ["serve", "--index", str(index), "--token-file", str(tmp_path / "absent")])
    assert result.exit_code == 1 and result.output.startswith(f"error: cannot read the token file {tmp_path / 'absent'}: ")
    result = runner.invoke(main, ["serve", "--index", str(tmp_path / "none")], env={"IMR_SEARCH_TOKEN": TOKEN})
    assert (result.exit_code, result.output.count("\n")) == (1, 1) and result.output.startswith(f"error: no index at {tmp_path / 'none'}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "imr_search.cli", "serve", "--index", str(index), "--port", port],
            env={"IMR_SEARCH_TOKEN": TOKEN, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=30,
        )
    assert done.returncode == 1 and done.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n", done.stderr


def test_stopping_the_server_ends_the_open_sessions_apps_at_once(index: Path) -> None:
    async def scenario(served: Served) -> list[int]:
        session = await Session.open(served)
        await session.wait_for(READY)
        pids = served.app_pids()
        started = time.monotonic()
        await asyncio.to_thread(served.stop)
        assert time.monotonic() - started < 10, "aiohttp's shutdown waits for open WebSockets unless they are ended"
        await session.close()
        return pids

    with Served(index, TOKEN) as served:
        pids = asyncio.run(scenario(served))
    assert len(pids) == 1 and served.proc.returncode == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)

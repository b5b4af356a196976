"""The explorer served to a real browser: headless Chromium receives its first screen."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aiindex_tui.ui.web_server import rss_mib
from tests.support.chromium import CHROMIUM, PageControl, start_chromium
from tests.support.net import fork_servers, free_port, is_running, process_status, session_processes, wait_for_http

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (Debian: apt-get install chromium; .ci/run installs it)",
)
TITLE = b"US-China AI race in figures"  # the explorer's title bar, drawn in its first screen
TOKEN = "test-token-0123456789abcdef"  # the login token every server here asks for


async def screen_frames_in_browser(page_url: str, devtools_port: int, timeout: float = 60) -> list[bytes]:
    """Open ``page_url`` in the browser and return the websocket frames it receives,
    up to the first that carries the explorer's title."""
    import aiohttp

    targets = json.loads(wait_for_http(f"http://127.0.0.1:{devtools_port}/json/list"))
    page = next(t for t in targets if t["type"] == "page")
    frames: list[bytes] = []
    async with aiohttp.ClientSession() as session, session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as devtools:
        await devtools.send_json({"id": 1, "method": "Network.enable"})
        await devtools.send_json({"id": 2, "method": "Page.navigate", "params": {"url": page_url}})
        async with asyncio.timeout(timeout):
            async for message in devtools:
                event = json.loads(message.data)
                if event.get("method") != "Network.webSocketFrameReceived":
                    continue
                response = event["params"]["response"]
                payload = response["payloadData"]
                data = base64.b64decode(payload) if response.get("opcode") == 2 else payload.encode()
                frames.append(data)
                if TITLE in data:
                    return frames
    return frames


@needs_chromium
def test_the_served_explorer_sends_its_first_screen_to_chromium(tmp_path: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "COLUMNS": "100", "AIINDEX_TUI_TOKEN": TOKEN},
    )
    browser = None
    try:
        page = wait_for_http(f"http://127.0.0.1:{port}/?token={TOKEN}")
        assert "aiindex-tui" in page and "textual.js" in page
        browser, devtools_port = start_chromium(tmp_path / "profile")
        frames = asyncio.run(screen_frames_in_browser(f"http://127.0.0.1:{port}/?token={TOKEN}", devtools_port))
        assert frames, "the page opened no websocket to the server"
        assert any(TITLE in frame for frame in frames), "no frame carried the explorer's first screen"
    finally:
        if browser is not None:
            browser.terminate()
            browser.wait(timeout=20)
        server.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Traceback" not in err + out
    assert "warning" not in err  # loopback: nothing to warn about


def test_serving_on_a_public_address_says_so(tmp_path: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--host", "0.0.0.0", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env={**os.environ, "AIINDEX_TUI_TOKEN": TOKEN},
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/?token={TOKEN}")
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0 over plain HTTP" in err and "TLS" in err
    assert server.returncode == 0


def sessions_of(server_pid: int) -> list[int]:
    """Pids of the explorer processes the server started (its children)."""
    return session_processes(server_pid)


def wait_until_no_sessions(server_pid: int, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := sessions_of(server_pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def start_server(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--port", str(port), *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env={**os.environ, "AIINDEX_TUI_TOKEN": TOKEN},
    )
    wait_for_http(f"http://127.0.0.1:{port}/?token={TOKEN}")
    return server, port


def stop_server(server: subprocess.Popen) -> str:
    server.send_signal(signal.SIGINT)
    _, err = server.communicate(timeout=30)
    return err


@needs_chromium
def test_a_session_ends_soon_after_chromium_leaves(tmp_path: Path):
    """A screenshot run opens the page, waits, and closes it, often before the first frame."""
    server, port = start_server(tmp_path)
    try:
        for attempt in range(3):
            subprocess.run(
                [
                    CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    f"--user-data-dir={tmp_path / f'profile-{attempt}'}", f"--screenshot={tmp_path / 'shot.png'}",
                    "--window-size=1280,800", "--virtual-time-budget=15000", f"http://127.0.0.1:{port}/?token={TOKEN}",
                ],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
            )
            assert wait_until_no_sessions(server.pid) == [], f"a session outlived the browser (run {attempt + 1})"
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


OPEN_A_SESSION = """new Promise(resolve => {
    const socket = new WebSocket("ws://127.0.0.1:%d/ws?width=80&height=24");
    socket.onmessage = () => { resolve("read the screen"); socket.close(); };
    socket.onerror = () => resolve("refused");
})"""


@needs_chromium
def test_a_page_of_another_origin_cannot_open_a_session_with_the_users_cookie(tmp_path: Path):
    """The attack the Origin check is for, in a real browser: the user has opened the explorer
    (so the browser holds its cookie), then visits a page on another port of the same host (the
    same site, so the cookie goes with its requests). That page's websocket is refused and no
    session starts; the same script on the explorer's own page reads a screen."""
    import http.server
    import threading

    import aiohttp

    server, port = start_server(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(f"<script>window.outcome = {OPEN_A_SESSION % port};</script>")
    site = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(tmp_path / "site")),
    )
    threading.Thread(target=site.serve_forever, daemon=True).start()
    browser, devtools_port = start_chromium(tmp_path / "profile")

    async def visit() -> tuple[str, list[str], list[int], list[int], str]:
        async with aiohttp.ClientSession() as session:
            page = await PageControl.first_page(session, devtools_port)
            await page.open(f"http://127.0.0.1:{port}/?token={TOKEN}")
            own = await page.evaluate(OPEN_A_SESSION % port)
            cookies = [cookie["name"] for cookie in (await page.call("Network.getAllCookies"))["cookies"]]
            await page.open("about:blank")
            before = await asyncio.to_thread(wait_until_no_sessions, server.pid, 30)
            await page.open(f"http://127.0.0.1:{site.server_address[1]}/")
            foreign = await page.evaluate("window.outcome")
            return own, cookies, before, sessions_of(server.pid), foreign

    try:
        own, cookies, before, after, foreign = asyncio.run(visit())
        assert own == "read the screen"
        assert "aiindex_tui_token" in cookies  # the browser holds the login the foreign page tries to use
        assert foreign == "refused"
        assert set(after) <= set(before), "the foreign page started a session"
    finally:
        site.shutdown()
        browser.terminate()
        browser.wait(timeout=20)
        err = stop_server(server)
    assert "Traceback" not in err


async def _visit_and_leave(port: int, stay: float, resize: bool) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=142&height=37&token={TOKEN}") as socket_:
            if resize:  # a browser reports its real size at once, as Chromium does
                await socket_.send_json(["resize", {"width": 142, "height": 42}])
            try:
                async with asyncio.timeout(stay):
                    async for _ in socket_:
                        pass
            except TimeoutError:
                pass


def test_sessions_end_whenever_their_browser_drops(tmp_path: Path):
    """Websocket clients that leave at seeded random moments, from at once to after the first frames."""
    import random

    rng = random.Random(20261127)
    server, port = start_server(tmp_path)
    try:
        for _ in range(12):
            stay = rng.choice([0, 0.02, 0.05, 0.1, 0.2, 0.4]) * rng.random() + rng.choice([0, 0, 1])
            asyncio.run(_visit_and_leave(port, stay=stay, resize=rng.random() < 0.8))
        assert wait_until_no_sessions(server.pid) == []
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_stopping_the_server_ends_every_session(tmp_path: Path):
    async def three_open_sessions(port: int, server: subprocess.Popen) -> None:
        visits = [asyncio.create_task(_visit_and_leave(port, stay=60, resize=False)) for _ in range(3)]
        deadline = time.monotonic() + 30
        while len(sessions_of(server.pid)) < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        started.extend(sessions_of(server.pid))
        assert len(started) == 3
        server.send_signal(signal.SIGTERM)
        await asyncio.gather(*visits, return_exceptions=True)

    started: list[int] = []
    server, port = start_server(tmp_path)
    try:
        asyncio.run(three_open_sessions(port, server))
        _, err = server.communicate(timeout=30)
        # The server waits for its sessions before it exits: none is left by then (once the
        # server is gone they would belong to init, so they are looked up by pid).
        alive = [pid for pid in started if Path(f"/proc/{pid}").exists()]
        assert alive == [], "sessions outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0
    assert "Traceback" not in err, err


async def _handshake(port: int, query: str, headers: dict[str, str]) -> int:
    """The HTTP status of a websocket handshake: 101 where a session would start."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24{query}", headers=headers) as socket_:
                await socket_.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_no_token_no_session_and_a_foreign_origin_or_host_is_refused(tmp_path: Path):
    import urllib.error
    import urllib.request

    server, port = start_server(tmp_path)
    try:
        for url in (f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/?token=wrong-{TOKEN}"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url, timeout=10)
            assert refused.value.code == 403
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={TOKEN}", timeout=10) as page:
            cookie = page.headers["Set-Cookie"]
        assert cookie.startswith(f"aiindex_tui_token={TOKEN};") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        own = {"Origin": f"http://127.0.0.1:{port}"}
        cases = {
            "no token": ("", own),
            "a wrong token": ("&token=x" * 3, own),
            "a foreign origin": (f"&token={TOKEN}", {"Origin": "http://evil.example"}),
            "a foreign host": (f"&token={TOKEN}", own | {"Host": f"evil.example:{port}"}),
        }
        for case, (query, headers) in cases.items():
            assert asyncio.run(_handshake(port, query, headers)) == 403, case
        assert sessions_of(server.pid) == [], "a refused request started a session"
        # The cookie the page set stands in for the token; the page's own origin is welcome.
        assert asyncio.run(_handshake(port, "", own | {"Cookie": f"aiindex_tui_token={TOKEN}"})) == 101
        assert wait_until_no_sessions(server.pid) == []
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_no_token_only_on_a_loopback_address(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "aiindex_tui", "serve", "--host", "0.0.0.0", "--port", str(free_port()), "--no-token"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "aiindex-tui: --no-token is for a loopback --host only (127.0.0.1, ::1, localhost), not 0.0.0.0"
    ]


def test_a_huge_message_ends_its_session_and_a_huge_terminal_is_clamped(tmp_path: Path):
    import aiohttp

    async def huge_message(port: int) -> int | None:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24&token={TOKEN}") as socket_:
                await socket_.send_json(["stdin", "a" * 1_000_000])
                async with asyncio.timeout(30):
                    async for _ in socket_:
                        pass
                return socket_.close_code

    async def huge_terminal(port: int, server_pid: int) -> float:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=20000&height=10000&token={TOKEN}") as socket_:
                await socket_.send_json(["resize", {"width": 20000, "height": 10000}])
                frames = 0
                async with asyncio.timeout(60):
                    async for message in socket_:
                        frames += message.type == aiohttp.WSMsgType.BINARY
                        if frames >= 3:
                            break
                await asyncio.sleep(2)
                return max((rss_mib(pid) for pid in sessions_of(server_pid)), default=0.0)

    server, port = start_server(tmp_path)
    try:
        assert asyncio.run(huge_message(port)) == 1009
        assert wait_until_no_sessions(server.pid) == [], "the session outlived its refused message"
        assert asyncio.run(huge_terminal(port, server.pid)) < 400, "a 20000x10000 terminal was drawn"
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


async def _first_frame_then_until_closed(port: int, *, then=None, timeout: float = 60) -> tuple[int | None, bytes]:
    """Open a session, wait for its first screen, run ``then`` (given the server's session pids
    are known to the caller), and read until the server closes the socket: its close code and
    the last binary frame it sent."""
    import aiohttp

    last = b""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24&token={TOKEN}") as socket_:
            async with asyncio.timeout(timeout):
                async for message in socket_:
                    if message.type is aiohttp.WSMsgType.BINARY:
                        if then is not None and TITLE in message.data:
                            then()
                            then = None
                        last = message.data
            return socket_.close_code, last


def test_a_session_whose_process_dies_tells_its_tab(tmp_path: Path):
    """Killed with -9, a session's process leaves textual-serve waiting on a pipe that stays
    quiet: the server must close the tab's socket itself and say why."""
    server, port = start_server(tmp_path)
    try:
        code, last = asyncio.run(_first_frame_then_until_closed(
            port, then=lambda: [os.kill(pid, signal.SIGKILL) for pid in sessions_of(server.pid)], timeout=30,
        ))
        assert code == 1001 and b"This session has ended." in last and b"Reload the page" in last
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_an_idle_session_ends_and_its_tab_is_told(tmp_path: Path):
    server, port = start_server(tmp_path, "--idle-timeout", "0.05")  # three seconds
    try:
        started = time.monotonic()
        code, last = asyncio.run(_first_frame_then_until_closed(port, timeout=60))
        assert code == 1001 and b"without a key" in last
        assert time.monotonic() - started >= 3
        assert wait_until_no_sessions(server.pid) == []
    finally:
        err = stop_server(server)
    assert "ended: Ended after 0.05 minutes without a key." in err and "Traceback" not in err  # the server logs it too


def test_a_session_over_its_memory_limit_is_ended_and_its_tab_told(tmp_path: Path):
    server, port = start_server(tmp_path, "--session-memory", "20")  # less than any session needs
    try:
        code, last = asyncio.run(_first_frame_then_until_closed(port, timeout=60))
        assert code == 1001 and b"more than 20 MiB" in last
        assert wait_until_no_sessions(server.pid) == []
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_sessions_past_the_maximum_get_a_page_saying_so(tmp_path: Path):
    import urllib.error
    import urllib.request

    async def second_while_first_open(port: int) -> tuple[int, int, str]:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24&token={TOKEN}") as first:
                await first.receive(timeout=60)
                refused = await _handshake(port, f"&token={TOKEN}", {})
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={TOKEN}", timeout=10)
                    page_status, page_text = 200, ""
                except urllib.error.HTTPError as error:
                    page_status, page_text = error.code, error.read().decode()
                return refused, page_status, page_text

    server, port = start_server(tmp_path, "--max-sessions", "1")
    try:
        refused, page_status, page_text = asyncio.run(second_while_first_open(port))
        assert refused == 503 and page_status == 503 and "All 1 sessions of this server are in use" in page_text
        assert wait_until_no_sessions(server.pid) == []
        assert asyncio.run(_handshake(port, f"&token={TOKEN}", {})) == 101  # the first gone, a place is free
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_sessions_opened_together_start_one_at_a_time_and_all_start(tmp_path: Path):
    """With --max-starting 1, three tabs opened together: each session's process begins only
    once the one before has sent its first screen, and every tab gets its screen."""
    import aiohttp

    async def three_at_once(port: int, server_pid: int) -> tuple[list[float], list[float]]:
        appeared: dict[int, float] = {}

        async def watch() -> None:
            while True:
                for pid in sessions_of(server_pid):
                    appeared.setdefault(pid, time.monotonic())
                await asyncio.sleep(0.02)

        async def first_screen() -> float:
            async with aiohttp.ClientSession() as session:
                async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24&token={TOKEN}") as socket_:
                    async with asyncio.timeout(90):
                        async for message in socket_:
                            if message.type is aiohttp.WSMsgType.BINARY and TITLE in message.data:
                                seen = time.monotonic()
                                await asyncio.sleep(3)  # stay while the others start
                                return seen
            raise AssertionError("closed before its first screen")

        watcher = asyncio.create_task(watch())
        screens = await asyncio.gather(*(first_screen() for _ in range(3)))
        watcher.cancel()
        return sorted(screens), sorted(appeared.values())

    server, port = start_server(tmp_path, "--max-starting", "1")
    try:
        screens, began = asyncio.run(three_at_once(port, server.pid))
        assert len(screens) == 3 and len(began) == 3
        # Each later process began after (or, by the polling's grain, just before) an earlier first screen.
        assert began[1] > screens[0] - 0.3 and began[2] > screens[1] - 0.3, (began, screens)
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def _send_text_frame(client: socket.socket, message: list) -> None:
    payload, mask = json.dumps(message).encode(), os.urandom(4)
    client.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def _ask_for_new_screens(client: socket.socket, times: int) -> None:
    """Keys that each redraw most of the largest screen the server draws: the next section, and back."""
    for _ in range(times):
        _send_text_frame(client, ["stdin", "j"])
        _send_text_frame(client, ["stdin", "k"])


def _open_a_tab_that_never_reads(port: int) -> socket.socket:
    """A websocket client that never reads: the server's writes to it soon find no room."""
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.settimeout(10)
    client.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    client.sendall(
        f"GET /ws?width=500&height=200&token={TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    assert client.recv(12) == b"HTTP/1.1 101"
    _send_text_frame(client, ["resize", {"width": 500, "height": 200}])
    return client


def test_a_tab_that_never_reads_is_dropped_and_cannot_hold_up_a_shutdown(tmp_path: Path):
    """Its session waits for room to write; after 20 s without any, the server drops the
    connection and the session ends. Stopped meanwhile, the server still ends within 5 s
    (it once waited a minute for the write)."""
    server, port = start_server(tmp_path)
    try:
        client = _open_a_tab_that_never_reads(port)
        deadline = time.monotonic() + 120
        dropped = False
        while not dropped and time.monotonic() < deadline:
            try:
                _ask_for_new_screens(client, 4)
                time.sleep(0.2)
            except OSError:
                dropped = True
        assert dropped, "the server kept a tab that never read"
        assert wait_until_no_sessions(server.pid) == []
        client.close()
        client = _open_a_tab_that_never_reads(port)
        for _ in range(25):  # five seconds of new screens, well short of the 20 s
            _ask_for_new_screens(client, 4)
            time.sleep(0.2)
        stopped = time.monotonic()
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=60)
        assert time.monotonic() - stopped < 10, "the server's shutdown waited for the tab"
        client.close()
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert "ended: its tab took no data for 20 s." in err
    assert "Traceback" not in err and "Event loop is closed" not in err


async def _open_until(port: int, width: int, height: int, marker: bytes, while_open=None) -> bytes:
    """Open a session at ``width`` x ``height``, read until the screen's text so far (styles
    and cursor moves left out) holds ``marker``, call ``while_open`` (the session still
    running), and return that text."""
    import aiohttp

    received = b""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width={width}&height={height}&token={TOKEN}") as socket_:
            async with asyncio.timeout(60):
                async for message in socket_:
                    if message.type is aiohttp.WSMsgType.BINARY:
                        received += re.sub(rb"\x1b\[[0-9;?$]*[a-zA-Z]", b"", message.data)
                        if marker in received:
                            break
            if while_open is not None:
                await asyncio.to_thread(while_open)
    return received


def _parent(pid: int) -> int:
    status = process_status(pid)
    assert status is not None, f"process {pid} has gone"
    return status[1]


def _fork_server_of(server_pid: int) -> int:
    [forks] = fork_servers(server_pid)  # serve runs one fork server
    return forks


def test_sessions_are_forked_from_a_ready_process_each_at_its_own_size(tmp_path: Path):
    """Two tabs at once, one too small: each session is a child of the fork server (whose
    socket only this user can reach), and each draws at its own tab's size."""
    server, port = start_server(tmp_path)
    seen: dict[str, object] = {}

    def look() -> None:
        forks = _fork_server_of(server.pid)
        seen["parents"] = {_parent(pid) for pid in sessions_of(server.pid)}
        seen["forks"] = forks
        socket_path = Path(Path(f"/proc/{forks}/cmdline").read_bytes().split(b"\0")[3].decode())
        seen["mode"] = socket_path.parent.stat().st_mode & 0o777

    async def two_tabs() -> tuple[bytes, bytes]:
        small = asyncio.create_task(_open_until(port, 50, 12, b"Enlarge the window"))
        large = await _open_until(port, 100, 30, TITLE, while_open=look)
        return await small, large

    try:
        small, large = asyncio.run(two_tabs())
        assert "50×12".encode() in small or b"50x12" in small  # "Terminal too small: ... have 50×12"
        assert TITLE in large
        assert seen["parents"] == {seen["forks"]} and seen["mode"] == 0o700
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_sessions_start_as_their_own_processes_without_the_fork_server_or_once_it_has_gone(tmp_path: Path):
    server, port = start_server(tmp_path, "--no-fork-server")
    try:
        assert fork_servers(server.pid) == []
        parents: list[set[int]] = []
        asyncio.run(_open_until(port, 100, 30, TITLE, while_open=lambda: parents.append({_parent(p) for p in sessions_of(server.pid)})))
        assert parents == [{server.pid}]
    finally:
        err = stop_server(server)
    assert "Traceback" not in err

    server, port = start_server(tmp_path)
    try:
        os.kill(_fork_server_of(server.pid), signal.SIGKILL)
        parents.clear()
        asyncio.run(_open_until(port, 100, 30, TITLE, while_open=lambda: parents.append({_parent(p) for p in sessions_of(server.pid)})))
        assert parents == [{server.pid}]
    finally:
        err = stop_server(server)
    assert "Traceback" not in err


def test_a_server_killed_outright_leaves_neither_its_fork_server_nor_a_session(tmp_path: Path):
    server, port = start_server(tmp_path)
    left: list[int] = []

    def kill_the_server() -> None:
        processes = [_fork_server_of(server.pid), *sessions_of(server.pid)]
        assert len(processes) == 2
        server.kill()
        server.wait(timeout=30)
        deadline = time.monotonic() + 20
        while (alive := [pid for pid in processes if is_running(pid)]) and time.monotonic() < deadline:
            time.sleep(0.1)
        left.extend(alive)

    try:
        with contextlib.suppress(Exception):  # the socket goes with the server
            asyncio.run(_open_until(port, 100, 30, TITLE, while_open=kill_the_server))
        assert left == [], "the fork server or a session outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(timeout=30)


def test_a_pack_rebuilt_while_serving_reaches_the_next_tab_and_a_broken_one_is_reported_there(tmp_path: Path):
    """The fork server prepares the app once, but a pack written since is read again for the
    next session. A pack now broken: the server's log names the problem and the tab is told
    its session has ended, as when every session read the pack itself."""
    from tests.support.packs import copy_bundled, edit_file

    pack = copy_bundled(tmp_path / "pack")
    server, port = start_server(tmp_path, "--data", str(pack))
    try:
        first = asyncio.run(_open_until(port, 100, 30, TITLE))
        assert b"Overview" in first
        edit_file(pack, "sections.csv", lambda text: text.replace("overview,Overview,", "overview,Overview rebuilt,", 1))
        assert b"Overview rebuilt" in asyncio.run(_open_until(port, 100, 30, b"Overview rebuilt"))
        edit_file(pack, "sections.csv", lambda text: text.replace("overview,", "overview,,", 1))
        _, last = asyncio.run(_first_frame_then_until_closed(port, timeout=60))
        assert b"This session has ended." in last
        assert wait_until_no_sessions(server.pid) == []
    finally:
        err = stop_server(server)
    assert "sections.csv" in err and "Traceback" not in err  # the broken pack's problem, named


def test_a_trusted_user_header_only_on_a_unix_socket_and_a_socket_only_with_its_public_address(tmp_path: Path):
    (tmp_path / "taken").write_text("not a socket")
    cases = {
        ("--trust-user-header", "X-Forwarded-User"):
            "aiindex-tui: --trust-user-header needs --unix-socket: on a port, any user of this machine could send the header",
        ("--unix-socket", str(tmp_path / "s.sock")):
            "aiindex-tui: --unix-socket needs --public-url: the address browsers use, which the proxy passes on",
        ("--unix-socket", str(tmp_path / "s.sock"), "--public-url", "https://a.example", "--trust-user-header", "X User"):
            "aiindex-tui: --trust-user-header: X User is not a header name (letters, digits, -)",
        ("--unix-socket", str(tmp_path / "taken"), "--public-url", "https://a.example"):
            f"aiindex-tui: --unix-socket: {tmp_path / 'taken'} exists and is not a socket",
        ("--unix-socket", str(tmp_path / ("s" * 120)), "--public-url", "https://a.example"):
            f"aiindex-tui: --unix-socket: {tmp_path / ('s' * 120)} is longer than the 107 bytes a socket's path may have",
    }
    for options, line in cases.items():
        result = subprocess.run(
            [sys.executable, "-m", "aiindex_tui", "serve", *options], capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )
        assert (result.returncode, result.stderr.strip().splitlines()) == (2, [line]), options
    assert (tmp_path / "taken").read_text() == "not a socket"


def test_a_browser_sessions_export_arrives_in_the_browser_and_nothing_is_written_on_the_server(tmp_path: Path):
    """End to end through the server and a forked session: ctrl+s in the tab hands the page a
    download (textual-serve's deliver_file_start, then the file at /download/KEY, which asks
    for the token like every other page), and the server's folder stays empty."""
    import aiohttp

    async def save_screen(port: int) -> tuple[int, str, str, int]:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30&token={TOKEN}") as socket_:
                key = None
                async with asyncio.timeout(60):
                    async for message in socket_:
                        if message.type is aiohttp.WSMsgType.BINARY and TITLE in message.data:
                            await socket_.send_json(["stdin", "\x13"])  # ctrl+s
                        elif message.type is aiohttp.WSMsgType.TEXT and "deliver_file_start" in message.data:
                            key = json.loads(message.data)[1]
                            break
                assert key is not None
                async with session.get(f"http://127.0.0.1:{port}/download/{key}") as refused:
                    without_token = refused.status
                async with session.get(f"http://127.0.0.1:{port}/download/{key}?token={TOKEN}") as download:
                    return download.status, download.headers.get("Content-Disposition", ""), await download.text(), without_token

    (tmp_path / "served").mkdir()
    server, port = start_server(tmp_path / "served")
    try:
        status, disposition, body, without_token = asyncio.run(save_screen(port))
    finally:
        err = stop_server(server)
    assert without_token == 403
    assert status == 200 and body.startswith("<svg") and "hai.stanford.edu/ai-index" in body  # its citation inside
    assert disposition.startswith("attachment") and ".svg" in disposition
    assert list((tmp_path / "served").iterdir()) == [], "the export was written on the server"
    assert "Traceback" not in err

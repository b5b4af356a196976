"""The explorer served to a real browser: headless Chromium receives its first screen."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (Debian: apt-get install chromium; .ci/run installs it)",
)
TITLE = b"US-China AI race in figures"  # the explorer's title bar, drawn in its first screen


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


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
    port, devtools_port = free_port(), free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "COLUMNS": "100"},
    )
    browser = None
    try:
        page = wait_for_http(f"http://127.0.0.1:{port}/")
        assert "aiindex-tui" in page and "textual.js" in page
        browser = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--no-first-run",
                "--no-default-browser-check", f"--user-data-dir={tmp_path / 'profile'}",
                f"--remote-debugging-port={devtools_port}", "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        frames = asyncio.run(screen_frames_in_browser(f"http://127.0.0.1:{port}/", devtools_port))
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
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/")
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0" in err and "no login" in err
    assert server.returncode == 0

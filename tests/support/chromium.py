"""Headless Chromium driven over its DevTools protocol, for the tests that need a real browser's
rules (cookies, Origin headers) rather than a client that sends whatever it is told."""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.support.net import free_port, wait_for_http

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def start_chromium(profile: Path) -> tuple[subprocess.Popen, int]:
    """A headless Chromium showing about:blank, and its DevTools port. Its back-forward cache is
    off: a page left for another keeps its websocket open there (ready for "back"), so its
    session would outlive the visit until the idle timeout, which tests that count sessions
    would mistake for a leak."""
    assert CHROMIUM is not None
    devtools_port = free_port()
    browser = subprocess.Popen(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-extensions", "--no-first-run",
            "--no-default-browser-check", "--disable-features=BackForwardCache", f"--user-data-dir={profile}",
            f"--remote-debugging-port={devtools_port}", "about:blank",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wait_for_http(f"http://127.0.0.1:{devtools_port}/json/version", timeout=60)
    return browser, devtools_port


class PageControl:
    """One tab of the browser: navigate it and evaluate script in it, each with a deadline."""

    def __init__(self, devtools) -> None:
        self._devtools = devtools
        self._ids = itertools.count(1)

    @classmethod
    async def first_page(cls, session, devtools_port: int) -> PageControl:
        targets = json.loads(wait_for_http(f"http://127.0.0.1:{devtools_port}/json/list"))
        page = next(target for target in targets if target["type"] == "page")
        devtools = await session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        control = cls(devtools)
        await control.call("Page.enable")
        return control

    async def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> dict[str, Any]:
        """Send one command and return its result (events meanwhile are passed over)."""
        number = next(self._ids)
        await self._devtools.send_json({"id": number, "method": method, "params": params or {}})
        async with asyncio.timeout(timeout):
            async for message in self._devtools:
                reply = json.loads(message.data)
                if reply.get("id") == number:
                    if "error" in reply:
                        raise AssertionError(f"{method}: {reply['error']}")
                    return reply["result"]
        raise AssertionError(f"{method}: the browser closed its DevTools socket")

    async def open(self, url: str, timeout: float = 60) -> None:
        """Navigate and wait for the page's load event."""
        await self.call("Page.navigate", {"url": url})
        async with asyncio.timeout(timeout):
            async for message in self._devtools:
                if json.loads(message.data).get("method") == "Page.loadEventFired":
                    return

    async def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The value of ``expression`` in the page, a promise awaited."""
        result = await self.call(
            "Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True}, timeout,
        )
        return result["result"].get("value")

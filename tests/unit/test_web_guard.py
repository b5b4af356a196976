"""What a browser may send a served session: sizes clamped, oversized messages refused."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import WSCloseCode, WSMessage, WSMsgType

from aiindex_tui.ui.web_server import MAX_COLUMNS, MAX_MESSAGE_CHARS, MAX_ROWS, CheckedSocket, checked_message, clamped


def text(envelope) -> WSMessage:
    return WSMessage(WSMsgType.TEXT, json.dumps(envelope), None)


@pytest.mark.parametrize(("width", "height", "expected"), [
    (142, 37, (142, 37)), (20000, 10000, (MAX_COLUMNS, MAX_ROWS)), (0, -5, (1, 1)),
    ("wide", None, (80, 24)), (1e308, float("inf"), (MAX_COLUMNS, 24)),
])
def test_a_terminal_size_is_clamped(width, height, expected):
    assert clamped(width, height) == expected


def test_a_resize_is_clamped_and_keys_pass_as_they_came():
    resized = checked_message(text(["resize", {"width": 20000, "height": 10000}]))
    assert json.loads(resized.data) == ["resize", {"width": MAX_COLUMNS, "height": MAX_ROWS}]
    keys = text(["stdin", "anthropic"])
    assert checked_message(keys) is keys
    assert checked_message(text(["stdin", "x" * MAX_MESSAGE_CHARS])) is None


class FakeSocket:
    def __init__(self, messages):
        self.messages = messages
        self.closed_with = None

    def __aiter__(self):
        async def gen():
            for message in self.messages:
                yield message
        return gen()

    async def close(self, *, code, message):
        self.closed_with = code

    async def send_json(self, data):
        self.sent = data


def test_a_message_too_large_closes_the_socket_and_nothing_after_it_is_read():
    fake = FakeSocket([text(["stdin", "a"]), text(["stdin", "x" * (2 * MAX_MESSAGE_CHARS)]), text(["stdin", "b"])])
    checked = CheckedSocket(fake, None)

    async def read():
        return [json.loads(m.data)[1] async for m in checked]

    assert asyncio.run(read()) == ["a"]
    assert fake.closed_with == WSCloseCode.MESSAGE_TOO_BIG
    asyncio.run(checked.send_json(["pong", 1]))  # the rest of the websocket is its own
    assert fake.sent == ["pong", 1]


class FakeConnection:
    def __init__(self):
        self.aborted = False

    def is_closing(self):
        return self.aborted

    def abort(self):
        self.aborted = True


class StalledSocket(FakeSocket):
    """A websocket whose peer takes nothing: a send waits for ever, until the connection is gone."""

    def __init__(self, connection):
        super().__init__([])
        self.connection = connection
        self.started = 0

    async def send_bytes(self, data):
        self.started += 1
        while not self.connection.aborted:
            await asyncio.sleep(0.01)
        raise ConnectionResetError("Cannot write to closing transport")


def test_a_tab_that_takes_nothing_is_dropped_after_the_deadline_and_later_writes_are_let_go(monkeypatch):
    import aiindex_tui.ui.web_server as web_server

    monkeypatch.setattr(web_server, "SEND_SECONDS", 0.2)
    connection = FakeConnection()
    stalled = StalledSocket(connection)
    checked = CheckedSocket(stalled, connection)

    async def write_twice():
        async with asyncio.timeout(10):
            await checked.send_bytes(b"screen")
            await checked.send_bytes(b"next screen")

    asyncio.run(write_twice())  # returns: nothing raised into textual-serve's reading of the session
    assert connection.aborted and checked.stalled and checked.dropped
    assert stalled.started == 1  # the second write was not tried


def test_a_connection_lost_during_a_send_ends_the_sends_quietly():
    connection = FakeConnection()
    stalled = StalledSocket(connection)
    checked = CheckedSocket(stalled, connection)

    async def lose_it_while_sending():
        async with asyncio.timeout(10):
            sending = asyncio.ensure_future(checked.send_bytes(b"screen"))
            await asyncio.sleep(0.05)
            connection.abort()  # the peer went
            await sending

    asyncio.run(lose_it_while_sending())
    assert checked.dropped and not checked.stalled


def test_the_default_number_of_sessions_follows_the_cores_and_the_memory(monkeypatch):
    import aiindex_tui.ui.web_server as web_server

    monkeypatch.setattr(web_server.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(web_server, "available_mib", lambda: 64_000)
    assert web_server.default_max_sessions() == 16  # eight a core
    monkeypatch.setattr(web_server, "available_mib", lambda: 900)
    assert web_server.default_max_sessions() == 6  # 150 MiB each
    monkeypatch.setattr(web_server, "available_mib", lambda: 50)
    assert web_server.default_max_sessions() == 1  # never none


@pytest.mark.parametrize(("option", "value"), [
    ("--max-sessions", "0"), ("--max-sessions", "many"), ("--max-starting", "-1"),
    ("--idle-timeout", "-5"), ("--idle-timeout", "nan"), ("--session-memory", "lots"),
])
def test_a_limit_that_cannot_be_is_one_line_and_exit_2(option, value):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "aiindex_tui", "serve", option, value], capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2 and option in result.stderr and "Traceback" not in result.stderr

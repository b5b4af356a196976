"""The front door of `aiindex-tui serve`: textual-serve's server behind a login token and a same-origin check.

Every request but the page's static files must carry the token, as a ``token``
query parameter (the address `serve` prints) or the cookie the page sets from
it; the websocket is refused, before a session starts, when the request's
Origin or Host is not the served address (or ``--public-url``): a page of
another site cannot open a session with the user's cookie, and a name that
merely resolves here (DNS rebinding) is not accepted either. Messages from the
browser are checked before a session sees them: one larger than
MAX_MESSAGE_CHARS closes the socket, and a terminal size is clamped. A tab that
takes none of what is sent to it for SEND_SECONDS has its connection dropped.

Sessions are limited (``SessionLimits``): past the maximum, the page and the
websocket answer 503; only a few start at once, the rest waiting their turn; and
a supervisor ends a session that has been idle too long or holds too much
memory, and closes the tab of a session whose process has ended, in each case
writing the reason across the tab's screen first.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import signal
import sys
import time
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from collections.abc import AsyncIterator, Coroutine
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMessage, WSMsgType, web
from textual_serve.server import Server

from aiindex_tui.ui.workarounds import session_process

COOKIE = "aiindex_tui_token"
OPEN_PATHS = ("/static/",)  # the page's scripts and styles hold nothing of the explorer's
MAX_MESSAGE_CHARS = 64 * 1024  # a long paste fits; a megabyte of keystrokes, which once took 2.4 GB, does not
MAX_COLUMNS, MAX_ROWS = 500, 200  # larger than any screen; 20000x10000 once took 1.6 GB
SHUTDOWN_SECONDS = 4.0  # a session asked to quit ends within 3 s (ui/web_session.py); then it is killed
LAST_READ_SECONDS = 0.8  # then what is left of its output is read: the server is gone within 5 s
STARTUP_SECONDS = 10.0  # a start-up that has drawn nothing by then lets the next one begin all the same
SUPERVISE_SECONDS = 1.0  # how often a session's process, idle time and memory are looked at
SESSION_MIB = 150  # what a default limit allows a session: about three times a full session's peak
SEND_SECONDS = 20.0  # a tab that takes none of a frame for this long is not reading: its connection is dropped


def default_max_sessions() -> int:
    """As many sessions as the machine holds: eight a core (a session starts in about 0.6 s of
    CPU, then mostly waits for keys), and no more than the memory now available allows."""
    cores = os.cpu_count() or 1
    available = available_mib()
    by_memory = available // SESSION_MIB if available else 8 * cores
    return max(1, min(8 * cores, by_memory))


def proc_kib(path: str, field: str) -> int:
    """A kB figure of a /proc status-style file (``field: N kB``); 0 where it cannot be read
    (a process gone, or not Linux)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def available_mib() -> int:
    """Memory available for new processes, in MiB (Linux's MemAvailable); 0 where unknown."""
    return proc_kib("/proc/meminfo", "MemAvailable") // 1024


def rss_mib(pid: int) -> float:
    """A process's resident memory in MiB; 0 where it cannot be read."""
    return proc_kib(f"/proc/{pid}/status", "VmRSS") / 1024


@dataclass(frozen=True)
class SessionLimits:
    """What one server allows its sessions. Zero turns the idle and memory limits off."""

    max_sessions: int = 16
    starting_at_once: int = 2  # the rest wait their turn, their page showing that it is starting
    idle_seconds: float = 30 * 60.0
    memory_mib: float = 500.0


STARTING: ContextVar[StartSlot | None] = ContextVar("starting", default=None)
CONNECTION: ContextVar[asyncio.BaseTransport | None] = ContextVar("connection", default=None)
SIGNED_ON: ContextVar[str] = ContextVar("signed_on", default="")  # the user the proxy named, if trusted to


class StartSlot:
    """One of the few start-ups allowed at once, held from the handshake until the session
    is running (or has failed to start)."""

    def __init__(self, slots: asyncio.Semaphore) -> None:
        self._slots = slots
        self._held = False

    async def __aenter__(self) -> StartSlot:
        await self._slots.acquire()
        self._held = True
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.release()

    def release(self) -> None:
        if self._held:
            self._held = False
            self._slots.release()

    def release_on_first_frame(self, app_service) -> None:
        """Release the slot when the session sends its tab its first output."""
        write = app_service.remote_write_bytes

        async def first_write(data: bytes) -> None:
            self.release()
            app_service.remote_write_bytes = write
            await write(data)

        app_service.remote_write_bytes = first_write


def ended_line(reason: str) -> bytes:
    """Terminal bytes that write why the session ended across the top of the tab's screen,
    under the page's own "Session ended." notice."""
    return f"\x1b[H\x1b[2K\x1b[1;7m {reason} Reload the page for a new session. \x1b[0m".encode()


def clamped(width: Any, height: Any) -> tuple[int, int]:
    """A terminal size the server will ask a session to draw: whole cells, at least 1x1, at most the caps."""
    def cells(value: Any, most: int, default: int) -> int:
        try:
            return max(1, min(most, int(value)))
        except (TypeError, ValueError, OverflowError):
            return default
    return cells(width, MAX_COLUMNS, 80), cells(height, MAX_ROWS, 24)


def checked_message(message: WSMessage) -> WSMessage | None:
    """The browser's message as the session may see it: None for one too large to take,
    a resize with its size clamped, anything else as it came."""
    if message.type is not WSMsgType.TEXT:
        return message
    if len(message.data) > MAX_MESSAGE_CHARS:
        return None
    try:
        envelope = json.loads(message.data)
    except ValueError:
        return message  # textual-serve logs and skips what it cannot read
    if isinstance(envelope, list) and len(envelope) == 2 and envelope[0] == "resize" and isinstance(envelope[1], dict):
        width, height = clamped(envelope[1].get("width"), envelope[1].get("height"))
        return message._replace(data=json.dumps(["resize", {"width": width, "height": height}]))
    return message


class CheckedSocket:
    """A session's websocket whose incoming messages pass ``checked_message`` first; a message
    too large closes it (1009). What the server sends it must be taken within SEND_SECONDS,
    or the connection is dropped: a tab that never reads would otherwise hold its session (and
    the server's shutdown) for ever, waiting for room to write. Everything else is the
    websocket's own."""

    def __init__(self, websocket: web.WebSocketResponse, connection: asyncio.BaseTransport | None) -> None:
        self._websocket = websocket
        self._connection = connection
        self.last_active = time.monotonic()  # the last key, click or resize; the page's pings do not count
        self.stalled = False  # dropped for not reading
        self.dropped = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._websocket, name)

    def __aiter__(self) -> AsyncIterator[WSMessage]:
        return self._messages()

    async def _messages(self) -> AsyncIterator[WSMessage]:
        async for message in self._websocket:
            checked = checked_message(message)
            if checked is None:
                await self.close(code=WSCloseCode.MESSAGE_TOO_BIG, message=b"message too large")
                return
            if checked.type is WSMsgType.TEXT and checked.data.startswith(('["stdin"', '["resize"')):
                self.last_active = time.monotonic()
            yield checked

    async def _within_deadline(self, sending: Coroutine[Any, Any, Any]) -> Any:
        """Send, or drop the connection if the tab takes none of it for SEND_SECONDS. Once the
        connection is gone (dropped, or lost), what the session still writes is let go rather
        than raised: textual-serve would stop reading the session's output at the first error,
        and pipes left unread outlive the event loop (an error at exit)."""
        if self.dropped:
            sending.close()
            return None
        try:
            return await asyncio.wait_for(sending, SEND_SECONDS)
        except TimeoutError:
            self.stalled = True
            self.drop()
        except ConnectionError:
            self.dropped = True
        return None

    def drop(self) -> None:
        """End the connection at once, without the closing handshake a stalled tab cannot take."""
        self.dropped = True
        if self._connection is not None and not self._connection.is_closing():
            self._connection.abort()

    async def send_bytes(self, data: bytes, *args: Any, **kwargs: Any) -> None:
        await self._within_deadline(self._websocket.send_bytes(data, *args, **kwargs))

    async def send_str(self, data: str, *args: Any, **kwargs: Any) -> None:
        await self._within_deadline(self._websocket.send_str(data, *args, **kwargs))

    async def send_json(self, data: Any, *args: Any, **kwargs: Any) -> None:
        await self._within_deadline(self._websocket.send_json(data, *args, **kwargs))

    async def close(self, *args: Any, **kwargs: Any) -> bool:
        return bool(await self._within_deadline(self._websocket.close(*args, **kwargs)))


def origin_of(url: str) -> str:
    """scheme://host[:port] of ``url``, as a browser sends it in an Origin header."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class GuardedServer(Server):
    """textual-serve's server, refusing what it did not authorise."""

    def __init__(
        self, command: str, *, token: str | None, origins: frozenset[str], any_host: bool = False,
        limits: SessionLimits = SessionLimits(), unix_socket: Path | None = None, user_header: str | None = None,
        **options,
    ) -> None:
        super().__init__(command, **options)
        # On a unix socket only those the socket's mode lets in (the proxy) can connect, so the
        # proxy's word on who the user is can stand in for the token; on a port it cannot.
        assert user_header is None or unix_socket is not None
        self.unix_socket = unix_socket
        self.user_header = user_header
        self.limits = limits
        self._admitted = 0  # websockets let in and not yet ended, started or still starting
        self._start_slots = asyncio.Semaphore(max(1, limits.starting_at_once))
        self.token = token  # None: no token asked for (loopback only; the CLI enforces it)
        self.origins = frozenset(origin.lower() for origin in origins)
        # Listening on every address with no public URL given, the names it is reached by are not
        # known; the token and the same-origin test still hold.
        self.hosts = None if any_host else frozenset(urlsplit(origin).netloc for origin in self.origins)
        self._sessions: set[Any] = set()  # the AppService of each session whose process has not ended
        self._tabs: dict[Any, CheckedSocket] = {}  # each session's websocket, while it is open
        self._ending: set[asyncio.Future] = set()  # waits for the processes of tabs that have gone

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C or SIGTERM: every session is asked to quit and its process waited for (killed
        after SHUTDOWN_SECONDS), so none outlives the server, and no process is left attached
        to an event loop that is about to close (its pipes then raised at exit)."""
        sessions = list(self._sessions)
        processes = [process for process in map(session_process, sessions) if process is not None]
        stopping = [asyncio.ensure_future(session.stop()) for session in sessions]
        waiting = [asyncio.ensure_future(process.wait()) for process in processes]
        if stopping or waiting:
            await asyncio.wait([*stopping, *waiting], timeout=SHUTDOWN_SECONDS)
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
        for tab in list(self._tabs.values()):
            tab.drop()  # a tab still open now is not reading: its handler waits for room to write
        # Every process has ended: textual-serve reads what each left in its pipes, which takes
        # moments, so that no pipe outlives the event loop.
        await asyncio.sleep(0)
        if unfinished := [task for task in [*stopping, *self._ending] if not task.done()]:
            await asyncio.wait(unfinished, timeout=LAST_READ_SECONDS)
        for task in [*stopping, *waiting, *list(self._ending)]:
            # A session that failed to stop (its pipe already closed, say) is gone all the same;
            # its error is collected here rather than printed as never retrieved at exit.
            if not task.done():
                task.cancel()
            elif not task.cancelled():
                task.exception()

    def serve(self, debug: bool = False) -> None:
        """Listen on the port textual-serve would, or on ``unix_socket``, made reachable by the
        socket's group as well as its user (mode 0660: the proxy's group, by the directory's
        set-group-id bit or the service's group) and by nobody else."""
        if self.unix_socket is None:
            super().serve(debug)
            return
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, self.request_exit)
        previous = os.umask(0o117)
        try:
            web.run_app(self._make_app(), path=str(self.unix_socket), handle_signals=False, loop=loop, print=None)
        finally:
            os.umask(previous)
            self.unix_socket.unlink(missing_ok=True)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service) -> None:
        self._sessions.add(app_service)
        checked = CheckedSocket(websocket, CONNECTION.get())
        # Everything the session sends its tab goes through the deadline too.
        app_service.remote_write_bytes, app_service.remote_write_str = checked.send_bytes, checked.send_str
        app_service.remote_close = checked.close
        self._tabs[app_service] = checked
        if user := SIGNED_ON.get():
            pid = getattr(session_process(app_service), "pid", "?")
            print(f"aiindex-tui: session {pid} started for {user}", file=sys.stderr, flush=True)
        slot = STARTING.get()
        if slot is not None:
            # The process is running but not yet drawn, which is most of a start's cost: the next
            # session may start once this one sends its first screen, or after STARTUP_SECONDS.
            slot.release_on_first_frame(app_service)
            asyncio.get_running_loop().call_later(STARTUP_SECONDS, slot.release)
        supervisor = asyncio.ensure_future(self._supervise(checked, app_service))
        try:
            await super()._process_messages(checked, app_service)  # type: ignore[arg-type]
        finally:
            supervisor.cancel()
            del self._tabs[app_service]
            process = session_process(app_service)
            if checked.stalled:
                print(
                    f"aiindex-tui: session {getattr(process, 'pid', '?')} ended: its tab took no data for {SEND_SECONDS:g} s.",
                    file=sys.stderr, flush=True,
                )
            # The tab has gone, but its process is still ending (textual-serve stops it next): it
            # stays a session until it has, so a shutdown meanwhile waits for it too. Forgotten
            # at once, its process outlived the event loop and raised at exit (seen under load).
            if process is None or process.returncode is not None:
                self._sessions.discard(app_service)
            else:
                ending = asyncio.ensure_future(self._forget_once_ended(app_service, process))
                self._ending.add(ending)
                ending.add_done_callback(self._ending.discard)

    async def _supervise(self, websocket: CheckedSocket, app_service) -> None:
        """End the tab's session when its process has ended (killed, or crashed: textual-serve
        then leaves the tab as it was), when no key has come for the idle time, or when the
        process holds more memory than allowed; the tab is told why."""
        process = session_process(app_service)
        limits = self.limits
        reason = ""
        while not reason:
            await asyncio.sleep(SUPERVISE_SECONDS)
            if process is None or process.returncode is not None:
                reason = "This session has ended."
            elif limits.idle_seconds and time.monotonic() - websocket.last_active > limits.idle_seconds:
                reason = f"Ended after {limits.idle_seconds / 60:g} minutes without a key."
            elif limits.memory_mib and rss_mib(process.pid) > limits.memory_mib:
                process.kill()
                reason = f"Ended: it needed more than {limits.memory_mib:g} MiB of memory."
        print(f"aiindex-tui: session {process.pid if process else '?'} ended: {reason}", file=sys.stderr, flush=True)
        if not websocket.closed:
            try:
                await websocket.send_bytes(ended_line(reason))
            except (ConnectionError, RuntimeError):
                pass  # the tab went at the same moment
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=reason.encode()[:120])

    async def _forget_once_ended(self, app_service, process) -> None:
        """Once its tab has gone, a session's process is asked to quit; one that has not within
        SHUTDOWN_SECONDS (stuck writing a screen nobody reads, say) is killed."""
        try:
            try:
                await asyncio.wait_for(process.wait(), SHUTDOWN_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()
        finally:
            self._sessions.discard(app_service)

    async def _admit(self, request: web.Request, handler) -> web.StreamResponse:
        """A session, counted from its handshake to its end; it starts when a start slot is free."""
        self._admitted += 1
        try:
            async with StartSlot(self._start_slots) as slot:
                resets = STARTING.set(slot), CONNECTION.set(request.transport)
                try:
                    return await handler(request)
                finally:
                    STARTING.reset(resets[0])
                    CONNECTION.reset(resets[1])
        finally:
            self._admitted -= 1

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        if request.path.startswith(OPEN_PATHS):
            return await handler(request)
        host = request.host.lower()
        if self.hosts is not None and host not in self.hosts:
            raise web.HTTPForbidden(text=f"This server answers to {', '.join(sorted(self.hosts))} only.\n")
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in self.origins | {f"{request.scheme}://{host}"}:
            raise web.HTTPForbidden(text="This server takes connections from its own page only.\n")
        if self.user_header is not None:
            user = request.headers.get(self.user_header, "").strip()
            if not user:
                raise web.HTTPForbidden(text="Sign on first: this server takes its users from the proxy in front of it.\n")
            SIGNED_ON.set("".join(c if c.isprintable() else "?" for c in user)[:80])
        given = request.query.get("token")
        if self.token is not None:
            presented = given or request.cookies.get(COOKIE, "")
            if not hmac.compare_digest(presented.encode(), self.token.encode()):
                raise web.HTTPForbidden(
                    text="A token is needed: open the address that `aiindex-tui serve` printed, ?token=... included.\n",
                )
        if self._admitted >= self.limits.max_sessions and request.path in ("/", "/ws"):
            raise web.HTTPServiceUnavailable(
                text=f"All {self.limits.max_sessions} sessions of this server are in use. Try again in a few minutes.\n",
                headers={"Retry-After": "120"},
            )
        if request.path == "/ws":
            if "width" in request.query or "height" in request.query:
                width, height = clamped(request.query.get("width", 80), request.query.get("height", 24))
                request = request.clone(rel_url=request.rel_url.update_query(width=width, height=height))
            return await self._admit(request, handler)
        response = await handler(request)
        if given is not None and self.token is not None and not response.prepared:
            # The page keeps the token, so its websocket (same origin) and a reload need no query.
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response

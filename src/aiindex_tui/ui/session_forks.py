"""Browser sessions started by forking a process that has the explorer ready.

Started as its own Python process, a session spends about 0.6 s of CPU importing
Textual and the explorer and reading the pack before it draws anything, so twenty
tabs opened together wait seconds on two cores. `serve` instead starts
one fork server: it does that work once, then waits on a unix socket in a
directory only its user can enter. For each session the web server sends it the
session's environment and the three pipe ends that are to be its stdin, stdout
and stderr; it forks, and the child runs the app prepared before the fork. The
child shares the fork server's memory until it writes to it.

The web server watches the child through a pidfd (it is the fork server's child,
not its own, and the fork server reaps it); a session whose fork fails for any
reason is started the old way instead. The fork server ends when the web server
does, however it ends: its stdin is a pipe from the web server, which closes with it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SOCKET_NAME = "forks.sock"
MAX_REQUEST_BYTES = 256 * 1024  # a session's environment, with room to spare
READY = b"ready\n"
REAP_SECONDS = 1.0  # how long an ended session may wait to be reaped


class ForkedProcess:
    """A forked session seen as the asyncio Process textual-serve expects: its pipes as
    streams, wait(), kill(). The exit status belongs to the fork server, which reaps it,
    so returncode is 0 for an ending, or the signal this object sent."""

    def __init__(self, pid: int, pidfd: int, stdin: asyncio.StreamWriter,
                 stdout: asyncio.StreamReader, stderr: asyncio.StreamReader) -> None:
        self.pid = pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.returncode: int | None = None
        self._pidfd = pidfd
        self._signalled: int | None = None
        self._ended = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().add_reader(pidfd, self._on_exit)

    def _on_exit(self) -> None:
        asyncio.get_running_loop().remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = -1
        self.returncode = -self._signalled if self._signalled else 0
        if not self._ended.done():
            self._ended.set_result(self.returncode)

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)

    def send_signal(self, number: int) -> None:
        if self.returncode is None and self._pidfd >= 0:
            self._signalled = number
            try:
                signal.pidfd_send_signal(self._pidfd, number)
            except ProcessLookupError:
                pass  # ended a moment ago; the pidfd will say so

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class SessionForks:
    """The web server's side: starts the fork server and asks it for sessions."""

    def __init__(self, explorer_args: list[str], environment: dict[str, str]) -> None:
        self._directory = Path(tempfile.mkdtemp(prefix="aiindex-tui-forks-"))  # mode 0700: this user only
        self.path = self._directory / SOCKET_NAME
        self.server = subprocess.Popen(
            [sys.executable, "-m", "aiindex_tui.ui.session_forks", str(self.path), *explorer_args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment,
        )
        self._readiness: asyncio.Future[bytes] | None = None

    async def fork(self, environment: dict[str, str]) -> ForkedProcess | None:
        """A new session, or None where the fork server cannot give one (the caller then
        starts the session as its own process)."""
        if self.server.poll() is not None or not await self._wait_ready():
            return None
        loop = asyncio.get_running_loop()
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        stderr_read, stderr_write = os.pipe()
        theirs, ours = (stdin_read, stdout_write, stderr_write), (stdin_write, stdout_read, stderr_read)
        try:
            pid = await loop.run_in_executor(None, self._request, environment, theirs)
        except (OSError, ValueError):
            pid = None
        finally:
            for descriptor in theirs:
                os.close(descriptor)
        pidfd = -1
        if pid is not None:
            try:
                pidfd = os.pidfd_open(pid)
            except OSError:
                pid = None  # ended already, or pidfds unsupported
        if pid is None:
            for descriptor in ours:
                os.close(descriptor)
            return None
        stdout = asyncio.StreamReader(limit=2**20)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdout), os.fdopen(stdout_read, "rb", 0))
        stderr = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stderr), os.fdopen(stderr_read, "rb", 0))
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader()), os.fdopen(stdin_write, "wb", 0),
        )
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        return ForkedProcess(pid, pidfd, stdin, stdout, stderr)

    async def _wait_ready(self) -> bool:
        """Whether the fork server has its app ready (it says so once, on its stdout; the
        sessions asking meanwhile all wait for that one line)."""
        if self._readiness is None:
            self._readiness = asyncio.get_running_loop().run_in_executor(None, self.server.stdout.readline)
        return await asyncio.shield(self._readiness) == READY

    def _request(self, environment: dict[str, str], descriptors: tuple[int, int, int]) -> int:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(str(self.path))
            socket.send_fds(connection, [json.dumps(environment).encode()], list(descriptors))
            connection.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := connection.recv(64):
                reply += chunk
        return int(reply)

    def close(self) -> None:
        """End the fork server (its sessions are the web server's to end) and remove its socket."""
        if self.server.poll() is None:
            self.server.stdin.close()
            try:
                self.server.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server.stdout.close()
        self.path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self._directory.rmdir()  # the fork server may have done it as it ended


# -- the fork server ----------------------------------------------------------


class PackProblem(ValueError):
    """The pack has problems: the session is started as its own process, which reports them."""


def explorer_options(explorer_args: list[str]) -> argparse.Namespace:
    """The explorer's options `serve` passes on (the same as its sessions' command line)."""
    parser = argparse.ArgumentParser(prog="aiindex-tui fork server", add_help=False)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--theme")
    parser.add_argument("--ascii", action="store_true")
    return parser.parse_args(explorer_args)


class PreparedExplorer:
    """The app each session is forked with, prepared again when the pack on disk changes
    (a rebuilt pack reaches the next tab, as it did when each session read it)."""

    def __init__(self, explorer_args: list[str]) -> None:
        from aiindex_tui.pack.loader import bundled_pack_dir

        self._options = explorer_options(explorer_args)
        self._directory = self._options.data or bundled_pack_dir()
        self._state: tuple = ()
        self.app: Any = None

    def current(self) -> Any:
        """The app for the pack as it is now; raises PackProblem for a pack with problems."""
        import gc

        from aiindex_tui.pack.loader import PackError, pack_state, start_loading
        from aiindex_tui.ui.app import app_for_this_terminal

        state = pack_state(self._directory)
        if self.app is None or state != self._state:
            self.app = None
            try:
                pack = start_loading(self._options.data).result()
            except PackError as error:
                raise PackProblem(f"data pack {error.directory}: {error.problems[0]}") from None
            self.app = app_for_this_terminal(pack, theme=self._options.theme, ascii_only=self._options.ascii)
            self._state = state
            gc.freeze()  # what the sessions share stays shared: collections would write to every object
        return self.app


def serve_forks(path: str, explorer_args: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the web server ends us
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    prepared = PreparedExplorer(explorer_args)
    try:
        prepared.current()
    except PackProblem as error:
        print(f"aiindex-tui: {error}", file=sys.stderr, flush=True)
        return 2
    sys.stdout.buffer.write(READY)
    sys.stdout.flush()
    while True:
        # Ended sessions are reaped here, not by ignoring SIGCHLD: preparing the app again
        # forks a pack reader and waits for it, which an ignored SIGCHLD would not let it do.
        readable, _, _ = select.select([listener, sys.stdin], [], [], REAP_SECONDS)
        _reap_ended_sessions()
        if sys.stdin in readable:  # the web server has gone, killed perhaps: nobody else tidies up
            Path(path).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                Path(path).parent.rmdir()
            return 0
        if listener not in readable:
            continue
        connection, _ = listener.accept()
        with connection:
            try:
                pid = _fork_one(connection, listener, prepared)
            except (OSError, ValueError) as error:
                # No reply: the web server starts this session as its own process, which
                # reports a pack's problems in the tab as it always has.
                print(f"aiindex-tui: a session could not be forked: {error}", file=sys.stderr, flush=True)
                continue
            try:
                connection.sendall(str(pid).encode())
            except OSError:
                pass  # the web server gave up waiting: the session ends when its stdin does


def _reap_ended_sessions() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _fork_one(connection: socket.socket, listener: socket.socket, prepared: PreparedExplorer) -> int:
    uid = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    if int.from_bytes(uid[4:8], sys.byteorder) != os.getuid():
        raise ValueError("a request from another user")  # the directory's mode already keeps them out
    request, descriptors, _, _ = socket.recv_fds(connection, MAX_REQUEST_BYTES, 3)
    try:
        if len(descriptors) != 3:
            raise ValueError("a request without its three pipes")
        environment = json.loads(request)
        app = prepared.current()
        pid = os.fork()
        if pid == 0:
            listener.close()
            connection.close()
            _become_session(descriptors, environment, app)
        return pid
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


def _become_session(descriptors: list[int], environment: dict[str, str], app: Any) -> None:
    """In the child: take the session's pipes and environment, run the app, and end."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, descriptor in enumerate(descriptors):
            os.dup2(descriptor, target)
        os.environ.clear()
        os.environ.update(environment)
        from aiindex_tui.ui.app import run_app

        code = run_app(app)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


if __name__ == "__main__":
    raise SystemExit(serve_forks(sys.argv[1], sys.argv[2:]))

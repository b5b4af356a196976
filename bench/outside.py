"""Start-up and keys as the user sees them: the app in a pseudo-terminal, its bytes fed to a
terminal emulator (pyte), timed until the screen stops changing.

An in-process probe stops at the first frame that shows some widget; a user waits
for the whole first screen, footer included. Here the clock runs from launching
the process to the last change of the emulated screen before it stays still.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pyte

HERE = Path(__file__).resolve().parent
QUIET_SECONDS = 0.6  # no output for this long after the footer appeared: the screen is complete
GIVE_UP_SECONDS = 30.0
KEY_QUIET = 0.15  # no output for this long after a key: the screen it caused is complete


@dataclass(frozen=True)
class FirstScreen:
    seconds: float  # from launch to the last change of the screen
    lines: tuple[str, ...]  # the screen as it then was


class Terminal:
    """``command`` in a pseudo-terminal of ``size``, its output fed to a terminal emulator."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        columns, rows = size
        self.command = command
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.lines: tuple[str, ...] = ()
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the app, on the pty's other end
            os.execvpe(command[0], command, {**env, "TERM": "xterm-256color", "COLUMNS": "", "LINES": ""})
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def read(self, quiet: float, until: float) -> float | None:
        """Read until no output has come for ``quiet`` seconds (or ``until``, a perf_counter
        time, has passed); when the screen last changed meanwhile, None if it did not."""
        changed = None
        while time.perf_counter() < until:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return changed
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the child ended
                data = b""
            if not data:
                raise RuntimeError(f"{self.command} ended; its screen was:\n" + "\n".join(self.lines))
            self.stream.feed(data)
            lines = tuple(self.screen.display)
            if lines != self.lines:
                self.lines, changed = lines, time.perf_counter()
        return changed

    def settled(self, done_when: str) -> float:
        """When the screen last changed before it showed ``done_when`` on its last line and then
        stayed unchanged for QUIET_SECONDS."""
        last_change = self.started
        deadline = self.started + GIVE_UP_SECONDS
        while time.perf_counter() < deadline:
            changed = self.read(QUIET_SECONDS, deadline)
            if changed is not None:
                last_change = changed
            elif self.lines and done_when in self.lines[-1]:
                return last_change
        raise RuntimeError(f"{self.command} did not settle with {done_when!r}; the screen was:\n" + "\n".join(self.lines))

    def press(self, key: bytes) -> float | None:
        """Seconds from writing ``key`` to the last change of the screen it caused (KEY_QUIET
        without output ends it); None where the screen did not change."""
        self.read(KEY_QUIET, time.perf_counter() + GIVE_UP_SECONDS)  # whatever came before is not this key's
        sent = time.perf_counter()
        os.write(self.fd, key)
        changed = self.read(KEY_QUIET, sent + GIVE_UP_SECONDS)
        return None if changed is None else changed - sent

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def first_screen(command: list[str], env: dict[str, str], size: tuple[int, int], done_when: str) -> FirstScreen:
    """Run ``command`` in a pty of ``size`` until its screen shows ``done_when`` on the last line
    and then stays unchanged for QUIET_SECONDS; return when it last changed."""
    terminal = Terminal(command, env, size)
    try:
        return FirstScreen(terminal.settled(done_when) - terminal.started, terminal.lines)
    finally:
        terminal.close()


def key_latencies(env: dict[str, str], size: tuple[int, int], presses: int) -> dict[str, list[float]]:
    """Keys as a terminal shows them: the explorer, the bare two-page app and the same-shape app
    each in a pty, keys taking turns between the three so that drift hits all alike. The
    explorer's section switch (visited), view switch and zoom; the bare app's page switch; the
    same keys in the same-shape app (its results named "same-shape <key>")."""
    app = Terminal(app_command(), env, size)
    bare = Terminal(bare_pages_command(), env, size)
    shape = Terminal(same_shape_command(), env, size)
    results: dict[str, list[float]] = {"bare page switch": [], "section switch (visited)": [], "view switch": [], "zoom": []}
    try:
        for terminal in (app, bare, shape):
            terminal.settled("Quit")
        walk = [b"j"] * 5 + [b"k"] * 5  # down the sidebar and back up
        for key in walk:  # every section visited once first: first visits are another measure
            app.press(key)

        def take_turns(action: str, keys: list[bytes], shape_keys: list[bytes]) -> None:
            for n in range(presses):
                for terminal, key, name in (
                    (app, keys[n % len(keys)], action), (bare, b"n", "bare page switch"),
                    (shape, shape_keys[n % len(shape_keys)], f"same-shape {action}"),
                ):
                    seconds = terminal.press(key)
                    if seconds is not None:
                        results.setdefault(name, []).append(seconds)

        take_turns("section switch (visited)", walk, walk)
        app.press(b"2")
        app.press(b"\r")  # the section's figures focused
        take_turns("view switch", [b"t", b"s", b"c"], [b"t", b"c"])
        take_turns("zoom", [b"z"], [b"z"])
    finally:
        for terminal in (app, bare, shape):
            terminal.close()
    return results


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "aiindex_tui", *args]


def baseline_command() -> list[str]:
    return [sys.executable, str(HERE / "baseline_app.py")]


def same_shape_command() -> list[str]:
    return [sys.executable, str(HERE / "baseline_app.py"), "same-shape"]


def overview_shape_command() -> list[str]:
    return [sys.executable, str(HERE / "baseline_app.py"), "overview-shape"]


def bare_pages_command() -> list[str]:
    return [sys.executable, str(HERE / "baseline_app.py"), "two-pages"]

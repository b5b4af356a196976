"""Start-up as the user sees it: the app in a pseudo-terminal, its bytes fed to a terminal
emulator (pyte), timed until the screen stops changing.

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


@dataclass(frozen=True)
class FirstScreen:
    seconds: float  # from launch to the last change of the screen
    lines: tuple[str, ...]  # the screen as it then was


def first_screen(command: list[str], env: dict[str, str], size: tuple[int, int], done_when: str) -> FirstScreen:
    """Run ``command`` in a pty of ``size`` until its screen shows ``done_when`` on the last line
    and then stays unchanged for QUIET_SECONDS; return when it last changed."""
    columns, rows = size
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the pty's other end
        os.execvpe(command[0], command, {**env, "TERM": "xterm-256color", "COLUMNS": "", "LINES": ""})
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.kill(pid, signal.SIGWINCH)
        last_change, seen = started, ()
        deadline = started + GIVE_UP_SECONDS
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], QUIET_SECONDS)
            if not ready:
                if seen and done_when in seen[-1]:
                    return FirstScreen(last_change - started, seen)
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:  # the child ended
                break
            if not data:
                break
            stream.feed(data)
            lines = tuple(screen.display)
            if lines != seen:
                seen, last_change = lines, time.perf_counter()
        raise RuntimeError(f"{command} did not settle with {done_when!r}; the screen was:\n" + "\n".join(seen))
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "aiindex_tui", *args]


def baseline_command() -> list[str]:
    return [sys.executable, str(HERE / "baseline_app.py")]

"""A real terminal for tests: a detached tmux session driven by send-keys."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Callable

TMUX = shutil.which("tmux")
APP = str(Path(sys.executable).with_name("aiindex-tui"))
EXIT_MARK = "SESSION-ENDED:"


class TmuxTerminal:
    """One tmux server of its own (its own socket), so tests never touch the user's."""

    def __init__(self, width: int, height: int) -> None:
        self.socket = f"aiindex-test-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=30, check=check
        )
        return result.stdout

    def start(self, command: str, env: dict[str, str] | None = None) -> None:
        """Run ``command`` in a shell, then print its exit code after EXIT_MARK."""
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # COLUMNS and LINES would override the real size (shutil.get_terminal_size reads them first).
        unset = "unset LC_ALL LC_CTYPE LANG NO_COLOR COLORTERM COLUMNS LINES;"
        shell = f"{unset} {('export ' + assignments + ';') if assignments else ''} {command}; echo {EXIT_MARK}$?; sleep 600"
        self.tmux(
            "new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height),
            f"bash --noprofile --norc -c {shlex.quote(shell)}",
        )

    def keys(self, *keys: str, literal: bool = False) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", *(["-l"] if literal else []), key)
            time.sleep(0.05)

    def screen(self, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "t")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def wait_until(self, holds: Callable[[str], object], what: str, timeout: float = 20.0) -> str:
        """The first screen for which ``holds`` is true; ``what`` names the condition in a failure."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if holds(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{what} did not appear; the screen was:\n{screen}")

    def wait_for_first_screen(self) -> str:
        """The explorer's complete first screen: title bar and footer, which is drawn last."""
        return self.wait_until(
            lambda screen: "bundled pack" in screen.splitlines()[0] and "Quit" in footer(screen),
            "the first screen with its footer",
        )

    def wait_for_exit(self, timeout: float = 20.0) -> int:
        screen = self.wait_for(EXIT_MARK, timeout)
        line = next(line for line in screen.splitlines() if EXIT_MARK in line)
        return int(line.split(EXIT_MARK, 1)[1].split()[0])

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))
        self.width, self.height = width, height

    def close(self) -> None:
        self.tmux("kill-server", check=False)

    def __enter__(self) -> TmuxTerminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def utf8_env() -> dict[str, str]:
    return {"LANG": "C.UTF-8", "TERM": os.environ.get("TERM", "xterm-256color")}


# Escape sequences that only a broken exit would leave on the shell's screen.
STRAY = re.compile(r"\x1b|\[\?1049|\[\?25[hl]|\[\?1000")

# Conditions that only one state of the explorer shows (the overview lists every
# article value and has a "period" column, so values alone prove nothing).
TABLE_HEADER = re.compile(r"period [▲▼^v] +entity +\S")
# Braille, quadrants, rounded corners, eighth blocks and a few symbols the Linux
# console font lacks (it has full and half blocks: █ ▌ ▐ ▀ ▄).
CONSOLE_UNSAFE = re.compile("[\u2800-\u28ff\u2596-\u259f\u256d-\u2570\u2581-\u2583\u2585-\u2587\u2589-\u258b\u258d-\u258f⚑▲▼…●◆]")
# The first line of the Sources view: its headings may be below the fold at 80x24.
SOURCES_VIEW = "Figure id: "


def footer(screen: str) -> str:
    """The terminal's bottom row, where the explorer draws its footer.

    Not the last non-blank row: after a resize, a footer drawn at the old
    height can still be on screen above a bottom row not yet drawn.
    """
    lines = screen.splitlines()
    return lines[-1] if lines else ""


def figure_focused(title_start: str) -> Callable[[str], bool]:
    """The figure whose title starts so is on screen and a figure has focus (z Zoom in the footer)."""
    return lambda screen: title_start in screen and "Zoom" in footer(screen)


def sections_focused(screen: str) -> bool:
    """The sections list has focus: its enter key leads the footer, and no figure's keys are there."""
    return footer(screen).startswith("enter Open ") and "Zoom" not in footer(screen)


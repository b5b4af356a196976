"""The screen shown while the terminal is smaller than the explorer needs."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from aiindex_tui.output.glyphs import Glyphs
from aiindex_tui.ui.modal import OverExplorer

MIN_WIDTH, MIN_HEIGHT = 60, 16


def is_too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class TooSmallScreen(OverExplorer, Screen[None]):
    """Says how large the terminal must be; only q acts until it is large enough."""

    def app_action_allowed(self, action: str) -> bool:
        return action == "quit"

    BINDINGS = [Binding("q", "app.quit", "Quit", tooltip="Quit and restore the terminal", id="too-small.quit")]

    def __init__(self, glyphs: Glyphs, size: Size) -> None:
        super().__init__(id="too-small-screen")
        self.glyphs = glyphs
        self.terminal_size = size

    def _message(self) -> Text:
        times, (width, height) = self.glyphs.times, self.terminal_size
        return Text(
            f"Terminal too small: need at least {MIN_WIDTH}{times}{MIN_HEIGHT}, "
            f"have {width}{times}{height}.\nEnlarge the window, or press q to quit."
        )

    def compose(self) -> ComposeResult:
        yield Static(self._message(), id="too-small")

    def show_size(self, size: Size) -> None:
        self.terminal_size = size
        if self.is_mounted:
            self.query_one("#too-small", Static).update(self._message())

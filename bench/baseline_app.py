"""The start-up baseline: a bare Textual app with a Static and a Footer, nothing more."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static


class BaselineApp(App):
    BINDINGS = [Binding("q", "quit", "Quit"), Binding("question_mark", "help", "Help")]

    def compose(self) -> ComposeResult:
        yield Static("The baseline: one Static and a Footer.")
        yield Footer()


if __name__ == "__main__":
    BaselineApp().run()

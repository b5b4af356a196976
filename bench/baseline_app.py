"""The baselines: a bare Textual app with a Static and a Footer (start-up), and one with two
screenfuls of text and a footer (keys). ``python baseline_app.py two-pages`` runs the second."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static


class BaselineApp(App):
    BINDINGS = [Binding("q", "quit", "Quit"), Binding("question_mark", "help", "Help")]

    def compose(self) -> ComposeResult:
        yield Static("The baseline: one Static and a Footer.")
        yield Footer()


class TwoPagesApp(App):
    """The floor for keys that change the layout: a bare app with a footer and two screenfuls
    of plain text, where ``n`` shows the other one (like a switch between two sections)."""

    BINDINGS = [("n", "next_page", "Next"), Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        words = "US China models papers patents share gap "
        for page in ("first", "second"):
            yield Static("\n".join(f"{page} {n:3} {words * 3}" for n in range(60)), id=page)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#second").display = False

    def action_next_page(self) -> None:
        for page in self.query("Static#first, Static#second"):
            page.display = not page.display


if __name__ == "__main__":
    (TwoPagesApp if sys.argv[1:] == ["two-pages"] else BaselineApp)().run()

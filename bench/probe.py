"""One measured run in a fresh process, started by bench/run.py.

    python bench/probe.py first-frame bare|app [aiindex-tui arguments...]
    python bench/probe.py session bare|app

``first-frame`` starts the app headless and exits right after the first frame
that shows the target widget (the bare app's Static; the explorer's chart, which
is drawn after the sidebar and the section's figure cards are laid out, or the
overview's headline list).
``session`` browses every section, view and a theme change, then prints the
process's peak resident memory in KiB.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

SESSION_KEYS = ["j"] * 8 + ["k"] * 8 + ["enter", "t", "s", "c", "escape", "ctrl+p", "escape"]


def peak_rss_kib() -> int:
    """This process's peak resident memory. (ru_maxrss would also count the memory
    of the benchmark that started it, which Linux carries over into the child.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _exit_after_render(widget_class: type, method: str, run_app) -> None:
    """Make the first render of ``widget_class`` end the app once that frame is done."""
    original = getattr(widget_class, method)

    def render(self, *args):
        result = original(self, *args)
        self.app.call_later(self.app.exit)
        return result

    setattr(widget_class, method, render)
    # A widget that never draws would leave the benchmark waiting for ever.
    give_up = threading.Timer(GIVE_UP_SECONDS, lambda: os._exit(3))
    give_up.daemon = True
    give_up.start()
    run_app()


SIZE = (120, 40)  # both apps, large enough to show a section's first chart
GIVE_UP_SECONDS = 20


def _run_headless(app_run):
    # Headless, as the benchmark has no terminal; the same for both apps.
    def run(self, *args, **kwargs):
        kwargs.update(headless=True, size=SIZE)
        return app_run(self, *args, **kwargs)

    App.run = run


def bare_app() -> App:
    from textual.widgets import Static

    class BareApp(App):
        def compose(self):
            yield Static("The bare app: one Static.")

    return BareApp()


async def browse(pilot: Pilot) -> None:
    app = pilot.app
    for key in SESSION_KEYS:
        await pilot.press(key)
    app.theme = "textual-light"
    await pilot.pause()
    app.exit()


def main(argv: list[str]) -> int:
    measure, which, *app_args = argv
    if measure == "first-frame":
        if which == "bare":
            from textual.widgets import Static

            _exit_after_render(Static, "render", lambda: bare_app().run(headless=True, size=SIZE))
        else:
            from aiindex_tui.cli import main as cli_main

            _run_headless(App.run)
            if "--section" in app_args:  # the section's first chart, drawn line by line
                from aiindex_tui.ui.figure_chart import FigureChart as last_drawn
                method = "render_line"
            else:  # the overview's table of headline values, drawn line by line
                from aiindex_tui.ui.detail_pane import HeadlineList as last_drawn
                method = "render_lines"
            _exit_after_render(last_drawn, method, lambda: cli_main(app_args))
        return 0
    if measure == "session":
        if which == "bare":
            bare_app().run(headless=True, auto_pilot=browse)
        else:
            from aiindex_tui.ui.app import make_app

            make_app().run(headless=True, size=(120, 40), auto_pilot=browse)
        print(peak_rss_kib())
        return 0
    raise SystemExit(f"unknown measure {measure!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Latency from a key press to the refreshed screen, in a headless app.

The clock starts when the key is handed to the app, as a terminal driver would
hand it, and stops at the last frame that the key caused. Each frame is also
encoded as terminal output (which a headless app skips), so the cost of writing
it is counted. Textual paints on a refresh timer, so no latency is shorter than
the wait for that timer's next tick.
"""

from __future__ import annotations

import asyncio
import time

from textual import events
from textual.app import App

from aiindex_tui.ui.app import make_app
from aiindex_tui.pack.loader import load_pack

SETTLE_SECONDS = 0.06  # no frame for this long: the key's work is done
THEMES = ("textual-dark", "textual-light")


class FrameClock:
    """Timestamps every frame the app produces, after encoding it as a terminal would."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.frames: list[float] = []
        self._display = app._display
        app._display = self._record  # type: ignore[method-assign]

    def _record(self, screen, renderable) -> None:
        if renderable is not None:
            if hasattr(renderable, "render_segments"):
                renderable.render_segments(self.app.console)
            self.frames.append(time.perf_counter())
        self._display(screen, renderable)

    async def settle(self) -> None:
        """Wait until the app has produced no frame for SETTLE_SECONDS."""
        while True:
            count = len(self.frames)
            await asyncio.sleep(SETTLE_SECONDS)
            if len(self.frames) == count:
                return

    async def time(self, act) -> float | None:
        """Seconds from ``act()`` to the last frame it caused (None if it drew nothing)."""
        await self.settle()
        self.frames.clear()
        started = time.perf_counter()
        act()
        await self.settle()
        return self.frames[-1] - started if self.frames else None


def _key(app: App, key: str) -> None:
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)  # as the terminal driver delivers keys


async def measure_latencies(size: tuple[int, int], presses: int) -> dict[str, list[float]]:
    app = make_app(load_pack(), theme=THEMES[0])
    results: dict[str, list[float]] = {"section switch": [], "view switch": [], "theme change": []}
    async with app.run_test(size=size) as pilot:
        clock = FrameClock(app)
        last = len(app.pack.sections) - 1
        walk = ["j"] * last + ["k"] * last  # down the sidebar and back up
        for n in range(presses):
            key = walk[n % len(walk)]
            results["section switch"].append(await clock.time(lambda key=key: _key(app, key)))

        await pilot.press("2", "enter")  # a section with charts, figures focused
        views = ["t", "s", "c"]
        for n in range(presses):
            key = views[n % len(views)]
            results["view switch"].append(await clock.time(lambda key=key: _key(app, key)))

        for n in range(presses):
            theme = THEMES[(n + 1) % len(THEMES)]
            results["theme change"].append(await clock.time(lambda theme=theme: setattr(app, "theme", theme)))
    return {action: [s for s in seconds if s is not None] for action, seconds in results.items()}

"""Latency from a key press to the refreshed screen, in a headless app.

The clock starts when the key is handed to the app, as a terminal driver would
hand it, and stops at the last frame that the key caused. Each frame is also
encoded as terminal output (which a headless app skips), so the cost of writing
it is counted. Textual paints on a refresh timer, so no latency is shorter than
the wait for that timer's next tick.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from textual import events
from textual.app import App

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the suite's record writer, tests/support

from aiindex_tui.ui.app import make_app
from baseline_app import SameShapeApp, TwoPagesApp
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


CHARACTERS = {"left_square_bracket": "[", "right_square_bracket": "]"}  # keys named apart from what they type


def _key(app: App, key: str) -> None:
    event = events.Key(key, key if len(key) == 1 else CHARACTERS.get(key))
    event.set_sender(app)
    app._driver.send_message(event)  # as the terminal driver delivers keys


async def _time_keys(clock: FrameClock, keys: list[str], presses: int) -> list[float | None]:
    """Each of ``presses`` keys, taken from ``keys`` in turn, timed to its last frame."""
    return [await clock.time(lambda key=keys[n % len(keys)]: _key(clock.app, key)) for n in range(presses)]


async def _time_theme_flips(clock: FrameClock, presses: int) -> list[float | None]:
    return [
        await clock.time(lambda theme=THEMES[(n + 1) % len(THEMES)]: setattr(clock.app, "theme", theme))
        for n in range(presses)
    ]


def _drawn(results: dict[str, list[float | None]]) -> dict[str, list[float]]:
    """Each action's times, leaving out presses that drew nothing."""
    return {action: [s for s in seconds if s is not None] for action, seconds in results.items()}


async def measure_latencies(size: tuple[int, int], presses: int) -> dict[str, list[float]]:
    app = make_app(load_pack(), theme=THEMES[0])
    results: dict[str, list[float | None]] = {}
    async with app.run_test(size=size) as pilot:
        clock = FrameClock(app)
        last = len(app.pack.sections) - 1
        walk = ["j"] * last + ["k"] * last  # down the sidebar and back up
        await _time_keys(clock, walk, len(walk))  # every section visited once first: first visits are measured apart
        results["section switch (visited)"] = await _time_keys(clock, walk, presses)

        await pilot.press("2", "enter")  # a section with charts, figures focused
        results["view switch"] = await _time_keys(clock, ["t", "s", "c"], presses)
        results["zoom"] = await _time_keys(clock, ["z"], presses)  # the focused figure on the whole screen and back
        results["theme change"] = await _time_theme_flips(clock, presses)

        # The chart keys, on notable models (bars with a gap view, a log scale and three periods).
        await pilot.press("3", "enter")
        results["gap"] = await _time_keys(clock, ["d"], presses)  # difference, ratio, both series
        results["log"] = await _time_keys(clock, ["L"], presses)
        await clock.time(lambda: _key(app, "right_square_bracket"))  # a period marked to start from
        results["period mark"] = await _time_keys(clock, ["right_square_bracket"] * 2 + ["left_square_bracket"] * 2, presses)
    return _drawn(results)


async def measure_bare(size: tuple[int, int], presses: int) -> dict[str, list[float]]:
    """The floor: the two-page app's page switch (what Textual itself takes for one layout)
    and its theme change (what Textual takes to restyle and redraw a screen of text)."""
    app = TwoPagesApp()
    async with app.run_test(size=size):
        clock = FrameClock(app)
        results = {"switch": await _time_keys(clock, ["n"], presses), "theme change": await _time_theme_flips(clock, presses)}
    return _drawn(results)


async def measure_same_shape(size: tuple[int, int], presses: int) -> dict[str, list[float]]:
    """The same keys in an app of the explorer's shape built from Textual's widgets and text:
    what Textual itself takes to switch, restyle and lay out a screen like ours."""
    app = SameShapeApp()
    app.theme = THEMES[0]
    async with app.run_test(size=size):
        clock = FrameClock(app)
        results = {
            "section switch (visited)": await _time_keys(clock, ["j"] * 5 + ["k"] * 5, presses),
            "view switch": await _time_keys(clock, ["t", "c"], presses),
            "zoom": await _time_keys(clock, ["z"], presses),
            "theme change": await _time_theme_flips(clock, presses),
        }
    return _drawn(results)


READING_SECONDS = 1.0  # a reader looks at the first screen this long before the first key


def _pane_is_empty(app) -> bool:
    """Whether the detail pane shows no section, or one whose widgets are not all mounted."""
    from aiindex_tui.ui.detail_pane import SectionView

    shown = [view for view in app.query(SectionView) if view.display]
    return len(shown) != 1 or not shown[0].mounted.is_set()


async def measure_first_visits(size: tuple[int, int], runs: int) -> tuple[list[float], int, int]:
    """Latency of each section's first visit, walking down the sidebar once per fresh app,
    a moment after start-up; and how many of the frames drawn showed an empty pane."""
    latencies: list[float] = []
    frames = empty = 0
    pack = load_pack()
    for _ in range(runs):
        app = make_app(pack, theme=THEMES[0])
        async with app.run_test(size=size):
            clock = FrameClock(app)
            await asyncio.sleep(READING_SECONDS)
            await clock.settle()
            record = app._display

            def check(screen, renderable, record=record, app=app) -> None:
                nonlocal frames, empty
                if renderable is not None:
                    frames += 1
                    empty += _pane_is_empty(app)
                record(screen, renderable)

            app._display = check  # type: ignore[method-assign]
            for _ in range(len(pack.sections) - 1):
                seconds = await clock.time(lambda: _key(app, "j"))
                if seconds is not None:
                    latencies.append(seconds)
    return latencies, frames, empty


async def measure_same_shape_first_visits(size: tuple[int, int], runs: int) -> list[float]:
    """The same-shape app mounting and showing each next section once per fresh app: what
    Textual itself takes to mount a section of this shape."""
    latencies: list[float | None] = []
    for _ in range(runs):
        app = SameShapeApp(first_visits=True)
        app.theme = THEMES[0]
        async with app.run_test(size=size):
            clock = FrameClock(app)
            await asyncio.sleep(READING_SECONDS)
            latencies += await _time_keys(clock, ["j"], 5)
    return _drawn({"first visit": latencies})["first visit"]


async def measure_records_table(rows: int, presses: int, size: tuple[int, int] = (80, 24)) -> dict[str, list[float]]:
    """Opening a rows screen of ``rows`` rows, scroll keys in it, and keystrokes of its filter."""
    from tests.support.packs import many_records

    from aiindex_tui.output.glyphs import UNICODE
    from aiindex_tui.ui.records_screen import RecordsScreen

    records = many_records(rows)
    every = tuple(range(rows))
    results: dict[str, list[float]] = {"open": [], "scroll key": [], "filter keystroke": []}
    app = make_app(load_pack(), theme=THEMES[0])
    async with app.run_test(size=size) as pilot:
        clock = FrameClock(app)
        opens = max(3, presses // 30)
        for _ in range(opens):  # opened afresh each time, as enter on a figure does
            results["open"].append(await clock.time(
                lambda: app.push_screen(RecordsScreen(records, every, title="Many rows", scope="all", glyphs=UNICODE))
            ))
            if len(results["open"]) < opens:
                await clock.time(lambda: _key(app, "escape"))
        scroll = ["j"] * 20 + ["pagedown"] * 3 + ["k"] * 20 + ["pageup"] * 3
        for n in range(presses):
            key = scroll[n % len(scroll)]
            results["scroll key"].append(await clock.time(lambda key=key: _key(app, key)))
        typed = list("model 0123") + ["backspace"] * 10
        for n in range(presses):
            if n % len(typed) == 0:
                # A fresh screen for each query typed: the filter keeps the rows of every query
                # it has seen, so typing the same one again would only measure those.
                await clock.time(lambda: _key(app, "escape"))
                await clock.time(lambda: app.push_screen(
                    RecordsScreen(records, every, title="Many rows", scope="all", glyphs=UNICODE)
                ))
                await pilot.press("tab")  # into the filter
            key = typed[n % len(typed)]
            results["filter keystroke"].append(await clock.time(lambda key=key: _key(app, key)))
    return {action: [s for s in seconds if s is not None] for action, seconds in results.items()}

"""Waiting in tests: for a condition only the new state shows, never longer than a deadline."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

DEADLINE = 30.0  # seconds: far above what a busy machine needs, and a failure instead of a hang


async def until(
    pilot, condition: Callable[[], object], what: str = "", *, deadline: float = DEADLINE, step: float | None = 0.02,
) -> None:
    """Let the app run until ``condition()`` holds; fail, saying ``what`` was awaited, after ``deadline``.
    ``step`` is how long to let it run between looks; None waits for the app to be idle."""

    async def poll() -> None:
        while not condition():
            await pilot.pause(step)

    try:
        await asyncio.wait_for(poll(), deadline)
    except TimeoutError:
        raise AssertionError(f"waited {deadline:.0f} s for {what or 'a condition'} in vain") from None


async def steady(pilot, picture: Callable[[], object], what: str = "", *, looks: int = 3, deadline: float = DEADLINE) -> None:
    """Let the app run, a frame at a time, until ``picture()`` gives the same result ``looks``
    times in a row: for what follows a key by a few frames (a scroll after a refresh), where
    no single new state marks the end. Fails after ``deadline``."""

    async def watch() -> None:
        last, same = object(), 0
        while same < looks:
            await pilot.pause()  # processes what is queued, then draws a frame
            await pilot.wait_for_scheduled_animations()
            current = picture()
            same = same + 1 if current == last else 1
            last = current

    try:
        await asyncio.wait_for(watch(), deadline)
    except TimeoutError:
        raise AssertionError(f"waited {deadline:.0f} s for {what or 'the screen'} to settle in vain") from None


def layout_of(app) -> tuple:
    """Where everything on the app's screen is, and how far each part is scrolled: cheap to
    take each frame, and it changes with every late scroll or re-layout."""
    screen = app.screen
    return (
        len(app.screen_stack), screen.focused,
        tuple((widget, widget.region, widget.scroll_offset, widget.virtual_size) for widget in screen.walk_children() if widget.display),
    )

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
